import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { findRowsIn } from './find-rows';

/**
 * Rows for the given numeric ids in one query, in the order asked (DataLoader's contract).
 * A missing row comes back as null, which GraphQL shows as null (`node(id:)` of a
 * deleted record); the element type says T because Pothos' loadable refs infer their
 * shape from it.
 */
export async function loadByIds<T extends ObjectLiteral & { id: number }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  ids: readonly (number | string)[],
): Promise<T[]> {
  const numeric = ids.map(Number);
  const valid = [...new Set(numeric.filter((id) => Number.isSafeInteger(id)))];
  const rows = await findRowsIn(em, entity, 'id', valid);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return numeric.map((id) => byId.get(id) ?? (null as unknown as T));
}
