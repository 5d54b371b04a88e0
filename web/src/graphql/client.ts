import { ApolloClient, HttpLink, InMemoryCache, from } from '@apollo/client/core';
import { onError } from '@apollo/client/link/error';
import { relayStylePagination } from '@apollo/client/utilities';
import { persistedQueryLink } from './persisted';

type UnauthenticatedHandler = () => void;
let unauthenticatedHandler: UnauthenticatedHandler = () => {};

/**
 * What to do when the server says the session is gone (expired, signed out elsewhere).
 * main.ts sets it to send the visitor to the sign-in page of the area they are in; the
 * client itself knows nothing of routes.
 */
export function onUnauthenticated(handler: UnauthenticatedHandler): void {
  unauthenticatedHandler = handler;
}

const errorLink = onError(({ graphQLErrors }) => {
  if (graphQLErrors?.some((error) => error.extensions?.code === 'UNAUTHENTICATED')) unauthenticatedHandler();
});

// The session is an httpOnly cookie the server sets on sign-in; scripts never see the
// token. The header is what yoga's CSRF prevention asks of every request.
const httpLink = new HttpLink({
  uri: '/graphql',
  credentials: 'same-origin',
  headers: { 'x-graphql-yoga-csrf': '1' },
});

export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          members: relayStylePagination(['search']),
          apiKeys: relayStylePagination(),
          staffUsers: relayStylePagination(),
        },
      },
      // The portal's history pages through a member's ledger with "load more".
      Member: { fields: { ledger: relayStylePagination() } },
    },
  });
}

export const apolloClient = new ApolloClient({
  link: from([errorLink, persistedQueryLink(), httpLink]),
  cache: createCache(),
});
