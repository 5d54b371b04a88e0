import { GraphQLError } from 'graphql';
import { ConflictError, DomainError, InsufficientPointsError, NotFoundError, ValidationError } from '../errors';
import { keysetPage } from '../db/keyset-page';
import { builder } from '../graphql/builder';
import { keysetConnection } from '../graphql/connections';
import type { Context } from '../graphql/context';
import { forbidden } from '../graphql/request-errors';
import { actorOf, idOf, LoyaltyAccountNode } from '../ledger/ledger.graphql';
import { MemberNode } from '../members/members.graphql';
import { requestLoader } from '../graphql/loaders';
import type { CatalogItem } from './rewards.service';
import type { RewardReceipt } from './redeem.service';
import { Reward } from './reward.entity';
import { RewardLimitReachedError, RewardNotAvailableError, RewardOutOfStockError } from './rewards.errors';
import { CouponRef, forwardPage, pageOf, RewardKindEnum, RewardNode, RewardRedemptionRef, RewardStatusEnum, UnavailableReasonEnum } from './reward-types.graphql';
import './coupons.graphql';

const readers = { $any: { roles: ['marketer' as const, 'analyst' as const, 'support' as const] } };
const editors = { roles: ['marketer' as const] };
const optionalId = (value: { typename: string; id: string } | null | undefined, typename: string) => (value ? idOf(value, typename) : null);

const RewardInput = builder.inputType('RewardInput', {
  description: 'On update, fields left out stay; null clears (stock null = unlimited).',
  fields: (t) => ({
    programId: t.globalID({ required: false }),
    code: t.string({ required: false }),
    name: t.string({ required: false }),
    description: t.string({ required: false }),
    imageUrl: t.string({ required: false, description: 'https:// only.' }),
    kind: t.field({ type: RewardKindEnum, required: false }),
    valueMinor: t.int({ required: false }),
    percent: t.int({ required: false }),
    capMinor: t.int({ required: false }),
    sku: t.string({ required: false }),
    costPoints: t.int({ required: false }),
    stock: t.int({ required: false }),
    perMemberLimit: t.int({ required: false }),
    validFrom: t.field({ type: 'DateTime', required: false }),
    validUntil: t.field({ type: 'DateTime', required: false }),
    minTier: t.string({ required: false, description: 'A tier code: that tier and above.' }),
    couponValidDays: t.int({ required: false }),
  }),
});

/** GraphQL input → service input: ids decoded, left-out fields dropped, nulls kept (they clear). */
function rewardInput(input: Record<string, unknown>) {
  const { programId, ...rest } = input as { programId?: { typename: string; id: string } | null };
  return { ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)), programId: optionalId(programId, 'Program') } as never;
}

const RewardOfferRef = builder.objectRef<CatalogItem>('RewardOffer').implement({
  description: 'A reward of the catalog and whether the member can have it now.',
  fields: (t) => ({
    reward: t.field({ type: RewardNode, resolve: (o) => o.reward }),
    affordable: t.exposeBoolean('affordable'),
    reasons: t.field({ type: [UnavailableReasonEnum], description: 'Why not, when a member was named.', resolve: (o) => o.reasons }),
  }),
});

const RewardRedeemedRef = builder.objectRef<RewardReceipt>('RewardRedeemed').implement({
  fields: (t) => ({
    redemption: t.field({ type: RewardRedemptionRef, resolve: (r) => r.redemption }),
    coupon: t.field({ type: CouponRef, resolve: (r) => r.coupon }),
    reward: t.field({ type: RewardNode, resolve: (r) => r.reward }),
    account: t.field({ type: LoyaltyAccountNode, resolve: (r) => r.account }),
    replayed: t.exposeBoolean('replayed', { description: 'True when this repeated an earlier call (same idempotency key) and changed nothing.' }),
  }),
});

const RedeemRewardInput = builder.inputType('RedeemRewardInput', {
  fields: (t) => ({
    rewardId: t.globalID(),
    memberId: t.globalID({ required: false, description: 'A member redeems for themselves; an API key or staff names the member.' }),
    idempotencyKey: t.string({ description: 'Your key for this redemption: sending it again answers with the first result.' }),
  }),
});

/** A query's expected failure (an unknown program, an id of the wrong type) as a request error with its code, not a masked bug. */
async function orRequestError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw new GraphQLError(error.message, { extensions: { code: error instanceof ValidationError ? 'BAD_USER_INPUT' : error.code } });
    throw error;
  }
}

