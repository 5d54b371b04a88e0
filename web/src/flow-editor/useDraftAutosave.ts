import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import type { Diagnostic, FlowGraph } from '@patron/schema/flow';
import { fromServer, type ServerDiagnostic } from './graph/diagnostics';

export type SaveState = 'saved' | 'pending' | 'saving' | 'error' | 'conflict';

/** What the page gives the editor to store a draft; the editor knows nothing of GraphQL. */
export type SaveDraft = (
  graph: FlowGraph,
  expectedRevision: number | null,
) => Promise<{ kind: 'saved'; revision: number; diagnostics: ServerDiagnostic[] } | { kind: 'conflict'; message: string } | { kind: 'error'; message: string }>;

/**
 * Saves the draft shortly after each edit, with the revision it was loaded at: when another
 * tab saved in between, the server refuses and the editor says so instead of overwriting.
 */
export function useDraftAutosave(graph: Readonly<Ref<FlowGraph>>, initialRevision: number, save: SaveDraft, delayMs = 700) {
  const state = ref<SaveState>('saved');
  const revision = ref(initialRevision);
  const serverDiagnostics = ref<Diagnostic[]>([]);
  const lastError = ref<string | null>(null);
  let saved: FlowGraph = graph.value;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;

  async function run(force = false): Promise<void> {
    clearTimeout(timer);
    if (running) await running;
    if (state.value === 'conflict' && !force) return;
    const current = graph.value;
    if (current === saved && !force) {
      if (state.value !== 'error') state.value = 'saved';
      return;
    }
    state.value = 'saving';
    running = (async () => {
      try {
        const result = await save(current, force ? null : revision.value);
        if (result.kind === 'saved') {
          saved = current;
          revision.value = result.revision;
          serverDiagnostics.value = result.diagnostics.map(fromServer);
          lastError.value = null;
          state.value = graph.value === current ? 'saved' : 'pending';
        } else {
          lastError.value = result.message;
          state.value = result.kind;
        }
      } catch (thrown) {
        lastError.value = thrown instanceof Error ? thrown.message : String(thrown);
        state.value = 'error';
      } finally {
        running = null;
      }
    })();
    await running;
    // The save may have found newer edits waiting (state is set inside the task above).
    if ((state.value as SaveState) === 'pending') schedule();
  }

  function schedule() {
    clearTimeout(timer);
    if (state.value === 'conflict') return;
    state.value = 'pending';
    timer = setTimeout(() => void run(), delayMs);
  }

  watch(graph, (next) => {
    if (next !== saved) schedule();
  });

  /** The draft is the server's again (loaded, restored): nothing to save. */
  function adopt(next: FlowGraph, nextRevision: number) {
    clearTimeout(timer);
    saved = next;
    revision.value = nextRevision;
    state.value = 'saved';
  }

  const beforeUnload = (event: BeforeUnloadEvent) => {
    if (state.value !== 'saved') event.preventDefault();
  };
  window.addEventListener('beforeunload', beforeUnload);
  onBeforeUnmount(() => {
    window.removeEventListener('beforeunload', beforeUnload);
    if (state.value === 'pending') void run();
  });

  return {
    state,
    revision,
    serverDiagnostics,
    lastError,
    /** Saves now (before publishing). */
    flush: () => run(),
    /** Keeps this tab's draft over the other tab's. */
    overwrite: () => run(true),
    adopt,
  };
}
