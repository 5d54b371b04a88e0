import type { EntityManager } from 'typeorm';
import { updateRows } from '../db/write-rows';
import { PointLot } from './point-lot.entity';

type LotState = 'pending' | 'available';

/** A lot past its date at `now`. */
export function expired(lot: PointLot, now: Date): boolean {
  return lot.expiresAt !== null && lot.expiresAt.getTime() <= now.getTime();
}

/** The order lots pay in: soonest expiry first, never-expiring last, then oldest first. */
export const LOT_ORDER = 'CASE WHEN expiresAt IS NULL THEN 1 ELSE 0 END ASC, expiresAt ASC, id ASC';

/** An account's lots in one state, in the order they pay. */
export function lotsQuery(em: EntityManager, accountId: number, state: LotState) {
  return em
    .getRepository(PointLot)
    .createQueryBuilder('l')
    .where('l.accountId = :accountId AND l.state = :state', { accountId, state })
    .orderBy('CASE WHEN l.expiresAt IS NULL THEN 1 ELSE 0 END', 'ASC')
    .addOrderBy('l.expiresAt', 'ASC')
    .addOrderBy('l.id', 'ASC');
}

/** Takes up to `points` from these lots, in their order; returns how many it took. An available lot taken to zero is closed. */
export async function takeFrom(em: EntityManager, lots: PointLot[], points: number, state: LotState): Promise<number> {
  if (points <= 0) return 0;
  let left = points;
  for (const lot of lots) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    left -= take;
    const remaining = lot.remaining - take;
    await updateRows(em, PointLot, { remaining, state: remaining === 0 && state === 'available' ? 'closed' : lot.state }, { id: lot.id });
  }
  return points - left;
}

/** Takes up to `points` from an account's lots in one state (of one purchase, if given). */
export async function takeFromLots(em: EntityManager, accountId: number, points: number, filter: { state: LotState; purchaseId?: number }): Promise<number> {
  if (points <= 0) return 0;
  const qb = lotsQuery(em, accountId, filter.state).andWhere('l.remaining > 0');
  if (filter.purchaseId !== undefined) qb.andWhere('l.purchaseId = :purchaseId', { purchaseId: filter.purchaseId });
  return takeFrom(em, await qb.getMany(), points, filter.state);
}
