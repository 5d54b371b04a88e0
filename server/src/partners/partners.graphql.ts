import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { ApiKeyNode, ApiKeyScopeEnum } from '../auth/auth.graphql';
import type { ApiKey } from '../auth/api-key.entity';
import { loadByIds } from '../db/load-by-ids';
import { keysetConnection } from '../graphql/connections';
import { builder } from '../graphql/builder';
import type { Context } from '../graphql/context';
import { requestLoader } from '../graphql/loaders';
import { forbidden } from '../graphql/request-errors';
import { programScopedInput } from '../ledger/ledger.graphql';
import { enumOf, ProgramNode } from '../programs/programs.graphql';
import { PurchaseNode } from '../purchases/purchases.graphql';
import { actingPartner, canReadSettlement } from './partner-guard';
import { PARTNER_KINDS, PARTNER_STATUSES, Partner } from './partner.entity';
import type { Settlement } from './partners.service';
import type { SettlementFigures } from './settlement';

const PartnerKindEnum = enumOf('PartnerKind', PARTNER_KINDS);
const PartnerStatusEnum = enumOf('PartnerStatus', PARTNER_STATUSES, 'A SUSPENDED partner keeps its history; its keys are refused.');
const managers = { roles: ['marketer' as const] };
const readers = { roles: ['marketer' as const, 'analyst' as const] };

export const PartnerNode = builder.loadableNode('Partner', {
  description: 'A business in the coalition: it issues the program’s points and takes them as payment, and settles with the coalition in money.',
  id: { resolve: (p) => p.id },
  authScopes: (p, ctx) => canReadSettlement(ctx, p.id),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, Partner, ids),
  fields: (t) => ({
    program: t.field({ type: ProgramNode, resolve: (p) => p.programId }),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: PartnerKindEnum }),
    contactEmail: t.exposeString('contactEmail', { nullable: true }),
    status: t.expose('status', { type: PartnerStatusEnum }),
    issueRateMinor: t.exposeInt('issueRateMinor', { description: 'What the partner pays the coalition per ratePoints points it issues, in minor units.' }),
    redeemRateMinor: t.exposeInt('redeemRateMinor', { description: 'What the coalition pays the partner per ratePoints points redeemed there, in minor units.' }),
    ratePoints: t.exposeInt('ratePoints', { description: 'The points both rates are for (1, or 100 for a rate of 35 kopecks per 100 points).' }),
    earnPoints: t.exposeInt('earnPoints', { nullable: true, description: "The partner's own earn rate: earnPoints per earnPerMinor; null = the program's." }),
    earnPerMinor: t.exposeInt('earnPerMinor', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    apiKeys: t.field({
      type: [ApiKeyNode],
      description: "The partner's keys (revoked ones too), oldest first.",
      authScopes: { roles: ['admin'] },
      resolve: (p, _args, ctx) => requestLoader(ctx, 'keysByPartner', (ids: readonly number[]) => ctx.services.partners.keysByPartner(ctx.em, ids)).load(p.id),
    }),
  }),
});

builder.objectFields(PurchaseNode, (t) => ({
  partner: t.field({ type: PartnerNode, nullable: true, description: 'The coalition partner it was bought at.', resolve: (p) => p.partnerId }),
}));

const FiguresRef = builder.interfaceRef<SettlementFigures>('SettlementFigures').implement({
  description: 'Points of a period and the money each side owes for them, in whole minor units.',
  fields: (t) => ({
    pointsIssued: t.int({ description: "Earned on purchases recorded with the partner's keys.", resolve: (s) => s.issued }),
    pointsReversed: t.int({ description: "Taken back by refunds of the partner's purchases.", resolve: (s) => s.reversed }),
    pointsRedeemed: t.int({ description: 'Spent at the partner.', resolve: (s) => s.redeemed }),
    netPointsIssued: t.int({ resolve: (s) => s.netIssued }),
    partnerOwesMinor: t.int({ description: '(issued − reversed) × issueRateMinor / ratePoints, rounded half away from zero.', resolve: (s) => s.partnerOwesMinor }),
    coalitionOwesMinor: t.int({ description: 'redeemed × redeemRateMinor / ratePoints, rounded half away from zero.', resolve: (s) => s.coalitionOwesMinor }),
    netMinor: t.int({ description: 'partnerOwes − coalitionOwes: positive, the partner pays the coalition; negative, the coalition pays the partner.', resolve: (s) => s.netMinor }),
  }),
});

const SettlementMonthRef = builder.objectRef<{ month: string } & SettlementFigures>('PartnerSettlementMonth').implement({
  description: 'The figures of one calendar month (UTC), rounded on their own.',
  interfaces: [FiguresRef],
  fields: (t) => ({ month: t.exposeString('month', { description: 'YYYY-MM.' }) }),
});

const SettlementRef = builder.objectRef<Settlement>('PartnerSettlement').implement({
  description: "What a partner and the coalition owe each other for a period [from, to): integers in minor units of the program's currency.",
  interfaces: [FiguresRef],
  fields: (t) => ({
    partner: t.field({ type: PartnerNode, resolve: (s) => s.partner }),
    from: t.field({ type: 'DateTime', resolve: (s) => s.from }),
    to: t.field({ type: 'DateTime', resolve: (s) => s.to }),
    currency: t.exposeString('currency'),
    months: t.field({ type: [SettlementMonthRef], resolve: (s) => s.months }),
  }),
});

