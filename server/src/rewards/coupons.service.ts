import { z } from 'zod';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { sqlDate } from '../db/sql-date';
import { inTransaction } from '../db/transaction';
import { ValidationError } from '../errors';
import { parseInput } from '../input';
import { couponCodeCandidates, IMPORTED_CODE } from './coupon-codes';
import { Coupon, type CouponState } from './coupon.entity';
import { latestPerMember } from './latest-per-member';
import { CouponAlreadyUsedError, CouponExpiredError, CouponNotFoundError } from './rewards.errors';
import type { RewardsService } from './rewards.service';

/** Limits of one import: the text, its rows and the errors reported back. */
export const IMPORT_LIMITS = { chars: 1_000_000, rows: 20_000, errors: 100 };
const CHUNK = 500;

const useInput = z.object({
  code: z.string().max(200),
  orderRef: z.string().trim().min(1, 'is required').max(191),
  store: z.string().trim().max(64).nullable().optional(),
  idempotencyKey: z.string().trim().min(1).max(150).nullable().optional(),
});
export type UseCouponInput = z.input<typeof useInput>;

/** Who asks about a coupon: a member sees only their own, the till and staff any. */
export type CouponViewer = { memberId: number | null };

export interface ImportReport {
  imported: number;
  duplicates: number;
  errors: { line: number; message: string }[];
  poolSize: number;
}

/** Coupons: looked up and used at the till, imported as partner code pools. */
export class CouponsService {
  constructor(private readonly rewards: RewardsService) {}

  /**
   * The coupon a typed code names, if the viewer may see it. Someone else's coupon and a
   * code that does not exist answer alike, so that no code leaks whose it is.
   */
  async find(em: EntityManager, typed: string, viewer: CouponViewer): Promise<Coupon> {
    const candidates = typeof typed === 'string' ? couponCodeCandidates(typed) : [];
    const coupon = candidates.length ? await em.findOne(Coupon, { where: { code: In(candidates) } }) : null;
    if (!coupon || coupon.state === 'pool' || coupon.memberId === null) throw new CouponNotFoundError();
    if (viewer.memberId !== null && coupon.memberId !== viewer.memberId) throw new CouponNotFoundError();
    return coupon;
  }

  /**
   * Marks a coupon used for an order, once: the guarded UPDATE (state = issued, not past its
   * date) lets exactly one of two simultaneous uses through. The same idempotency key and
   * order again answers with the first use.
   */
  async use(dataSource: DataSource, raw: UseCouponInput, viewer: CouponViewer, now = new Date()): Promise<{ coupon: Coupon; replayed: boolean }> {
    const input = parseInput(useInput, raw);
    const found = await this.find(dataSource.manager, input.code, viewer);
    const outcome = await inTransaction(dataSource, async (em) => {
      const result = await em
        .createQueryBuilder()
        .update(Coupon)
        .set({ state: 'used', usedAt: now, orderRef: input.orderRef, usedStore: input.store ?? null, useKey: input.idempotencyKey ?? null })
        .where("id = :id AND state = 'issued' AND (expiresAt IS NULL OR expiresAt > :now)", { id: found.id, now })
        .execute();
      const coupon = await em.findOneByOrFail(Coupon, { id: found.id });
      if (result.affected === 1) return { coupon, replayed: false };
      if (coupon.state === 'used') {
        const same = input.idempotencyKey && coupon.useKey === input.idempotencyKey && coupon.orderRef === input.orderRef;
        return same ? { coupon, replayed: true } : new CouponAlreadyUsedError(coupon.usedAt);
      }
      // Past its date: record it so that lists filter on the stored state too.
      await em.update(Coupon, { id: coupon.id, state: 'issued' }, { state: 'expired' });
      return new CouponExpiredError(coupon.expiresAt);
    });
    if (outcome instanceof Error) throw outcome;
    return outcome;
  }

