import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DataSource, EntityManager } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { idempotent, requestHash } from '../db/idempotent';
import { ConflictError, InsufficientPointsError } from '../errors';
import { parseInput } from '../input';
import { LoyaltyAccount } from '../ledger/account.entity';
import type { LedgerService } from '../ledger/ledger.service';
import type { MembersService } from '../members/members.service';
import { addDays } from '../programs/calendar';
import type { RunContext } from '../rules/rules.service';
import { generateCouponCode } from './coupon-codes';
import { Coupon } from './coupon.entity';
import { RewardRedemption } from './reward-redemption.entity';
import { Reward } from './reward.entity';
import { RewardLimitReachedError, RewardNotAvailableError, RewardOutOfStockError } from './rewards.errors';
import type { RewardsService } from './rewards.service';

const redeemInput = z.object({
  rewardId: z.number().int().positive(),
  memberId: z.number().int().positive(),
  idempotencyKey: z.string().trim().min(1, 'is required').max(120),
});
export type RedeemRewardInput = z.input<typeof redeemInput>;

export interface RewardReceipt {
  redemption: RewardRedemption;
  coupon: Coupon;
  reward: Reward;
  account: LoyaltyAccount;
  replayed: boolean;
}

type Actor = { kind: string; id: number | null };

/** Giving rewards: for points (redeemReward) or free from a campaign (action.issueReward). */
export class RedeemService {
  constructor(
    private readonly rewards: RewardsService,
    private readonly members: MembersService,
    private readonly ledger: LedgerService,
  ) {}

  /**
   * Spends the member's points on a reward and issues its coupon, in one transaction and
   * once per idempotency key: points, stock, the per-member count and the coupon change
   * together or not at all.
   */
  async redeem(dataSource: DataSource, raw: RedeemRewardInput, actor: Actor, now = new Date()): Promise<RewardReceipt> {
    const input = parseInput(redeemInput, raw);
    // Keys are the member's own: another member's key can neither collide nor be read.
    const externalId = `member:${input.memberId}:${input.idempotencyKey}`;
    const hash = requestHash({ rewardId: input.rewardId, memberId: input.memberId });
    const replay = async (em: EntityManager) => {
      const earlier = await em.findOne(RewardRedemption, { where: { externalId } });
      if (!earlier) return null;
      if (earlier.requestHash !== hash) throw new ConflictError('This idempotency key was used for a different redemption.');
      return this.receipt(em, earlier, true);
    };
    return idempotent(dataSource, replay, async (em) => {
      const reward = await this.rewards.get(em, input.rewardId);
      const member = await this.members.byId(em, input.memberId);
      const opened = await this.ledger.openAccount(em, member.id, reward.programId);
      // From here the member's redemptions queue up behind this one.
      const account = await this.ledger.lock(em, opened.id);
      const earlier = await replay(em);
      if (earlier) return earlier;
      this.rewards.assertAvailable(reward, now, await this.rewards.tierRanks(em, reward, account));
      await this.assertUnderLimit(em, reward, member.id);
      if (account.available < reward.costPoints) throw new InsufficientPointsError(account.available, reward.costPoints);
      const coupon = await this.takeStock(em, reward, member.id, now);
      if (!coupon) throw new RewardOutOfStockError(reward.code);
      const entry =
        reward.costPoints > 0
          ? await this.ledger.spend(em, account.id, 'redeem', reward.costPoints, { source: 'reward', reason: `reward ${reward.code}: ${reward.name}`, actorKind: actor.kind, actorId: actor.id, occurredAt: now }, now)
          : null;
      const redemption = await this.record(em, { externalId, requestHash: hash, reward, accountId: account.id, memberId: member.id, points: reward.costPoints, entryId: entry?.id ?? null, coupon, campaignId: null, actor, now });
      return this.receipt(em, redemption, false);
    });
  }

  /**
   * A campaign's action.issueReward: the reward for free, in the rule's transaction,
   * within its dates, tier, stock and per-member limit. False when it cannot be given.
   */
  async issueFromCampaign(em: EntityManager, run: RunContext, code: string): Promise<false | 0> {
    const reward = await em.findOne(Reward, { where: { programId: run.program.id, code } });
    if (!reward) return false;
    const opened = await this.ledger.openAccount(em, run.memberId, reward.programId);
    const account = await this.ledger.lock(em, opened.id);
    try {
      this.rewards.assertAvailable(reward, run.now, await this.rewards.tierRanks(em, reward, account));
      await this.assertUnderLimit(em, reward, run.memberId);
    } catch (error) {
      if (error instanceof RewardNotAvailableError || error instanceof RewardLimitReachedError) return false;
      throw error;
    }
    const coupon = await this.takeStock(em, reward, run.memberId, run.now);
    if (!coupon) return false;
    const actor = { kind: 'system', id: null };
    await this.record(em, { externalId: `campaign:${run.traceId}:${randomUUID()}`, requestHash: '-', reward, accountId: account.id, memberId: run.memberId, points: 0, entryId: null, coupon, campaignId: run.campaign.id, actor, now: run.now });
    return 0;
  }

