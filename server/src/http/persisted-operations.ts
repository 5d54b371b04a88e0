import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import webOperations from '@patron/schema/persisted-operations.json';
import type { Actor } from '../auth/actor';

const operations: Readonly<Record<string, string>> = webOperations;

/**
 * The web app's operations, listed by hash when it is built. A browser sends the hash
 * alone (smaller requests, nothing to parse out of the body); with `only`, that is all a
 * browser may send, so a session cookie cannot be used to run hand-written queries.
 */
export class PersistedOperations {
  private readonly persisted = new WeakSet<object>();

  constructor(private readonly only: boolean) {}

  plugin(): Plugin {
    return usePersistedOperations({
      allowArbitraryOperations: true,
      getPersistedOperation: (hash, request) => {
        const document = Object.hasOwn(operations, hash) ? operations[hash] : null;
        if (document) this.persisted.add(request);
        return document;
      },
      // The message and code Apollo's persisted-queries link retries on, with the full text.
      customErrors: { notFound: { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } } },
    });
  }

  /** Throws when the request must be a listed operation and is not. Server integrations use API keys and write their own queries. */
  check(request: object, actor: Actor): void {
    if (!this.only || actor.kind === 'apiKey' || this.persisted.has(request)) return;
    throw new GraphQLError('This server runs only the operations of the Patron web app; send a listed operation by its hash, or call with an API key.', {
      extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
    });
  }
}
