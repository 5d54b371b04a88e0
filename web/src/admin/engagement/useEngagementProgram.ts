import { computed } from 'vue';
import { useSelectedProgram } from '../programs/useSelectedProgram';

/**
 * The program the Engagement tabs work on (the page's ?program=, else the default one) and
 * whether it is known yet: the tabs wait for it rather than ask the server twice. Should the
 * programs not load, they go on without one and the server takes the default program.
 */
export function useEngagementProgram() {
  const { program, loading } = useSelectedProgram();
  const programId = computed(() => program.value?.id ?? null);
  const ready = computed(() => Boolean(program.value) || !loading.value);
  return { programId, ready };
}
