import { ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import type { Context } from '../graphql/context';
import { ErrorInterface } from '../graphql/errors.graphql';
import { loadByIds } from '../db/load-by-ids';
import { requestLoader } from '../graphql/loaders';
import { canSeeMember, MemberNode } from '../members/members.graphql';
import { enumOf, ProgramNode } from '../programs/programs.graphql';
import { effectiveState, type Coupon } from './coupon.entity';
import type { RewardRedemption } from './reward-redemption.entity';
import { Reward, REWARD_KINDS, REWARD_STATUSES } from './reward.entity';
import {
  CouponAlreadyUsedError,
  CouponExpiredError,
  CouponNotFoundError,
  RewardLimitReachedError,
  RewardNotAvailableError,
  RewardOutOfStockError,
  UNAVAILABLE_REASONS,
} from './rewards.errors';

export const RewardKindEnum = enumOf('RewardKind', REWARD_KINDS);
export const RewardStatusEnum = enumOf('RewardStatus', REWARD_STATUSES);
export const UnavailableReasonEnum = enumOf('RewardUnavailableReason', UNAVAILABLE_REASONS, 'Why a member cannot have a reward now.');
export const CouponStateEnum = enumOf('CouponState', ['issued', 'used', 'expired'] as const, 'ISSUED until used or past expiresAt.');

/** The catalog is not secret, but only those who deal in rewards read it. */
export function canSeeRewards(ctx: Context): boolean {
  const { actor } = ctx;
  if (actor.kind === 'apiKey') return actor.scopes.includes('rewards:read') || actor.scopes.includes('points:redeem');
  return actor.kind === 'staff' || actor.kind === 'member';
}

const isStaff = (ctx: Context) => ctx.actor.kind === 'staff';

export const RewardNode = builder.loadableNode('Reward', {
  description: 'Something members get for points (or from a campaign); each redemption issues a coupon.',
  id: { resolve: (r) => r.id },
  authScopes: (_r, ctx) => canSeeRewards(ctx),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, Reward, ids),
  fields: (t) => ({
    program: t.field({ type: ProgramNode, resolve: (r) => r.programId }),
    code: t.exposeString('code', { description: 'What flows (action.issueReward) refer to.' }),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    imageUrl: t.exposeString('imageUrl', { nullable: true }),
    kind: t.field({ type: RewardKindEnum, resolve: (r) => r.kind }),
    valueMinor: t.exposeInt('valueMinor', { nullable: true, description: 'FIXED_DISCOUNT: the amount off, in minor units.' }),
    percent: t.exposeInt('percent', { nullable: true, description: 'PERCENT_DISCOUNT: 1–100.' }),
    capMinor: t.exposeInt('capMinor', { nullable: true, description: 'PERCENT_DISCOUNT: the most it takes off.' }),
    sku: t.exposeString('sku', { nullable: true, description: 'FREE_PRODUCT: the product given.' }),
    costPoints: t.exposeInt('costPoints'),
    stock: t.exposeInt('stock', { nullable: true, description: 'Left to hand out; null = unlimited.' }),
    perMemberLimit: t.exposeInt('perMemberLimit', { nullable: true }),
    validFrom: t.expose('validFrom', { type: 'DateTime', nullable: true }),
    validUntil: t.expose('validUntil', { type: 'DateTime', nullable: true }),
    minTier: t.exposeString('minTier', { nullable: true, description: 'Members of this tier and above may redeem.' }),
    couponValidDays: t.exposeInt('couponValidDays', { nullable: true, description: 'How long an issued coupon lasts; null = until used.' }),
    status: t.field({ type: RewardStatusEnum, resolve: (r) => r.status }),
    issuedCount: t.int({ nullable: true, description: 'Staff only.', resolve: (r, _a, ctx) => (isStaff(ctx) ? r.issuedCount : null) }),
    poolRemaining: t.int({
      nullable: true,
      description: 'PARTNER_VOUCHER: imported codes not yet handed out (staff only).',
      resolve: async (r, _a, ctx) => {
        if (r.kind !== 'partnerVoucher' || !isStaff(ctx)) return null;
        const loader = requestLoader(ctx, 'rewardPools', async (ids: readonly number[]) => {
          const sizes = await ctx.services.rewards.poolSizes(ctx.em, [...new Set(ids)]);
          return ids.map((id) => sizes.get(id) ?? 0);
        });
        return loader.load(r.id);
      },
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const CouponRef = builder.objectRef<Coupon>('Coupon').implement({
  description: "A code a member shows at the till. Members see only their own.",
  fields: (t) => ({
    code: t.exposeString('code'),
    state: t.field({ type: CouponStateEnum, resolve: (c) => effectiveState(c) as 'issued' | 'used' | 'expired' }),
    reward: t.field({ type: RewardNode, description: 'What the coupon gives.', resolve: (c) => c.rewardId }),
    member: t.field({ type: MemberNode, nullable: true, description: 'The owner, to those who may see members.', resolve: (c, _a, ctx) => (c.memberId !== null && canSeeMember(c.memberId, ctx) ? c.memberId : null) }),
    issuedAt: t.expose('issuedAt', { type: 'DateTime', nullable: true }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    usedAt: t.expose('usedAt', { type: 'DateTime', nullable: true }),
    orderRef: t.exposeString('orderRef', { nullable: true, description: 'The order (purchase external id) it was used on.' }),
    usedStore: t.exposeString('usedStore', { nullable: true }),
  }),
});

export const RewardRedemptionRef = builder.objectRef<RewardRedemption>('RewardRedemption').implement({
  fields: (t) => ({
    reward: t.field({ type: RewardNode, resolve: (r) => r.rewardId }),
    points: t.exposeInt('points', { description: '0 when a campaign gave it.' }),
    campaignId: t.exposeInt('campaignId', { nullable: true }),
    coupon: t.field({
      type: CouponRef,
      resolve: (r, _a, ctx) =>
        requestLoader(ctx, 'couponById', async (ids: readonly number[]) => {
          const rows = await ctx.services.rewards.couponsByIds(ctx.em, ids);
          return ids.map((id) => rows.find((c) => c.id === id)!);
        }).load(r.couponId),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.objectType(RewardNotAvailableError, {
  name: 'RewardNotAvailableError',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof RewardNotAvailableError,
  fields: (t) => ({ reason: t.field({ type: UnavailableReasonEnum, resolve: (e) => e.reason }) }),
});
builder.objectType(RewardOutOfStockError, { name: 'RewardOutOfStockError', interfaces: [ErrorInterface], isTypeOf: (v) => v instanceof RewardOutOfStockError, fields: () => ({}) });
builder.objectType(RewardLimitReachedError, {
  name: 'RewardLimitReachedError',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof RewardLimitReachedError,
  fields: (t) => ({ limit: t.exposeInt('limit') }),
});
builder.objectType(CouponNotFoundError, { name: 'CouponNotFoundError', interfaces: [ErrorInterface], isTypeOf: (v) => v instanceof CouponNotFoundError, fields: () => ({}) });
builder.objectType(CouponAlreadyUsedError, {
  name: 'CouponAlreadyUsedError',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof CouponAlreadyUsedError,
  fields: (t) => ({ usedAt: t.expose('usedAt', { type: 'DateTime', nullable: true }) }),
});
builder.objectType(CouponExpiredError, {
  name: 'CouponExpiredError',
  interfaces: [ErrorInterface],
  isTypeOf: (v) => v instanceof CouponExpiredError,
  fields: (t) => ({ expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }) }),
});

/** first/after of a newest-first list read through a per-member loader. */
export function forwardPage(args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }) {
  if (args.last != null || args.before != null) throw ValidationError.of(['last'], 'page forwards with first/after');
  const after = args.after ? Number(args.after) : null;
  if (after !== null && !Number.isSafeInteger(after)) throw ValidationError.of(['after'], 'is not a cursor this list gave out');
  return { limit: Math.min(Math.max(args.first ?? 20, 0), 100), after };
}

export function pageOf<T extends { id: number }>(rows: T[], limit: number, after: number | null) {
  const page = rows.slice(0, limit);
  return {
    edges: page.map((node) => ({ cursor: String(node.id), node })),
    pageInfo: { hasNextPage: rows.length > limit, hasPreviousPage: after !== null, startCursor: page[0] ? String(page[0].id) : null, endCursor: page.length ? String(page[page.length - 1].id) : null },
  };
}
