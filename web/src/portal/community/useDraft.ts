import { onBeforeUnmount, ref, watch, type Ref } from 'vue';

const PREFIX = 'patron.forum.draft.';

function read(key: string): { body: string; title?: string } | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as { body: string; title?: string }) : null;
  } catch {
    return null; // storage off (private mode) or a corrupt entry: no draft
  }
}

/**
 * Keeps what a member is writing in localStorage under a scope ("topic:<id>"), half a
 * second after each change, so that a reload or a lost connection loses nothing. Emptying
 * the text (sending it) removes the draft at once.
 */
export function useDraft(key: () => string | null, body: Ref<string>, title?: Ref<string>) {
  const restored = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;

  function save() {
    const scope = key();
    if (!scope) return;
    try {
      if (!body.value.trim() && !title?.value.trim()) localStorage.removeItem(PREFIX + scope);
      else localStorage.setItem(PREFIX + scope, JSON.stringify({ body: body.value, ...(title ? { title: title.value } : {}) }));
    } catch {
      // full or off: the text is still on screen
    }
  }

  watch([body, () => title?.value], () => {
    clearTimeout(timer);
    if (!body.value.trim() && !title?.value.trim()) {
      save();
      restored.value = false;
    } else timer = setTimeout(save, 500);
  });
  onBeforeUnmount(() => {
    clearTimeout(timer);
    save();
  });

  return {
    restored,
    /** Puts a kept draft back when nothing is written yet. */
    restore() {
      const scope = key();
      const kept = scope ? read(scope) : null;
      if (!kept || body.value.trim() || !(kept.body?.trim() || kept.title?.trim())) return;
      body.value = kept.body ?? '';
      if (title && kept.title) title.value = kept.title;
      restored.value = true;
    },
    discard() {
      body.value = '';
      if (title) title.value = '';
    },
  };
}
