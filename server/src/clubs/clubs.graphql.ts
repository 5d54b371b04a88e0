import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { keysetPage } from '../db/keyset-page';
import { loadByIds } from '../db/load-by-ids';
import { builder } from '../graphql/builder';
import { keysetConnection } from '../graphql/connections';
import type { Context } from '../graphql/context';
import { ErrorInterface } from '../graphql/errors.graphql';
import { requestLoader } from '../graphql/loaders';
import { forbidden } from '../graphql/request-errors';
import { idOf, programScopedInput } from '../ledger/ledger.graphql';
import { MemberNode } from '../members/members.graphql';
import { enumOf, ProgramNode } from '../programs/programs.graphql';
import type { PaymentReceipt } from './club-billing';
import { PaymentMismatchError } from './club-errors';
import { ClubPlan, CLUB_PLAN_STATUSES, PERIOD_UNITS } from './club-plan.entity';
import { ClubSubscription, CLUB_SUBSCRIPTION_STATUSES } from './club-subscription.entity';
import type { ClubStats } from './clubs.service';

const PlanStatusEnum = enumOf('ClubPlanStatus', CLUB_PLAN_STATUSES);
const PeriodUnitEnum = enumOf('ClubPeriodUnit', PERIOD_UNITS);
const SubscriptionStatusEnum = enumOf('ClubSubscriptionStatus', CLUB_SUBSCRIPTION_STATUSES, 'PENDING waits for its first payment; TRIALING, ACTIVE and PAST_DUE (grace days) are in the club.');
const editors = { roles: ['marketer' as const] };
const readers = { $any: { roles: ['marketer' as const, 'analyst' as const, 'support' as const] } };
/** Who may see the clubs on offer, as for programs: members, staff and API keys that read members. */
const signedIn = (ctx: Context) => ctx.actor.kind === 'member' || (ctx.actor.kind === 'apiKey' && ctx.actor.scopes.includes('members:read'));

builder.objectType(PaymentMismatchError, {
  name: 'PaymentMismatchError',
  description: 'The payment is not the price of one period of the plan: nothing was recorded.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof PaymentMismatchError,
  fields: (t) => ({
    expectedMinor: t.exposeInt('expectedMinor'),
    expectedCurrency: t.exposeString('expectedCurrency'),
    amountMinor: t.exposeInt('amountMinor'),
    currency: t.exposeString('currency'),
  }),
});

export const ClubPlanNode = builder.loadableNode('ClubPlan', {
  description: 'A paid club: a price per period, perks, and what flows check with condition.club.',
  id: { resolve: (p) => p.id },
  // Everyone signed in sees the clubs on offer; archived ones only staff.
  authScopes: (p, ctx) => ctx.actor.kind === 'staff' || (signedIn(ctx) && p.status === 'active'),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, ClubPlan, ids),
  fields: (t) => ({
    program: t.field({ type: ProgramNode, resolve: (p) => p.programId }),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    priceMinor: t.exposeInt('priceMinor'),
    currency: t.exposeString('currency'),
    periodUnit: t.field({ type: PeriodUnitEnum, resolve: (p) => p.periodUnit }),
    periodCount: t.exposeInt('periodCount', { description: 'Months (1, 3, 12) or days per paid period.' }),
    trialDays: t.exposeInt('trialDays'),
    graceDays: t.exposeInt('graceDays', { description: 'Days an unpaid subscription keeps the club before it expires.' }),
    perks: t.exposeStringList('perks'),
    earnMultiplierPercent: t.exposeInt('earnMultiplierPercent', { nullable: true, description: '200 = double points, given by a campaign with condition.club.' }),
    status: t.field({ type: PlanStatusEnum, resolve: (p) => p.status }),
  }),
});

