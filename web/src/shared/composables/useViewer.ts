import { computed } from 'vue';
import type { ApolloClient } from '@apollo/client/core';
import { useQuery } from '@vue/apollo-composable';
import { ViewerQuery } from '../../graphql/auth';
import type { ViewerQuery as ViewerResult } from '../../graphql/generated/graphql';

export type Viewer = ViewerResult['viewer'];
export type StaffViewer = Extract<NonNullable<Viewer>, { __typename: 'StaffUser' }>;
export type MemberViewer = Extract<NonNullable<Viewer>, { __typename: 'Member' }>;

/**
 * Who is signed in. `fresh` asks the server rather than the cache: sign-in pages do, so
 * that a session that ended elsewhere is noticed.
 */
export async function loadViewer(client: ApolloClient<unknown>, fresh = false): Promise<Viewer> {
  const { data } = await client.query({ query: ViewerQuery, fetchPolicy: fresh ? 'network-only' : 'cache-first' });
  return data.viewer;
}

// cache.reset() rather than client.clearStore(): clearStore also discards the cache
// watches of queries that are on screen (the layout's viewer), which then never see the
// next sign-in. reset() keeps them and the write below updates them at once.

/** After a sign-in: forgets what an earlier session cached and records the new viewer. */
export async function rememberViewer(client: ApolloClient<unknown>, viewer: NonNullable<Viewer>): Promise<void> {
  await client.cache.reset();
  client.writeQuery({ query: ViewerQuery, data: { viewer } });
}

/** After a sign-out or an expired session: nothing of the session stays in memory. */
export async function forgetSession(client: ApolloClient<unknown>): Promise<void> {
  await client.cache.reset();
  client.writeQuery({ query: ViewerQuery, data: { viewer: null } });
}

export function useViewer() {
  const { result, loading, error } = useQuery(ViewerQuery);
  const viewer = computed<Viewer>(() => result.value?.viewer ?? null);
  const staff = computed(() => (viewer.value?.__typename === 'StaffUser' ? viewer.value : null));
  const member = computed(() => (viewer.value?.__typename === 'Member' ? viewer.value : null));
  return { viewer, staff, member, loading, error };
}
