import type { EntityManager } from 'typeorm';
import { LedgerEntry } from '../ledger/ledger-entry.entity';
import { LoyaltyAccount } from '../ledger/account.entity';
import { Purchase } from '../purchases/purchase.entity';
import { addDays, startOfPeriod } from './calendar';
import type { Program } from './program.entity';
import { TierChange } from './tier-change.entity';
import type { Tier } from './tier.entity';

export interface TierProgress {
  current: Tier | null;
  next: Tier | null;
  /** The member's figure for the next tier's rule (spend in minor units, points or purchases). */
  value: number;
  /** How much more the next tier needs; 0 at the top. */
  remaining: number;
}

/**
 * Tier qualification: upgrade at once when a member reaches a tier, downgrade only when
 * the program reviews tiers. Figures come from indexed sums over the qualifying window,
 * never from reading a member's whole history into memory.
 */
export class TiersService {
  /** The member's figure for one tier rule at `now`. */
  async qualifyingValue(em: EntityManager, account: LoyaltyAccount, program: Program, tier: Tier, now: Date): Promise<number> {
    if (tier.window === 'lifetime') {
      if (tier.qualifyBy === 'spend') return account.lifetimeSpendMinor;
      if (tier.qualifyBy === 'purchases') return account.purchaseCount;
      return account.lifetimePoints;
    }
    const from = tier.window === 'calendarYear' ? startOfPeriod(now, 'year', program.timezone) : addDays(now, -tier.windowDays);
    if (tier.qualifyBy === 'points') {
      const row = await em
        .getRepository(LedgerEntry)
        .createQueryBuilder('e')
        .select('COALESCE(SUM(e.availableChange + e.pendingChange - e.debtChange), 0)', 'points')
        .where('e.accountId = :id AND e.kind = :kind AND e.occurredAt >= :from', { id: account.id, kind: 'earn', from })
        .getRawOne<{ points: string | number }>();
      return Number(row?.points ?? 0);
    }
    const row = await em
      .getRepository(Purchase)
      .createQueryBuilder('p')
      .select('COALESCE(SUM(p.totalMinor - p.refundedMinor), 0)', 'spend')
      .addSelect('COUNT(*)', 'count')
      .where('p.memberId = :memberId AND p.programId = :programId AND p.occurredAt >= :from', { memberId: account.memberId, programId: program.id, from })
      .andWhere('p.refundedMinor < p.totalMinor')
      .getRawOne<{ spend: string | number; count: string | number }>();
    return tier.qualifyBy === 'spend' ? Number(row?.spend ?? 0) : Number(row?.count ?? 0);
  }

  /**
   * The best tier the member qualifies for now (tiers sorted by rank), among those ranked
   * above `above`. Tiers that count the same figure (rule and window) share one read: a
   * ladder of three tiers on a year's spend is one sum, not three.
   */
  async qualifyingTier(em: EntityManager, account: LoyaltyAccount, program: Program, tiers: Tier[], now: Date, above = -Infinity): Promise<Tier | null> {
    let best: Tier | null = null;
    const values = new Map<string, number>();
    for (const tier of tiers) {
      if (tier.rank <= above) continue;
      if (tier.threshold === 0) {
        best = tier;
        continue;
      }
      const figure = `${tier.qualifyBy}|${tier.window}|${tier.windowDays}`;
      let value = values.get(figure);
      if (value === undefined) values.set(figure, (value = await this.qualifyingValue(em, account, program, tier, now)));
      if (value >= tier.threshold) best = tier;
    }
    return best;
  }

  /**
   * Moves the account to the tier it qualifies for: up at once; down only when
   * `review` is set (the program's review time). Returns the change, if any.
   */
  async evaluate(em: EntityManager, account: LoyaltyAccount, program: Program, tiers: Tier[], now: Date, review = false): Promise<TierChange | null> {
    if (tiers.length === 0) return null;
    const current = tiers.find((t) => t.id === account.tierId) ?? null;
    const currentRank = current?.rank ?? -1;
    // Outside a review a member only moves up: the tiers at or below theirs need no reading.
    const target = await this.qualifyingTier(em, account, program, tiers, now, review ? -Infinity : currentRank);
    const targetRank = target?.rank ?? -1;
    if (targetRank === currentRank) return null;
    if (targetRank < currentRank && !review) return null;
    return this.move(em, account, target, targetRank > currentRank ? 'upgrade' : 'review', now);
  }

  async move(em: EntityManager, account: LoyaltyAccount, target: Tier | null, reason: string, now: Date): Promise<TierChange> {
    const change = em.create(TierChange, { accountId: account.id, fromTierId: account.tierId, toTierId: target?.id ?? null, reason, createdAt: now });
    await em.insert(TierChange, change);
    await em.update(LoyaltyAccount, account.id, { tierId: target?.id ?? null, tierSince: now });
    account.tierId = target?.id ?? null;
    account.tierSince = now;
    return change;
  }

  async progress(em: EntityManager, account: LoyaltyAccount, program: Program, tiers: Tier[], now: Date): Promise<TierProgress> {
    const current = tiers.find((t) => t.id === account.tierId) ?? null;
    const next = tiers.find((t) => t.rank > (current?.rank ?? -1)) ?? null;
    if (!next) return { current, next: null, value: 0, remaining: 0 };
    const value = await this.qualifyingValue(em, account, program, next, now);
    return { current, next, value, remaining: Math.max(0, next.threshold - value) };
  }
}
