import { In, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';

/**
 * The newest `limit` rows of each of many members in one query (ROW_NUMBER per member),
 * so that a page of members with their coupons or redemptions costs two statements.
 */
export async function latestPerMember<T extends ObjectLiteral & { id: number; memberId: number | null }>(
  em: EntityManager,
  entity: EntityTarget<T>,
  table: string,
  memberIds: readonly number[],
  page: { limit: number; beforeId: number | null; where?: string; params?: unknown[] },
): Promise<T[][]> {
  const unique = [...new Set(memberIds)];
  if (unique.length === 0) return [];
  const params: unknown[] = [...unique];
  let filter = page.where ? ` AND ${page.where}` : '';
  params.push(...(page.params ?? []));
  if (page.beforeId) {
    filter += ' AND t.id < ?';
    params.push(page.beforeId);
  }
  params.push(page.limit);
  const rows: { id: number }[] = await em.query(
    `SELECT id FROM (SELECT t.id AS id, ROW_NUMBER() OVER (PARTITION BY t.memberId ORDER BY t.id DESC) AS rn
       FROM ${table} t WHERE t.memberId IN (${unique.map(() => '?').join(', ')})${filter}) ranked WHERE rn <= ?`,
    params,
  );
  const found = rows.length ? await em.getRepository(entity).find({ where: { id: In(rows.map((r) => Number(r.id))) } as never, order: { id: 'DESC' } as never }) : [];
  return memberIds.map((id) => found.filter((row) => row.memberId === id));
}