  private async assertUnderLimit(em: EntityManager, reward: Reward, memberId: number) {
    if (reward.perMemberLimit === null) return;
    // Counted under the account lock: two redemptions of one member cannot both see room.
    const had = await em.count(RewardRedemption, { where: { rewardId: reward.id, memberId } });
    if (had >= reward.perMemberLimit) throw new RewardLimitReachedError(reward.perMemberLimit);
  }

  /**
   * Takes one from the stock with a guarded UPDATE (it waits for, then re-checks against,
   * a concurrent taker, so stock never goes below zero) and gives the member a coupon: a
   * code from the imported pool for a partner voucher, a fresh one otherwise. Null when
   * there is none left.
   */
  private async takeStock(em: EntityManager, reward: Reward, memberId: number, now: Date): Promise<Coupon | null> {
    const taken = await em
      .createQueryBuilder()
      .update(Reward)
      .set({ stock: () => 'CASE WHEN stock IS NULL THEN NULL ELSE stock - 1 END', issuedCount: () => 'issuedCount + 1' })
      .where('id = :id AND (stock IS NULL OR stock > 0)', { id: reward.id })
      .execute();
    if (taken.affected !== 1) return null;
    if (reward.stock !== null) reward.stock -= 1;
    const expiresAt = reward.couponValidDays ? addDays(now, reward.couponValidDays) : null;
    if (reward.kind === 'partnerVoucher') {
      const claimed = await this.claimPoolCode(em, reward, memberId, now, expiresAt);
      // A campaign's transaction goes on after a refusal: give the unit back (the row is still ours).
      if (!claimed) await em.createQueryBuilder().update(Reward).set({ stock: () => 'CASE WHEN stock IS NULL THEN NULL ELSE stock + 1 END', issuedCount: () => 'issuedCount - 1' }).where('id = :id', { id: reward.id }).execute();
      return claimed;
    }
    const coupon = em.create(Coupon, { code: generateCouponCode(), rewardId: reward.id, programId: reward.programId, memberId, state: 'issued', origin: 'generated', issuedAt: now, expiresAt });
    await em.insert(Coupon, coupon);
    return coupon;
  }

  /** One unclaimed partner code, claimed by a guarded UPDATE so that no two members get the same one. */
  private async claimPoolCode(em: EntityManager, reward: Reward, memberId: number, now: Date, expiresAt: Date | null): Promise<Coupon | null> {
    const mysql = dialectOf(em.connection) === 'mysql';
    for (let attempt = 0; attempt < 5; attempt++) {
      // MySQL: skip codes another redemption holds instead of queueing behind it.
      const rows: { id: number }[] = await em.query(`SELECT id FROM coupons WHERE rewardId = ? AND state = 'pool' ORDER BY id LIMIT 1${mysql ? ' FOR UPDATE SKIP LOCKED' : ''}`, [reward.id]);
      if (rows.length === 0) return null;
      const id = Number(rows[0].id);
      const claimed = await em
        .createQueryBuilder()
        .update(Coupon)
        .set({ state: 'issued', memberId, issuedAt: now, expiresAt })
        .where("id = :id AND state = 'pool'", { id })
        .execute();
      if (claimed.affected === 1) return em.findOneByOrFail(Coupon, { id });
    }
    return null;
  }

  private async record(
    em: EntityManager,
    r: { externalId: string; requestHash: string; reward: Reward; accountId: number; memberId: number; points: number; entryId: number | null; coupon: Coupon; campaignId: number | null; actor: Actor; now: Date },
  ): Promise<RewardRedemption> {
    const redemption = em.create(RewardRedemption, {
      externalId: r.externalId,
      requestHash: r.requestHash,
      rewardId: r.reward.id,
      memberId: r.memberId,
      programId: r.reward.programId,
      accountId: r.accountId,
      points: r.points,
      entryId: r.entryId,
      couponId: r.coupon.id,
      campaignId: r.campaignId,
      actorKind: r.actor.kind,
      actorId: r.actor.id,
      createdAt: r.now,
    });
    await em.insert(RewardRedemption, redemption);
    await em.update(Coupon, r.coupon.id, { redemptionId: redemption.id });
    r.coupon.redemptionId = redemption.id;
    return redemption;
  }

  private async receipt(em: EntityManager, redemption: RewardRedemption, replayed: boolean): Promise<RewardReceipt> {
    return {
      redemption,
      coupon: await em.findOneByOrFail(Coupon, { id: redemption.couponId }),
      reward: await em.findOneByOrFail(Reward, { id: redemption.rewardId }),
      account: await em.findOneByOrFail(LoyaltyAccount, { id: redemption.accountId }),
      replayed,
    };
  }
}
