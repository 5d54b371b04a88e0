import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { useApolloClient } from '@vue/apollo-composable';
import type { SegmentRule } from '@patron/schema/segments';
import { PreviewSegmentQuery } from '../../graphql/segments';

const DEBOUNCE_MS = 400;

/**
 * The live count of the builder: previewSegment for the definition on screen, asked once
 * the marketer pauses, and only for definitions the shared schema accepts. An answer that
 * arrives after a newer question is dropped.
 */
export function useSegmentPreview(definition: Ref<SegmentRule>, valid: Ref<boolean>, enabled: Ref<boolean>) {
  const { resolveClient } = useApolloClient();
  const count = ref<number | null>(null);
  const counting = ref(false);
  /** What the server said when it would not count (a rule it cannot run yet). */
  const problem = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;

  async function ask(rule: SegmentRule) {
    const ticket = ++asked;
    counting.value = true;
    try {
      const { data } = await resolveClient().query({ query: PreviewSegmentQuery, variables: { definition: rule }, fetchPolicy: 'no-cache' });
      if (ticket !== asked) return;
      const answer = data.previewSegment;
      count.value = answer.__typename === 'SegmentPreview' ? answer.members : null;
      problem.value = answer.__typename === 'ValidationError' ? answer.fieldErrors.map((e) => e.message).join(' ') : null;
    } catch {
      if (ticket === asked) {
        count.value = null;
        problem.value = null;
      }
    } finally {
      if (ticket === asked) counting.value = false;
    }
  }

  watch(
    [definition, valid, enabled],
    ([rule, ok, on]) => {
      clearTimeout(timer);
      if (!ok || !on) {
        asked++;
        counting.value = false;
        return;
      }
      counting.value = true;
      timer = setTimeout(() => void ask(rule), DEBOUNCE_MS);
    },
    { immediate: true, deep: true },
  );
  onBeforeUnmount(() => clearTimeout(timer));

  return { count, counting, problem };
}
