import type { EntityManager } from 'typeorm';
import { selectRows } from '../db/find-rows';
import { updateRowsLater } from '../db/write-rows';
import { PointLot } from './point-lot.entity';

type LotState = 'pending' | 'available';

/** A lot past its date at `now`. */
export function expired(lot: PointLot, now: Date): boolean {
  return lot.expiresAt !== null && lot.expiresAt.getTime() <= now.getTime();
}

/**
 * The order lots pay in: soonest expiry first, never-expiring last, then oldest first. The
 * index (accountId, state, neverExpires, expiresAt) holds an account's lots in this order
 * (point-lot.entity.ts), so a page of them is read without sorting them all.
 */
const LOT_ORDER_COLUMNS = ['neverExpires', 'expiresAt', 'id'] as const;
export const LOT_ORDER = LOT_ORDER_COLUMNS.map((column) => `${column} ASC`).join(', ');

/** An account's lots in one state, in the order they pay. */
export function lotsQuery(em: EntityManager, accountId: number, state: LotState) {
  return em
    .getRepository(PointLot)
    .createQueryBuilder('l')
    .where('l.accountId = :accountId AND l.state = :state', { accountId, state })
    .orderBy(Object.fromEntries(LOT_ORDER_COLUMNS.map((column) => [`l.${column}`, 'ASC' as const])));
}

/** Lots read at a time when spending: most redemptions are paid by the first page. */
const LOTS_PAGE = 20;

/**
 * The available lots a spend reads, in the order they pay: those past their date first
 * (they are gone even if the daily job has not run yet, and every one of them is read),
 * then as many as pay `points`, a page at a time. A regular's account holds hundreds of
 * open lots, and a redemption of a few points needs the first one or two: reading them
 * all cost a row each on every redemption. The account is locked, so the pages hold still.
 */
export async function lotsToSpend(em: EntityManager, accountId: number, points: number, now: Date): Promise<PointLot[]> {
  const lots: PointLot[] = [];
  let payable = 0;
  for (let offset = 0; ; offset += LOTS_PAGE) {
    const page = await selectRows(em, PointLot, {
      where: 'accountId = ? AND state = ? AND (remaining > 0 OR expiresAt <= ?)',
      parameters: [
        ['accountId', accountId],
        ['state', 'available'],
        ['expiresAt', now],
      ],
      orderBy: LOT_ORDER,
      page: { limit: LOTS_PAGE, offset },
    });
    lots.push(...page);
    for (const lot of page) if (!expired(lot, now)) payable += lot.remaining;
    // Lots past their date sort first: a page that ends on one may have more behind it.
    const last = page[page.length - 1];
    if (page.length < LOTS_PAGE || (!expired(last, now) && payable >= points)) return lots;
  }
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
    await updateRowsLater(em, PointLot, { remaining, state: remaining === 0 && state === 'available' ? 'closed' : lot.state }, { id: lot.id });
  }
  return points - left;
}

/**
 * Takes up to `points` from an account's lots in one state (of one purchase, if given),
 * read a page at a time until they cover the points, as lotsToSpend reads them.
 */
export async function takeFromLots(em: EntityManager, accountId: number, points: number, filter: { state: LotState; purchaseId?: number }): Promise<number> {
  if (points <= 0) return 0;
  const lots: PointLot[] = [];
  let covered = 0;
  for (let offset = 0; covered < points; offset += LOTS_PAGE) {
    const qb = lotsQuery(em, accountId, filter.state).andWhere('l.remaining > 0');
    if (filter.purchaseId !== undefined) qb.andWhere('l.purchaseId = :purchaseId', { purchaseId: filter.purchaseId });
    const page = await qb.limit(LOTS_PAGE).offset(offset).getMany();
    lots.push(...page);
    for (const lot of page) covered += lot.remaining;
    if (page.length < LOTS_PAGE) break;
  }
  return takeFrom(em, lots, points, filter.state);
}
