import { computed, ref, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import { MemberLedgerQuery } from '../../graphql/member-profile';

const PAGE_SIZE = 20;

/**
 * A member's ledger, newest first, a page at a time. `refresh` goes back to the first page
 * (the cache's relay pagination replaces the list when no cursor is given).
 */
export function useMemberLedger(memberId: Ref<string>) {
  const { result, loading, error, refetch, fetchMore } = useQuery(MemberLedgerQuery, () => ({ id: memberId.value, first: PAGE_SIZE }), {
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const connection = computed(() => result.value?.member?.ledger ?? null);
  const entries = computed(() => connection.value?.edges.map((edge) => edge.node) ?? []);
  const hasMore = computed(() => connection.value?.pageInfo.hasNextPage ?? false);
  const moreFailed = ref(false);

  async function more() {
    const after = connection.value?.pageInfo.endCursor;
    if (!after) return;
    moreFailed.value = false;
    try {
      await fetchMore({ variables: { after } });
    } catch {
      moreFailed.value = true;
    }
  }

  const refresh = () => refetch();

  return { connection, entries, hasMore, loading, error, moreFailed, more, refresh };
}