const PartnerInput = builder.inputType('PartnerInput', {
  fields: (t) => ({
    programId: t.globalID({ required: false, for: ProgramNode, description: 'The coalition program (the default one when left out). Fixed once created.' }),
    code: t.string({ required: false }),
    name: t.string({ required: false }),
    kind: t.field({ type: PartnerKindEnum, required: false }),
    contactEmail: t.string({ required: false }),
    status: t.field({ type: PartnerStatusEnum, required: false }),
    issueRateMinor: t.int({ required: false }),
    redeemRateMinor: t.int({ required: false }),
    ratePoints: t.int({ required: false }),
    earnPoints: t.int({ required: false }),
    earnPerMinor: t.int({ required: false }),
  }),
});

const CreatedPartnerKey = builder.objectRef<{ apiKey: ApiKey; secret: string }>('CreatedPartnerApiKey').implement({
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyNode, resolve: (r) => r.apiKey }),
    secret: t.string({ description: 'The key itself. It is shown now and never again.', resolve: (r) => r.secret }),
  }),
});

builder.queryFields((t) => ({
  partners: t.connection(
    {
      type: PartnerNode,
      authScopes: readers,
      args: { programId: t.arg.globalID({ required: false, for: ProgramNode }), status: t.arg({ type: PartnerStatusEnum, required: false }) },
      resolve: (_root, args, ctx) =>
        keysetConnection(args, (page) => ctx.services.partners.page(ctx.em, { programId: args.programId ? Number(args.programId.id) : null, status: args.status }, page)),
    },
    { name: 'PartnerConnection' },
    { name: 'PartnerEdge' },
  ),
  partnerSettlement: t.field({
    type: SettlementRef,
    description: 'What a partner and the coalition owe each other for [from, to). A partner’s key reads only its own.',
    // Any partner key gets in; the resolver lets it read only its own partner.
    authScopes: (_root, _args, ctx) => (ctx.actor.kind === 'apiKey' && ctx.actor.partnerId !== null ? true : readers),
    args: { partnerId: t.arg.globalID({ required: true, for: PartnerNode }), from: t.arg({ type: 'DateTime', required: true }), to: t.arg({ type: 'DateTime', required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'PartnerSettlementResult' } },
    resolve: async (_root, args, ctx) => {
      const partnerId = Number(args.partnerId.id);
      if (!canReadSettlement(ctx, partnerId)) throw forbidden();
      await actingPartner(ctx);
      return ctx.services.partners.settlement(ctx.em, partnerId, args.from, args.to);
    },
  }),
  partnerSettlements: t.field({
    type: [SettlementRef],
    description: 'Every partner of a program for [from, to), from one query over the ledger.',
    authScopes: readers,
    args: { programId: t.arg.globalID({ required: true, for: ProgramNode }), from: t.arg({ type: 'DateTime', required: true }), to: t.arg({ type: 'DateTime', required: true }) },
    // A list cannot be a direct result: the success member carries it in `data`.
    errors: { types: [ValidationError, NotFoundError], union: { name: 'PartnerSettlementsResult' }, result: { name: 'PartnerSettlementsSuccess' } },
    resolve: (_root, args, ctx) => ctx.services.partners.settlements(ctx.em, Number(args.programId.id), args.from, args.to),
  }),
}));

builder.mutationFields((t) => ({
  createPartner: t.field({
    type: PartnerNode,
    authScopes: managers,
    args: { input: t.arg({ type: PartnerInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'CreatePartnerResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => ctx.services.partners.create(em, programScopedInput(input))),
  }),
  updatePartner: t.field({
    type: PartnerNode,
    description: 'Changes a partner; status SUSPENDED refuses its keys at once. Null clears contactEmail and the earn rate override.',
    authScopes: managers,
    args: { id: t.arg.globalID({ required: true, for: PartnerNode }), input: t.arg({ type: PartnerInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'UpdatePartnerResult' } },
    resolve: (_root, { id, input }, ctx) => {
      // The program is fixed once created.
      return ctx.transaction((em) => ctx.services.partners.update(em, Number(id.id), programScopedInput({ ...input, programId: null })));
    },
  }),
  createPartnerApiKey: t.field({
    type: CreatedPartnerKey,
    description: "A key bound to the partner: it records the partner's sales and redemptions in its program only.",
    authScopes: { roles: ['admin'] },
    args: { partnerId: t.arg.globalID({ required: true, for: PartnerNode }), name: t.arg.string({ required: true }), scopes: t.arg({ type: [ApiKeyScopeEnum], required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'CreatePartnerApiKeyResult' } },
    resolve: (_root, args, ctx) =>
      ctx.transaction(async (em) => {
        const partner = await ctx.services.partners.byId(em, Number(args.partnerId.id));
        const scopes = ctx.services.partners.keyScopes(args.scopes);
        return ctx.services.auth.createApiKey(em, { name: args.name, scopes, partnerId: partner.id }, ctx.actor.kind === 'staff' ? ctx.actor.staffUserId : null);
      }),
  }),
}));
