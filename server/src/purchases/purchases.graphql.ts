import { In } from 'typeorm';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { keysetPage } from '../db/keyset-page';
import { loadByIds } from '../db/load-by-ids';
import { builder } from '../graphql/builder';
import { keysetConnection } from '../graphql/connections';
import type { Context } from '../graphql/context';
import { requestLoader } from '../graphql/loaders';
import { actorOf, idOf, LoyaltyAccountNode } from '../ledger/ledger.graphql';
import { canSeeMember, MemberNode } from '../members/members.graphql';
import { enumOf, ProgramNode, TierNode } from '../programs/programs.graphql';
import { actingPartner, partnerWriteScope } from '../partners/partner-guard';
import { CHANNELS, Purchase } from './purchase.entity';
import { PurchaseItem } from './purchase-item.entity';
import type { PurchaseReceipt, RefundReceipt } from './purchases.service';

const ChannelEnum = enumOf('Channel', CHANNELS);

const PurchaseItemRef = builder.objectRef<PurchaseItem>('PurchaseItem').implement({
  fields: (t) => ({
    sku: t.exposeString('sku'),
    name: t.exposeString('name'),
    category: t.exposeString('category', { nullable: true }),
    quantity: t.exposeInt('quantity'),
    unitPriceMinor: t.exposeInt('unitPriceMinor'),
  }),
});

export const PurchaseNode = builder.loadableNode('Purchase', {
  description: 'A receipt: of a member, or of someone who is not one (member is null).',
  id: { resolve: (p) => p.id },
  // A partner's key sees the receipts it recorded, and no others.
  authScopes: (p, ctx) =>
    ctx.actor.kind === 'apiKey' && ctx.actor.partnerId !== null
      ? ctx.actor.partnerId === p.partnerId
      : p.memberId
        ? canSeeMember(p.memberId, ctx)
        : ctx.actor.kind === 'staff' || ctx.actor.kind === 'apiKey',
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, Purchase, ids),
  fields: (t) => ({
    externalId: t.exposeString('externalId'),
    member: t.field({ type: MemberNode, nullable: true, resolve: (p) => p.memberId }),
    program: t.field({ type: ProgramNode, resolve: (p) => p.programId }),
    totalMinor: t.exposeInt('totalMinor'),
    currency: t.exposeString('currency'),
    channel: t.expose('channel', { type: ChannelEnum }),
    storeId: t.exposeString('storeId', { nullable: true }),
    pointsEarned: t.exposeInt('pointsEarned'),
    refundedMinor: t.exposeInt('refundedMinor'),
    pointsReversed: t.exposeInt('pointsReversed'),
    occurredAt: t.expose('occurredAt', { type: 'DateTime' }),
    items: t.field({
      type: [PurchaseItemRef],
      resolve: (p, _args, ctx) =>
        requestLoader(ctx, 'itemsByPurchase', async (ids: readonly number[]) => {
          const rows = await ctx.em.find(PurchaseItem, { where: { purchaseId: In([...new Set(ids)]) }, order: { id: 'ASC' } });
          return ids.map((id) => rows.filter((r) => r.purchaseId === id));
        }).load(p.id),
    }),
  }),
});

const PurchaseItemInput = builder.inputType('PurchaseItemInput', {
  fields: (t) => ({
    sku: t.string(),
    name: t.string({ required: false }),
    category: t.string({ required: false }),
    quantity: t.int(),
    unitPriceMinor: t.int(),
  }),
});

const RecordPurchaseInput = builder.inputType('RecordPurchaseInput', {
  fields: (t) => ({
    externalId: t.string({ description: 'Your receipt id: sending it again changes nothing.' }),
    memberId: t.globalID({ required: false, for: MemberNode }),
    memberExternalId: t.string({ required: false, description: 'The member by your customer id; leave both out for a non-member.' }),
    programId: t.globalID({ required: false, for: ProgramNode }),
    totalMinor: t.int({ description: 'What was paid, in minor units (kopecks, cents).' }),
    currency: t.string(),
    channel: t.field({ type: ChannelEnum }),
    storeId: t.string({ required: false }),
    items: t.field({ type: [PurchaseItemInput], required: false }),
    occurredAt: t.field({ type: 'DateTime', required: false }),
  }),
});

