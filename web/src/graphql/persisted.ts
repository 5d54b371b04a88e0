import type { DocumentNode } from 'graphql';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';

/**
 * The hash graphql-codegen gave the document (`__meta__.hash`), also listed in
 * schema/persisted-operations.json for the server. Apollo's transforms (adding __typename)
 * copy the property along.
 */
export function persistedHash(document: DocumentNode): string | undefined {
  const meta = (document as { __meta__?: { hash?: unknown } }).__meta__;
  return typeof meta?.hash === 'string' ? meta.hash : undefined;
}

/**
 * Sends a listed operation by its hash alone; a document the server does not list (one
 * written without codegen) is answered "PersistedQueryNotFound" and Apollo sends its text.
 */
export const persistedQueryLink = () =>
  createPersistedQueryLink({ generateHash: (document) => persistedHash(document) ?? 'unlisted', useGETForHashedQueries: false });
