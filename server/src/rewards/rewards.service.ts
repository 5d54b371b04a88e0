import { z } from 'zod';
import { In, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { isUniqueViolation } from '../db/unique-violation';
import { parseInput } from '../input';
import { LoyaltyAccount } from '../ledger/account.entity';
import { MAX_POINTS, type LedgerService } from '../ledger/ledger.service';
import type { MembersService } from '../members/members.service';
import type { ProgramsService } from '../programs/programs.service';
import { Coupon } from './coupon.entity';
import { CouponsService } from './coupons.service';
import { latestPerMember } from './latest-per-member';
import { RedeemService } from './redeem.service';
import { RewardRedemption } from './reward-redemption.entity';
import { REWARD_KINDS, Reward, type RewardStatus } from './reward.entity';
import { RewardNotAvailableError, type UnavailableReason } from './rewards.errors';

const MAX_MINOR = 2_000_000_000;
const MAX_CATALOG = 200;

const rewardInput = z
  .object({
    programId: z.number().int().positive().nullable().optional(),
    code: z.string().trim().regex(/^[a-z0-9_-]{1,64}$/, 'lower-case letters, digits, _ and -'),
    name: z.string().trim().min(1, 'is required').max(200),
    description: z.string().trim().max(2000).default(''),
    imageUrl: z
      .string()
      .trim()
      .max(500)
      .refine((u) => URL.canParse(u) && new URL(u).protocol === 'https:', 'must be an https:// address')
      .nullable()
      .default(null),
    kind: z.enum(REWARD_KINDS),
    valueMinor: z.number().int().min(1).max(MAX_MINOR).nullable().default(null),
    percent: z.number().int().min(1).max(100).nullable().default(null),
    capMinor: z.number().int().min(1).max(MAX_MINOR).nullable().default(null),
    sku: z.string().trim().min(1).max(64).nullable().default(null),
    costPoints: z.number().int('must be whole points').min(0, 'cannot be negative').max(MAX_POINTS),
    stock: z.number().int().min(0, 'cannot be negative').max(MAX_POINTS).nullable().default(null),
    perMemberLimit: z.number().int().min(1).max(1_000_000).nullable().default(null),
    validFrom: z.date().nullable().default(null),
    validUntil: z.date().nullable().default(null),
    minTier: z.string().trim().regex(/^[a-z0-9_-]{1,64}$/, 'a tier code').nullable().default(null),
    couponValidDays: z.number().int().min(1).max(3650).nullable().default(30),
  })
  .refine((r) => r.kind !== 'fixedDiscount' || r.valueMinor !== null, { message: 'a fixed discount needs its amount', path: ['valueMinor'] })
  .refine((r) => r.kind !== 'percentDiscount' || r.percent !== null, { message: 'a percent discount needs its percent', path: ['percent'] })
  .refine((r) => r.kind !== 'freeProduct' || r.sku !== null, { message: 'a free product needs its SKU', path: ['sku'] })
  .refine((r) => !r.validFrom || !r.validUntil || r.validFrom < r.validUntil, { message: 'must be after validFrom', path: ['validUntil'] });
export type RewardInput = z.input<typeof rewardInput>;

export interface CatalogItem {
  reward: Reward;
  affordable: boolean;
  /** Why the member cannot have it now, first reason first; empty when affordable or no member was named. */
  reasons: UnavailableReason[];
}

/** The rewards catalog: staff edit it, members browse it, redeem and coupons live beside it. */
export class RewardsService {
  readonly redeem: RedeemService;
  readonly coupons: CouponsService;

  constructor(
    members: MembersService,
    private readonly programs: ProgramsService,
    ledger: LedgerService,
  ) {
    this.redeem = new RedeemService(this, members, ledger);
    this.coupons = new CouponsService(this);
  }

  async get(em: EntityManager, id: number): Promise<Reward> {
    const reward = Number.isSafeInteger(id) ? await em.findOne(Reward, { where: { id } }) : null;
    if (!reward) throw new NotFoundError('Reward', String(id));
    return reward;
  }

  async list(em: EntityManager, programId: number | null | undefined, status?: RewardStatus | null): Promise<Reward[]> {
    const program = await this.programs.resolve(em, programId);
    return em.find(Reward, { where: { programId: program.id, ...(status ? { status } : {}) }, order: { id: 'ASC' }, take: 1000 });
  }

  /** Codes of a program's active rewards, for flows that refer to them. */
  async codes(em: EntityManager, programId: number): Promise<string[]> {
    const rows = await em.find(Reward, { select: { code: true }, where: { programId, status: 'active' } });
    return rows.map((r) => r.code);
  }

  async create(em: EntityManager, raw: RewardInput): Promise<Reward> {
    const input = parseInput(rewardInput, raw);
    const program = await this.programs.resolve(em, input.programId);
    await this.checkTier(em, program.id, input.minTier);
    const reward = em.create(Reward, { ...input, programId: program.id });
    return this.save(em, reward);
  }

  /** Fields left out stay as they are; a field given as null is cleared (stock null = unlimited). */
  async update(em: EntityManager, id: number, raw: Partial<RewardInput>): Promise<Reward> {
    const reward = await this.get(em, id);
    const given = Object.fromEntries(Object.entries(raw).filter(([key, value]) => value !== undefined && key !== 'programId'));
    const input = parseInput(rewardInput, { ...reward, ...given, programId: reward.programId });
    await this.checkTier(em, reward.programId, input.minTier);
    // Only the fields given are written: stock and issuedCount move under concurrent redemptions.
    const changes = Object.fromEntries(Object.keys(given).filter((key) => key in input).map((key) => [key, input[key as keyof typeof input]]));
    try {
      await em.update(Reward, reward.id, { ...changes, updatedAt: new Date() });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A reward with code "${input.code}" already exists in this program.`);
      throw error;
    }
    return this.get(em, reward.id);
  }

  async setStatus(em: EntityManager, id: number, status: RewardStatus): Promise<Reward> {
    const reward = await this.get(em, id);
    await em.update(Reward, reward.id, { status, updatedAt: new Date() });
    return Object.assign(reward, { status });
  }

  private async save(em: EntityManager, reward: Reward): Promise<Reward> {
    try {
      await em.insert(Reward, reward);
      return reward;
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A reward with code "${reward.code}" already exists in this program.`);
      throw error;
    }
  }

  private async checkTier(em: EntityManager, programId: number, code: string | null) {
    if (code && !(await this.programs.tiers(em, programId)).some((t) => t.code === code)) throw ValidationError.of(['input', 'minTier'], 'no such tier in the program', 'invalid_value');
  }

  /** The member's tier rank in the program (−1 without a tier) and the rank the reward needs. */
  async tierRanks(em: EntityManager, reward: Reward, account: LoyaltyAccount | null): Promise<{ member: number; needed: number }> {
    if (!reward.minTier) return { member: -1, needed: -1 };
    const tiers = await this.programs.tiers(em, reward.programId);
    const needed = tiers.find((t) => t.code === reward.minTier)?.rank ?? Number.MAX_SAFE_INTEGER;
    return { member: tiers.find((t) => t.id === account?.tierId)?.rank ?? -1, needed };
  }

  /** Refuses a reward that is archived, outside its dates or above the member's tier. */
  assertAvailable(reward: Reward, now: Date, ranks: { member: number; needed: number }): void {
    const reason = availabilityReason(reward, now, ranks);
    if (!reason) return;
    const messages = {
      archived: 'The reward has been withdrawn.',
      notYetValid: 'The reward is not available yet.',
      expired: 'The reward is no longer available.',
      tierTooLow: `The reward needs the ${reward.minTier} tier or above.`,
    };
    throw new RewardNotAvailableError(reason, messages[reason]);
  }

  /**
   * The active rewards of a program and, when a member is named, whether they can have
   * each now and why not. A fixed number of queries whatever the size of the catalog.
   */
  async catalog(em: EntityManager, programId: number | null | undefined, memberId: number | null, now = new Date()): Promise<CatalogItem[]> {
    const program = await this.programs.resolve(em, programId);
    const rewards = await em.find(Reward, { where: { programId: program.id, status: 'active' }, order: { costPoints: 'ASC', id: 'ASC' }, take: MAX_CATALOG });
    const pools = await this.poolSizes(em, rewards.filter((r) => r.kind === 'partnerVoucher').map((r) => r.id));
    const outOfStock = (r: Reward) => r.stock === 0 || (r.kind === 'partnerVoucher' && (pools.get(r.id) ?? 0) === 0);
    if (memberId === null) return rewards.map((reward) => ({ reward, affordable: !availabilityReason(reward, now, { member: 0, needed: -1 }) && !outOfStock(reward), reasons: [] }));
    const account = await em.findOne(LoyaltyAccount, { where: { memberId, programId: program.id } });
    const tiers = await this.programs.tiers(em, program.id);
    const memberRank = tiers.find((t) => t.id === account?.tierId)?.rank ?? -1;
    const counts = await this.redemptionCounts(em, memberId, rewards.map((r) => r.id));
    return rewards.map((reward) => {
      const needed = reward.minTier ? (tiers.find((t) => t.code === reward.minTier)?.rank ?? Number.MAX_SAFE_INTEGER) : -1;
      const reasons: UnavailableReason[] = [];
      const availability = availabilityReason(reward, now, { member: memberRank, needed });
      if (availability) reasons.push(availability);
      if (outOfStock(reward)) reasons.push('outOfStock');
      if (reward.perMemberLimit !== null && (counts.get(reward.id) ?? 0) >= reward.perMemberLimit) reasons.push('limitReached');
      if ((account?.available ?? 0) < reward.costPoints) reasons.push('notEnoughPoints');
      return { reward, affordable: reasons.length === 0, reasons };
    });
  }

  /** The latest redemptions of many members in one query, newest first. */
  redemptionsFor(em: EntityManager, memberIds: readonly number[], limit: number, beforeId: number | null): Promise<RewardRedemption[][]> {
    return latestPerMember(em, RewardRedemption, 'reward_redemptions', memberIds, { limit, beforeId });
  }

  couponsByIds(em: EntityManager, ids: readonly number[]): Promise<Coupon[]> {
    return ids.length ? em.find(Coupon, { where: { id: In([...new Set(ids)]) } }) : Promise.resolve([]);
  }

  /** Unclaimed imported codes per reward. */
  async poolSizes(em: EntityManager, rewardIds: number[]): Promise<Map<number, number>> {
    if (rewardIds.length === 0) return new Map();
    const rows: { rewardId: number; n: string | number }[] = await em
      .getRepository(Coupon)
      .createQueryBuilder('c')
      .select('c.rewardId', 'rewardId')
      .addSelect('COUNT(*)', 'n')
      .where({ rewardId: In(rewardIds), state: 'pool' })
      .groupBy('c.rewardId')
      .getRawMany();
    return new Map(rows.map((r) => [Number(r.rewardId), Number(r.n)]));
  }

  private async redemptionCounts(em: EntityManager, memberId: number, rewardIds: number[]): Promise<Map<number, number>> {
    if (rewardIds.length === 0) return new Map();
    const rows: { rewardId: number; n: string | number }[] = await em
      .getRepository(RewardRedemption)
      .createQueryBuilder('r')
      .select('r.rewardId', 'rewardId')
      .addSelect('COUNT(*)', 'n')
      .where({ memberId, rewardId: In(rewardIds) })
      .groupBy('r.rewardId')
      .getRawMany();
    return new Map(rows.map((r) => [Number(r.rewardId), Number(r.n)]));
  }
}

function availabilityReason(reward: Reward, now: Date, ranks: { member: number; needed: number }): 'archived' | 'notYetValid' | 'expired' | 'tierTooLow' | null {
  if (reward.status !== 'active') return 'archived';
  if (reward.validFrom && reward.validFrom.getTime() > now.getTime()) return 'notYetValid';
  if (reward.validUntil && reward.validUntil.getTime() <= now.getTime()) return 'expired';
  if (ranks.member < ranks.needed) return 'tierTooLow';
  return null;
}
