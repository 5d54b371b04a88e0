import type { EntityManager } from 'typeorm';
import { addDays } from '../programs/calendar';
import { PurchaseItem } from '../purchases/purchase-item.entity';
import { Purchase } from '../purchases/purchase.entity';

/**
 * Each member's most-bought category (by money spent on its lines) over the `days` days
 * before `at`, in one query for all the members; null for a member without categorised
 * lines. Ties go to the category first in alphabetical order, so the answer is stable.
 * `excludePurchaseId` leaves out the purchase being applied: it cannot choose its own offer.
 */
export async function favouriteCategories(em: EntityManager, programId: number, memberIds: readonly number[], days: number, at: Date, excludePurchaseId?: number): Promise<Map<number, string>> {
  const result = new Map<number, string>();
  if (memberIds.length === 0) return result;
  const qb = em
    .getRepository(PurchaseItem)
    .createQueryBuilder('i')
    .innerJoin(Purchase, 'p', 'p.id = i.purchaseId')
    .select('p.memberId', 'memberId')
    .addSelect('i.category', 'category')
    .addSelect('SUM(i.quantity * i.unitPriceMinor)', 'spent')
    .where('p.memberId IN (:...ids) AND p.programId = :programId AND i.category IS NOT NULL', { ids: [...memberIds], programId })
    .andWhere('p.occurredAt >= :from AND p.occurredAt <= :at', { from: addDays(at, -days), at })
    .groupBy('p.memberId')
    .addGroupBy('i.category');
  if (excludePurchaseId !== undefined) qb.andWhere('p.id <> :exclude', { exclude: excludePurchaseId });
  const rows = await qb.getRawMany<{ memberId: number | string; category: string; spent: number | string }>();
  const best = new Map<number, { category: string; spent: number }>();
  for (const row of rows) {
    const memberId = Number(row.memberId);
    const spent = Number(row.spent);
    const current = best.get(memberId);
    if (!current || spent > current.spent || (spent === current.spent && row.category < current.category)) best.set(memberId, { category: row.category, spent });
  }
  for (const [memberId, { category }] of best) result.set(memberId, category);
  return result;
}
