import { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import type { Context } from '../graphql/context';
import { requestLoader } from '../graphql/loaders';
import { idOf } from '../ledger/ledger.graphql';
import { MemberNode } from '../members/members.graphql';
import type { ImportReport } from './coupons.service';
import type { Coupon } from './coupon.entity';
import { CouponAlreadyUsedError, CouponExpiredError, CouponNotFoundError } from './rewards.errors';
import { CouponRef, CouponStateEnum, forwardPage, pageOf } from './reward-types.graphql';

/** A member asks only about their own coupons; the till and staff about any. */
const viewerOf = (ctx: Context) => ({ memberId: ctx.actor.kind === 'member' ? ctx.actor.memberId : null });
const atTheTill = { $any: { member: true, apiScope: 'points:redeem' as const, roles: ['support' as const] } };

const ImportErrorRef = builder.objectRef<{ line: number; message: string }>('CouponImportRowError').implement({
  fields: (t) => ({ line: t.exposeInt('line'), message: t.exposeString('message') }),
});
const ImportRef = builder.objectRef<ImportReport>('CouponImport').implement({
  fields: (t) => ({
    imported: t.exposeInt('imported'),
    duplicates: t.exposeInt('duplicates', { description: 'Codes already in the pool (or repeated in the file), skipped.' }),
    errors: t.field({ type: [ImportErrorRef], description: 'Rows refused, with their line numbers (the first 100).', resolve: (r) => r.errors }),
    poolSize: t.exposeInt('poolSize', { description: 'Codes in the pool not yet handed out, after the import.' }),
  }),
});
const CouponUsedRef = builder.objectRef<{ coupon: Coupon; replayed: boolean }>('CouponUsed').implement({
  fields: (t) => ({ coupon: t.field({ type: CouponRef, resolve: (r) => r.coupon }), replayed: t.exposeBoolean('replayed') }),
});
const UseCouponInput = builder.inputType('UseCouponInput', {
  fields: (t) => ({
    code: t.string(),
    orderRef: t.string({ description: 'The order (purchase external id) the coupon pays for.' }),
    store: t.string({ required: false }),
    idempotencyKey: t.string({ required: false, description: 'Sending the same key and order again answers with the first use.' }),
  }),
});

builder.queryFields((t) => ({
  validateCoupon: t.field({
    type: CouponRef,
    description: 'What a coupon gives, its state and owner. Changes nothing. A member sees only their own.',
    authScopes: atTheTill,
    args: { code: t.arg.string({ required: true, validate: z.string().max(200) }) },
    errors: { types: [CouponNotFoundError], directResult: true, union: { name: 'ValidateCouponResult' } },
    resolve: (_root, args, ctx) => ctx.services.rewards.coupons.find(ctx.em, args.code, viewerOf(ctx)),
  }),
}));

builder.mutationFields((t) => ({
  useCoupon: t.field({
    type: CouponUsedRef,
    description: 'Marks a coupon used for an order, once, however many tills try at the same moment.',
    authScopes: atTheTill,
    args: { input: t.arg({ type: UseCouponInput, required: true }) },
    errors: { types: [CouponNotFoundError, CouponAlreadyUsedError, CouponExpiredError, ValidationError], directResult: true, union: { name: 'UseCouponResult' } },
    resolve: (_root, { input }, ctx) => ctx.services.rewards.coupons.use(ctx.dataSource, input, viewerOf(ctx)),
  }),
  importCoupons: t.field({
    type: ImportRef,
    description: 'Adds partner voucher codes (CSV, one code per line) to a PARTNER_VOUCHER reward’s pool.',
    authScopes: { roles: ['marketer'] },
    args: { rewardId: t.arg.globalID({ required: true }), csv: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'ImportCouponsResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.rewards.coupons.importCodes(em, idOf(args.rewardId, 'Reward'), args.csv)),
  }),
}));

builder.objectFields(MemberNode, (t) => ({
  coupons: t.connection(
    {
      type: CouponRef,
      description: "The member's coupons, newest first (forwards with first/after).",
      args: { state: t.arg({ type: CouponStateEnum, required: false }) },
      resolve: async (member, args, ctx) => {
        const { limit, after } = forwardPage(args);
        const state = args.state ?? null;
        const loader = requestLoader(ctx, `coupons:${limit + 1}:${after ?? ''}:${state ?? ''}`, (ids: readonly number[]) => ctx.services.rewards.coupons.latestFor(ctx.em, ids, limit + 1, after, state));
        return pageOf(await loader.load(member.id), limit, after);
      },
    },
    { name: 'CouponConnection' },
    { name: 'CouponEdge' },
  ),
}));
