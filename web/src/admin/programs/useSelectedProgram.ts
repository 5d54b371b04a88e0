import { computed } from 'vue';
import { useRoute } from 'vue-router';
import { useQuery } from '@vue/apollo-composable';
import { AdminProgramsQuery } from '../../graphql/programs-admin';

/**
 * The programs and the one the Programs tabs work on: the one named by ?program=, else
 * the default one, else the first. Every tab calls this; Apollo asks the server once.
 */
export function useSelectedProgram() {
  const route = useRoute();
  const query = useQuery(AdminProgramsQuery, {}, { fetchPolicy: 'cache-and-network', notifyOnNetworkStatusChange: true });
  const programs = computed(() => query.result.value?.programs ?? []);
  const program = computed(() => {
    const wanted = typeof route.query.program === 'string' ? route.query.program : null;
    const list = programs.value;
    return list.find((p) => p.id === wanted) ?? list.find((p) => p.isDefault) ?? list[0] ?? null;
  });
  return { programs, program, loading: query.loading, error: query.error, refetch: query.refetch };
}
