import { onBeforeUnmount, onMounted } from 'vue';
import { isClipboard, type FlowClipboard } from './graph/graph-edits';

export interface EditorCommands {
  undo(): void;
  redo(): void;
  remove(): void;
  duplicate(): void;
  selectAll(): void;
  save(): void;
  fit(): void;
  layout(): void;
  copy(): FlowClipboard | null;
  paste(fragment: FlowClipboard): void;
}

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/**
 * Keyboard shortcuts of the editor, as in the tools marketers know: Delete, Ctrl+Z,
 * Ctrl+Shift+Z / Ctrl+Y, Ctrl+C / Ctrl+V (through the system clipboard), Ctrl+D, Ctrl+A,
 * Ctrl+S, F to fit, L to lay out. Ignored while typing in a field.
 */
export function useEditorShortcuts(commands: EditorCommands, enabled: () => boolean) {
  function onKeyDown(event: KeyboardEvent) {
    if (!enabled()) return;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (mod && key === 's') {
      event.preventDefault();
      commands.save();
      return;
    }
    if (typing(event.target)) return;
    const run = (command: () => void) => {
      event.preventDefault();
      command();
    };
    if (mod && key === 'z') run(event.shiftKey ? commands.redo : commands.undo);
    else if (mod && key === 'y') run(commands.redo);
    else if (mod && key === 'd') run(commands.duplicate);
    else if (mod && key === 'a') run(commands.selectAll);
    else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) run(commands.remove);
    else if (!mod && !event.altKey && key === 'f') run(commands.fit);
    else if (!mod && !event.altKey && key === 'l') run(commands.layout);
  }

  function onCopy(event: ClipboardEvent) {
    if (!enabled() || typing(event.target) || !event.clipboardData) return;
    const fragment = commands.copy();
    if (!fragment) return;
    event.preventDefault();
    event.clipboardData.setData('text/plain', JSON.stringify(fragment));
  }

  function onPaste(event: ClipboardEvent) {
    if (!enabled() || typing(event.target)) return;
    try {
      const value: unknown = JSON.parse(event.clipboardData?.getData('text/plain') ?? '');
      if (!isClipboard(value)) return;
      event.preventDefault();
      commands.paste(value);
    } catch {
      // Not a piece of a flow: leave the paste alone.
    }
  }

  onMounted(() => {
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKeyDown);
    document.removeEventListener('copy', onCopy);
    document.removeEventListener('paste', onPaste);
  });
}