/** The member a redemption is for: the signed-in member, or the one a key or support names. */
function redeemingMember(ctx: Context, memberId: { typename: string; id: string } | null | undefined): number {
  const named = optionalId(memberId, 'Member');
  if (ctx.actor.kind === 'member') {
    if (named !== null && named !== ctx.actor.memberId) throw forbidden();
    return ctx.actor.memberId;
  }
  if (named === null) throw ValidationError.of(['input', 'memberId'], 'name the member', 'invalid_value');
  return named;
}

builder.queryFields((t) => ({
  rewards: t.connection({
    type: RewardNode,
    description: "A program's rewards (the default program when none is named), oldest first.",
    authScopes: readers,
    args: { programId: t.arg.globalID({ required: false }), status: t.arg({ type: RewardStatusEnum, required: false }) },
    resolve: async (_root, args, ctx) => {
      const program = await orRequestError(() => ctx.services.programs.resolve(ctx.em, optionalId(args.programId, 'Program')));
      return keysetConnection(args, (page) =>
        keysetPage(ctx.em, Reward, page, (qb, r) => {
          qb.andWhere(`${r}.programId = :programId`, { programId: program.id });
          if (args.status) qb.andWhere(`${r}.status = :status`, { status: args.status });
        }),
      );
    },
  }),
  rewardCatalog: t.field({
    type: [RewardOfferRef],
    description: "The active rewards, cheapest first. For a member (the signed-in one, or one staff or a key with members:read names): whether each is affordable now and why not.",
    authScopes: { $any: { staff: true, member: true, apiScope: 'rewards:read' } },
    args: { programId: t.arg.globalID({ required: false }), memberId: t.arg.globalID({ required: false }) },
    resolve: (_root, args, ctx) => orRequestError(async () => {
      const named = optionalId(args.memberId, 'Member');
      const { actor } = ctx;
      if (actor.kind === 'member' && named !== null && named !== actor.memberId) throw forbidden();
      if (actor.kind === 'apiKey' && named !== null && !actor.scopes.includes('members:read')) throw forbidden();
      const memberId = actor.kind === 'member' ? actor.memberId : named;
      return ctx.services.rewards.catalog(ctx.em, optionalId(args.programId, 'Program'), memberId);
    }),
  }),
}));

builder.mutationFields((t) => ({
  createReward: t.field({
    type: RewardNode,
    authScopes: editors,
    args: { input: t.arg({ type: RewardInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'CreateRewardResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => ctx.services.rewards.create(em, rewardInput(input))),
  }),
  updateReward: t.field({
    type: RewardNode,
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true }), input: t.arg({ type: RewardInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'UpdateRewardResult' } },
    resolve: (_root, { id, input }, ctx) => ctx.transaction((em) => ctx.services.rewards.update(em, idOf(id, 'Reward'), rewardInput(input))),
  }),
  setRewardStatus: t.field({
    type: RewardNode,
    description: 'ARCHIVED withdraws a reward from the catalog (coupons already issued stay valid); ACTIVE brings it back.',
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true }), status: t.arg({ type: RewardStatusEnum, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'SetRewardStatusResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.rewards.setStatus(em, idOf(args.id, 'Reward'), args.status)),
  }),
  redeemReward: t.field({
    type: RewardRedeemedRef,
    description: "Spends the member's points on a reward and issues its coupon, atomically, once per idempotency key.",
    authScopes: { $any: { member: true, apiScope: 'points:redeem', roles: ['support'] } },
    args: { input: t.arg({ type: RedeemRewardInput, required: true }) },
    errors: {
      types: [InsufficientPointsError, RewardOutOfStockError, RewardLimitReachedError, RewardNotAvailableError, ValidationError, NotFoundError, ConflictError],
      directResult: true,
      union: { name: 'RedeemRewardResult' },
    },
    resolve: (_root, { input }, ctx) => {
      const memberId = redeemingMember(ctx, input.memberId);
      return ctx.services.rewards.redeem.redeem(ctx.dataSource, { rewardId: idOf(input.rewardId, 'Reward'), memberId, idempotencyKey: input.idempotencyKey }, actorOf(ctx));
    },
  }),
}));

builder.objectFields(MemberNode, (t) => ({
  rewardRedemptions: t.connection(
    {
      type: RewardRedemptionRef,
      description: "The member's rewards, newest first (forwards with first/after).",
      resolve: async (member, args, ctx) => {
        const { limit, after } = forwardPage(args);
        const loader = requestLoader(ctx, `rewardRedemptions:${limit + 1}:${after ?? ''}`, (ids: readonly number[]) => ctx.services.rewards.redemptionsFor(ctx.em, ids, limit + 1, after));
        return pageOf(await loader.load(member.id), limit, after);
      },
    },
    { name: 'RewardRedemptionConnection' },
    { name: 'RewardRedemptionEdge' },
  ),
}));