export const ClubSubscriptionNode = builder.loadableNode('ClubSubscription', {
  description: "A member's subscription to a club.",
  id: { resolve: (s) => s.id },
  authScopes: (s, ctx) => ctx.actor.kind === 'staff' || (ctx.actor.kind === 'member' && ctx.actor.memberId === s.memberId) || (ctx.actor.kind === 'apiKey' && ctx.actor.scopes.includes('members:read')),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, ClubSubscription, ids),
  fields: (t) => ({
    member: t.field({ type: MemberNode, resolve: (s) => s.memberId }),
    plan: t.field({ type: ClubPlanNode, resolve: (s) => s.planId }),
    status: t.field({ type: SubscriptionStatusEnum, resolve: (s) => s.status }),
    currentPeriodStart: t.expose('currentPeriodStart', { type: 'DateTime', nullable: true }),
    currentPeriodEnd: t.expose('currentPeriodEnd', { type: 'DateTime', nullable: true, description: 'Paid (or trial) through this instant.' }),
    cancelAtPeriodEnd: t.exposeBoolean('cancelAtPeriodEnd'),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
    endedAt: t.expose('endedAt', { type: 'DateTime', nullable: true }),
    graceDays: t.exposeInt('graceDays'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const StatsRef = builder.objectRef<ClubStats>('ClubStats').implement({
  fields: (t) => ({
    active: t.exposeInt('active'),
    trialing: t.exposeInt('trialing'),
    pastDue: t.exposeInt('pastDue'),
    pending: t.exposeInt('pending'),
    mrrMinor: t.exposeInt('mrrMinor', { description: 'Monthly recurring revenue of the active subscriptions, in minor units.' }),
    currency: t.exposeString('currency'),
  }),
});

const PaymentRecorded = builder.objectRef<PaymentReceipt>('ClubPaymentRecorded').implement({
  fields: (t) => ({
    externalId: t.string({ resolve: (r) => r.payment.externalId }),
    amountMinor: t.int({ resolve: (r) => r.payment.amountMinor }),
    currency: t.string({ resolve: (r) => r.payment.currency }),
    periodStart: t.field({ type: 'DateTime', resolve: (r) => r.payment.periodStart }),
    periodEnd: t.field({ type: 'DateTime', resolve: (r) => r.payment.periodEnd }),
    subscription: t.field({ type: ClubSubscriptionNode, resolve: (r) => r.subscription }),
    replayed: t.exposeBoolean('replayed', { description: 'True when this repeated an earlier call and changed nothing.' }),
  }),
});

const ClubPlanInput = builder.inputType('ClubPlanInput', {
  fields: (t) => ({
    programId: t.globalID({ required: false, for: ProgramNode }),
    code: t.string({ required: false }),
    name: t.string({ required: false }),
    description: t.string({ required: false }),
    priceMinor: t.int({ required: false }),
    periodUnit: t.field({ type: PeriodUnitEnum, required: false }),
    periodCount: t.int({ required: false }),
    trialDays: t.int({ required: false }),
    graceDays: t.int({ required: false }),
    perks: t.stringList({ required: false }),
    earnMultiplierPercent: t.int({ required: false }),
  }),
});

const RecordClubPaymentInput = builder.inputType('RecordClubPaymentInput', {
  fields: (t) => ({
    memberId: t.globalID({ for: MemberNode }),
    programId: t.globalID({ required: false, for: ProgramNode }),
    planCode: t.string({ required: false, description: 'Pay for this plan (starts a subscription if the member has none)…' }),
    subscriptionId: t.globalID({ required: false, for: ClubSubscriptionNode, description: '…or for this subscription.' }),
    externalId: t.string({ description: "Your payment system's id: sending it again changes nothing." }),
    amountMinor: t.int(),
    currency: t.string(),
    paidAt: t.field({ type: 'DateTime' }),
  }),
});

builder.objectFields(MemberNode, (t) => ({
  clubSubscriptions: t.field({
    type: [ClubSubscriptionNode],
    description: "The member's club subscriptions, newest first.",
    resolve: (member, _args, ctx) => requestLoader(ctx, 'clubSubscriptionsByMember', (ids: readonly number[]) => ctx.services.clubs.subscriptionsOf(ctx.em, ids)).load(member.id),
  }),
}));

builder.queryFields((t) => ({
  clubPlans: t.field({
    type: [ClubPlanNode],
    description: "The program's clubs on offer; staff may include the archived ones.",
    authScopes: { $any: { staff: true, member: true, apiScope: 'members:read' } },
    args: { programId: t.arg.globalID({ required: false, for: ProgramNode }), includeArchived: t.arg.boolean({ required: false }) },
    resolve: (_root, args, ctx) => ctx.services.clubs.plans(ctx.em, args.programId ? Number(args.programId.id) : null, ctx.actor.kind === 'staff' && args.includeArchived === true),
  }),
  clubSubscriptions: t.connection(
    {
      type: ClubSubscriptionNode,
      description: 'Subscriptions of every member, oldest first.',
      authScopes: readers,
      args: { status: t.arg({ type: SubscriptionStatusEnum, required: false }), planCode: t.arg.string({ required: false, validate: z.string().max(64) }), programId: t.arg.globalID({ required: false, for: ProgramNode }) },
      resolve: async (_root, args, ctx) => {
        const plan = args.planCode ? await ctx.services.clubs.planByCode(ctx.em, args.planCode, args.programId ? Number(args.programId.id) : null).catch(() => null) : null;
        if (args.planCode && !plan) return keysetConnection(args, async () => []);
        return keysetConnection(args, (page) =>
          keysetPage(ctx.em, ClubSubscription, page, (qb, s) => {
            if (args.status) qb.andWhere(`${s}.status = :status`, { status: args.status });
            if (plan) qb.andWhere(`${s}.planId = :planId`, { planId: plan.id });
          }),
        );
      },
    },
    { name: 'ClubSubscriptionConnection' },
    { name: 'ClubSubscriptionEdge' },
  ),
  clubStats: t.field({
    type: StatsRef,
    authScopes: { roles: ['marketer', 'analyst'] },
    args: { programId: t.arg.globalID({ required: false, for: ProgramNode }) },
    resolve: (_root, args, ctx) => ctx.services.clubs.stats(ctx.em, args.programId ? Number(args.programId.id) : null),
  }),
}));

builder.mutationFields((t) => ({
  createClubPlan: t.field({
    type: ClubPlanNode,
    authScopes: editors,
    args: { input: t.arg({ type: ClubPlanInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'CreateClubPlanResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => ctx.services.clubs.createPlan(em, programScopedInput(input))),
  }),
  updateClubPlan: t.field({
    type: ClubPlanNode,
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true }), input: t.arg({ type: ClubPlanInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'UpdateClubPlanResult' } },
    resolve: (_root, { id, input }, ctx) => ctx.transaction((em) => ctx.services.clubs.updatePlan(em, idOf(id, 'ClubPlan'), programScopedInput(input))),
  }),
  setClubPlanStatus: t.field({
    type: ClubPlanNode,
    description: 'ARCHIVED takes no new members; existing subscriptions run on.',
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true }), status: t.arg({ type: PlanStatusEnum, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'SetClubPlanStatusResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.clubs.setPlanStatus(em, idOf(args.id, 'ClubPlan'), args.status)),
  }),
  subscribeToClub: t.field({
    type: ClubSubscriptionNode,
    description: 'The signed-in member joins a club: TRIALING, or PENDING until the first payment.',
    authScopes: { member: true },
    args: { planCode: t.arg.string({ required: true, validate: z.string().min(1).max(64) }), programId: t.arg.globalID({ required: false, for: ProgramNode }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'SubscribeToClubResult' } },
    resolve: (_root, args, ctx) => {
      const memberId = (ctx.actor as { memberId: number }).memberId;
      return ctx.transaction((em) => ctx.services.clubs.subscribe(em, memberId, args.planCode, args.programId ? Number(args.programId.id) : null));
    },
  }),
  cancelClubSubscription: t.field({
    type: ClubSubscriptionNode,
    description: 'Ends the subscription at the end of the paid period; staff may end it `immediately`. Members cancel only their own.',
    authScopes: { $any: { member: true, roles: ['support'] } },
    args: { id: t.arg.globalID({ required: true }), immediately: t.arg.boolean({ required: false }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'CancelClubSubscriptionResult' } },
    resolve: async (_root, args, ctx) => {
      const id = idOf(args.id, 'ClubSubscription');
      const { actor } = ctx;
      if (actor.kind === 'member') {
        if (args.immediately) throw forbidden('Members cancel at the end of the paid period.');
        const subscription = await ctx.em.findOne(ClubSubscription, { where: { id } });
        if (subscription && subscription.memberId !== actor.memberId) throw forbidden();
      }
      return ctx.transaction((em) => ctx.services.clubs.cancel(em, id, { immediately: args.immediately === true, memberId: actor.kind === 'member' ? actor.memberId : undefined }));
    },
  }),
  recordClubPayment: t.field({
    type: PaymentRecorded,
    description: "Records a club payment from your payment system, once per externalId: it starts the subscription or extends it by one period.",
    authScopes: { $any: { roles: ['support'], apiScope: 'purchases:write' } },
    args: { input: t.arg({ type: RecordClubPaymentInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError, PaymentMismatchError], directResult: true, union: { name: 'RecordClubPaymentResult' } },
    resolve: (_root, { input }, ctx) =>
      ctx.services.clubs.recordPayment(ctx.dataSource, {
        memberId: idOf(input.memberId, 'Member'),
        programId: input.programId ? idOf(input.programId, 'Program') : null,
        planCode: input.planCode ?? null,
        subscriptionId: input.subscriptionId ? idOf(input.subscriptionId, 'ClubSubscription') : null,
        externalId: input.externalId,
        amountMinor: input.amountMinor,
        currency: input.currency,
        paidAt: input.paidAt,
      }),
  }),
}));