const PurchaseRecorded = builder.objectRef<PurchaseReceipt>('PurchaseRecorded').implement({
  fields: (t) => ({
    purchase: t.field({ type: PurchaseNode, resolve: (r) => r.purchase }),
    pointsEarned: t.exposeInt('pointsEarned'),
    debtSettled: t.exposeInt('debtSettled', { description: 'Points that paid off debt from an earlier refund.' }),
    campaignPoints: t.exposeInt('campaignPoints', { description: 'Points the running campaigns gave for this purchase (on top of pointsEarned).' }),
    account: t.field({ type: LoyaltyAccountNode, nullable: true, resolve: (r) => r.account }),
    newTier: t.field({ type: TierNode, nullable: true, description: 'Set when this purchase moved the member up a tier.', resolve: (r) => r.tierChange?.toTierId ?? null }),
    replayed: t.exposeBoolean('replayed', { description: 'True when this repeated an earlier call and changed nothing.' }),
  }),
});

const RefundPurchaseInput = builder.inputType('RefundPurchaseInput', {
  fields: (t) => ({
    externalId: t.string({ description: 'Your refund id: sending it again changes nothing.' }),
    purchaseExternalId: t.string(),
    amountMinor: t.int(),
    occurredAt: t.field({ type: 'DateTime', required: false }),
  }),
});

const RefundRecorded = builder.objectRef<RefundReceipt>('RefundRecorded').implement({
  fields: (t) => ({
    externalId: t.string({ resolve: (r) => r.refund.externalId }),
    amountMinor: t.int({ resolve: (r) => r.refund.amountMinor }),
    purchase: t.field({ type: PurchaseNode, resolve: (r) => r.purchase }),
    pointsReversed: t.int({ description: 'Points taken back from the balance.', resolve: (r) => r.refund.pointsReversed }),
    debtPoints: t.int({ description: 'Points already spent: owed, and settled by future earnings.', resolve: (r) => r.refund.debtPoints }),
    account: t.field({ type: LoyaltyAccountNode, nullable: true, resolve: (r) => r.account }),
    replayed: t.exposeBoolean('replayed'),
  }),
});

const purchaseWriters = { $any: { roles: ['support' as const], apiScope: 'purchases:write' as const, partnerScope: 'purchases:write' as const } };

builder.objectFields(MemberNode, (t) => ({
  purchases: t.connection(
    {
      type: PurchaseNode,
      description: "The member's purchases, oldest first.",
      resolve: (member, args, ctx) => keysetConnection(args, (page) => keysetPage(ctx.em, Purchase, page, (qb, p) => qb.andWhere(`${p}.memberId = :memberId`, { memberId: member.id }))),
    },
    { name: 'PurchaseConnection' },
    { name: 'PurchaseEdge' },
  ),
}));

builder.queryFields((t) => ({
  purchases: t.connection(
    {
      type: PurchaseNode,
      description: "All purchases, oldest first; `members: false` lists only those of non-members. A partner's key lists only the partner's.",
      authScopes: { $any: { staff: true, apiScope: 'purchases:write', partnerScope: 'purchases:write' } },
      args: { members: t.arg.boolean({ required: false }) },
      resolve: async (_root, args, ctx) => {
        const partner = await actingPartner(ctx);
        return keysetConnection(args, (page) =>
          keysetPage(ctx.em, Purchase, page, (qb, p) => {
            if (partner) qb.andWhere(`${p}.partnerId = :partnerId`, { partnerId: partner.id });
            if (args.members === true) qb.andWhere(`${p}.memberId IS NOT NULL`);
            if (args.members === false) qb.andWhere(`${p}.memberId IS NULL`);
          }),
        );
      },
    },
    { name: 'PurchaseListConnection' },
    { name: 'PurchaseListEdge' },
  ),
}));

builder.mutationFields((t) => ({
  recordPurchase: t.field({
    type: PurchaseRecorded,
    description: 'Records a receipt and earns its points, once per externalId.',
    authScopes: purchaseWriters,
    args: { input: t.arg({ type: RecordPurchaseInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, ConflictError], directResult: true, union: { name: 'RecordPurchaseResult' } },
    resolve: async (_root, { input }, ctx) => {
      const data = { ...input, memberId: input.memberId ? idOf(input.memberId, 'Member') : null, programId: input.programId ? idOf(input.programId, 'Program') : null };
      // A partner's key records in the partner's program, on the partner channel.
      const partner = await partnerWriteScope(ctx, data);
      return ctx.services.purchases.record(ctx.dataSource, partner ? { ...data, programId: partner.programId, channel: 'partner' } : data, { ...actorOf(ctx), partner });
    },
  }),
  refundPurchase: t.field({
    type: RefundRecorded,
    description: 'Refunds part or all of a purchase and takes back, in proportion, the points it earned.',
    authScopes: purchaseWriters,
    args: { input: t.arg({ type: RefundPurchaseInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError, ConflictError], directResult: true, union: { name: 'RefundPurchaseResult' } },
    resolve: async (_root, { input }, ctx) => ctx.services.purchases.refund(ctx.dataSource, input, { ...actorOf(ctx), partner: await actingPartner(ctx) }),
  }),
}));
