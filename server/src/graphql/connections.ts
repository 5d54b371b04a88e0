import { resolveCursorConnection, type DefaultConnectionArguments } from '@pothos/plugin-relay';
import type { PageRequest } from '../db/keyset-page';

/** A Relay connection over rows paged by id; the cursor is the row's id. */
export function keysetConnection<T extends { id: number }>(
  args: DefaultConnectionArguments,
  fetchPage: (page: PageRequest) => Promise<T[]>,
) {
  return resolveCursorConnection<Promise<T[]>>({ args, toCursor: (row: T) => String(row.id) }, fetchPage);
}