  /**
   * Marks issued coupons past their date as expired, in batches, for the scheduler's
   * sweep. Readers already treat them as expired (effectiveState); this keeps the stored
   * state honest for reports and SQL. Guarded by state, so a coupon used meanwhile stays used.
   */
  async expireDue(dataSource: DataSource, now = new Date(), batch = 1000): Promise<number> {
    let expired = 0;
    for (;;) {
      const due = await dataSource.getRepository(Coupon).createQueryBuilder('c').select('c.id', 'id').where("c.state = 'issued' AND c.expiresAt <= :now", { now }).orderBy('c.id').limit(batch).getRawMany<{ id: number }>();
      if (due.length === 0) return expired;
      const result = await inTransaction(dataSource, (em) =>
        em.createQueryBuilder().update(Coupon).set({ state: 'expired' }).where("id IN (:...ids) AND state = 'issued'", { ids: due.map((d) => Number(d.id)) }).execute(),
      );
      expired += result.affected ?? 0;
      if (due.length < batch) return expired;
    }
  }

  /**
   * Adds partner voucher codes to a reward's pool from CSV (one code per line, first
   * column; an optional `code` header). Each bad row is reported with its line number and
   * skipped; codes already known, here or in the file, are counted as duplicates.
   */
  async importCodes(em: EntityManager, rewardId: number, csv: string): Promise<ImportReport> {
    const reward = await this.rewards.get(em, rewardId);
    if (reward.kind !== 'partnerVoucher') throw ValidationError.of(['rewardId'], 'only a partner voucher reward takes imported codes', 'invalid_value');
    if (typeof csv !== 'string' || csv.length === 0) throw ValidationError.of(['csv'], 'is empty', 'too_small');
    if (csv.length > IMPORT_LIMITS.chars) throw ValidationError.of(['csv'], `at most ${IMPORT_LIMITS.chars} characters per import; split the file`, 'too_big');
    const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
    if (lines.length > IMPORT_LIMITS.rows + 1) throw ValidationError.of(['csv'], `at most ${IMPORT_LIMITS.rows} rows per import; split the file`, 'too_big');
    const errors: ImportReport['errors'] = [];
    const fresh = new Map<string, number>();
    let duplicates = 0;
    lines.forEach((line, index) => {
      const cell = line.split(/[,;\t]/)[0].trim().replace(/^"(.*)"$/, '$1').trim();
      if (cell === '' || (index === 0 && /^code$/i.test(cell))) return;
      const code = cell.normalize('NFKC').toUpperCase();
      if (!IMPORTED_CODE.test(code)) {
        if (errors.length < IMPORT_LIMITS.errors) errors.push({ line: index + 1, message: '4–64 letters A–Z, digits, _ or -, starting with a letter or digit' });
        return;
      }
      if (fresh.has(code)) duplicates += 1;
      else fresh.set(code, index + 1);
    });
    const codes = [...fresh.keys()];
    let imported = 0;
    for (let i = 0; i < codes.length; i += CHUNK) {
      const chunk = codes.slice(i, i + CHUNK);
      const known = new Set((await em.find(Coupon, { select: { code: true }, where: { code: In(chunk) } })).map((c) => c.code));
      const rows = chunk.filter((code) => !known.has(code)).map((code) => ({ code, rewardId: reward.id, programId: reward.programId, state: 'pool' as const, origin: 'imported' as const, createdAt: new Date() }));
      duplicates += chunk.length - rows.length;
      if (rows.length) await em.insert(Coupon, rows);
      imported += rows.length;
    }
    const poolSize = (await this.rewards.poolSizes(em, [reward.id])).get(reward.id) ?? 0;
    return { imported, duplicates, errors, poolSize };
  }

  /** The latest coupons of many members in one query, newest first, by the state they show. */
  latestFor(em: EntityManager, memberIds: readonly number[], limit: number, beforeId: number | null, state: CouponState | null, now = new Date()): Promise<Coupon[][]> {
    const at = sqlDate(dialectOf(em.connection), now);
    // Expiry is read from expiresAt, so the filter agrees with what each coupon shows.
    const filters: Record<CouponState, { where: string; params: unknown[] }> = {
      issued: { where: "t.state = 'issued' AND (t.expiresAt IS NULL OR t.expiresAt > ?)", params: [at] },
      expired: { where: "(t.state = 'expired' OR (t.state = 'issued' AND t.expiresAt <= ?))", params: [at] },
      used: { where: "t.state = 'used'", params: [] },
      pool: { where: '1 = 0', params: [] },
    };
    return latestPerMember(em, Coupon, 'coupons', memberIds, { limit, beforeId, ...(state ? filters[state] : {}) });
  }
}
