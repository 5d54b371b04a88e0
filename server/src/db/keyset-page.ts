import { LessThan, MoreThan, type EntityManager, type EntityTarget, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';

/** What a Relay cursor connection asks for (see resolveCursorConnection). */
export interface PageRequest {
  before?: string;
  after?: string;
  limit: number;
  inverted: boolean;
}

/** Thrown for a cursor that the list never gave out. */
export class InvalidCursorError extends Error {
  constructor() {
    super('is not a cursor this list gave out');
  }
}

function cursorId(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const id = Number(cursor);
  if (!Number.isSafeInteger(id)) throw new InvalidCursorError();
  return id;
}

/**
 * One page ordered by id, keyset-paginated (WHERE id > cursor) so that deep pages cost
 * the same as the first. `refine` adds filters.
 */
export async function keysetPage<T extends ObjectLiteral & { id: number }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  page: PageRequest,
  refine?: (qb: SelectQueryBuilder<T>, alias: string) => void,
): Promise<T[]> {
  const alias = 'row';
  const qb = em.getRepository(entity).createQueryBuilder(alias);
  const after = cursorId(page.after);
  const before = cursorId(page.before);
  if (after !== undefined) qb.andWhere({ id: MoreThan(after) } as never);
  if (before !== undefined) qb.andWhere({ id: LessThan(before) } as never);
  refine?.(qb, alias);
  qb.orderBy(`${alias}.id`, page.inverted ? 'DESC' : 'ASC').take(page.limit);
  // Backwards pages come newest first; resolveCursorConnection puts them back in order.
  return qb.getMany();
}
