import { z } from 'zod';
import { ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import type { Program } from '../programs/program.entity';
import { ProgramNode } from '../programs/programs.graphql';
import { NpsMonthRef, NpsRef } from '../feedback/feedback.graphql';
import { npsOf, type NpsSummary } from '../feedback/feedback.service';
import { CampaignNode } from '../campaigns/campaigns.graphql';
import { finite } from '../experiments/experiments.graphql';
import type { Comparison } from '../experiments/statistics';
import type { AnalyticsService, Kpi, Range, SharedReads } from './analytics.service';
import type { EntityManager } from 'typeorm';
import { onReplica } from '../db/data-source';
import type { Context } from '../graphql/context';

/** The dashboard's figures come from a read replica when there is one (DATABASE_REPLICA_URLS). */
const read = <T>(ctx: Context, work: (em: EntityManager) => Promise<T>) => onReplica(ctx.dataSource, ctx.em, work);

/** The parent of every analytics field: the program, the range and the one before it. */
interface AnalyticsScope {
  program: Program;
  range: Range;
  previous: Range;
  grossMarginPercent: number;
  /** Reads that several fields share, run once for the request (members, retention and the comparison read the same purchases). */
  shared: SharedReads;
}

const readers = { $any: { roles: ['marketer' as const, 'analyst' as const] } };

const KpiRef = builder.objectRef<Kpi>('Kpi').implement({
  description: 'A figure for the range, the same figure for the range of the same length just before it, and the relative change.',
  fields: (t) => ({ value: t.exposeFloat('value'), previous: t.exposeFloat('previous'), change: t.exposeFloat('change', { nullable: true }) }),
});

/** A plain object type whose fields are Kpis or numbers, declared as a map of field → kind. */
const object = <T extends object>(name: string, description: string, fields: Record<keyof T & string, 'Float' | 'Kpi' | 'FloatOrNull'>) =>
  builder.objectRef<T>(name).implement({
    description,
    fields: (t) =>
      Object.fromEntries(
        Object.entries(fields).map(([key, type]) => [
          key,
          type === 'Kpi'
            ? t.field({ type: KpiRef, resolve: (o) => (o as Record<string, Kpi>)[key] })
            : type === 'FloatOrNull'
              ? t.float({ nullable: true, resolve: (o) => (o as Record<string, number | null>)[key] })
              : t.float({ resolve: (o) => (o as Record<string, number>)[key] }),
        ]),
      ),
  });

const MembersRef = object<{ total: Kpi; new: Kpi; active: Kpi }>('MemberKpis', 'total: joined before the end; new: joined in the range; active: bought in the range.', { total: 'Kpi', new: 'Kpi', active: 'Kpi' });
const PointsRef = object<{ issued: Kpi; redeemed: Kpi; expired: Kpi; redemptionRate: Kpi }>('PointKpis', 'issued: earned (net of debt settled); redeemed; expired; redemptionRate = redeemed ÷ issued.', {
  issued: 'Kpi',
  redeemed: 'Kpi',
  expired: 'Kpi',
  redemptionRate: 'Kpi',
});
const LiabilityRef = object<{ availablePoints: number; pendingPoints: number; points: number; moneyMinor: number; breakageRate: number; expectedBreakageMinor: number }>(
  'Liability',
  'Points owed at the end of the range (ledger sums up to it) and in money; breakageRate = expired ÷ (expired + redeemed) over the year before; expected breakage = money × breakageRate.',
  { availablePoints: 'Float', pendingPoints: 'Float', points: 'Float', moneyMinor: 'Float', breakageRate: 'Float', expectedBreakageMinor: 'Float' },
);
const SideRef = object<{ purchases: number; revenueMinor: number; averageCheckMinor: number; purchasesPerCustomer: number | null }>('PurchaseSide', 'Purchases in the range; purchasesPerCustomer is unknown (null) for non-members.', {
  purchases: 'Float',
  revenueMinor: 'Float',
  averageCheckMinor: 'Float',
  purchasesPerCustomer: 'FloatOrNull',
});
const EnrolmentSideRef = object<{ purchases: number; averageCheckMinor: number; purchasesPerMonth: number }>('EnrolmentSide', "The purchases of members who bought before joining, before or after they joined; per month = per 30 days of the span (at least 30).", {
  purchases: 'Float',
  averageCheckMinor: 'Float',
  purchasesPerMonth: 'Float',
});
const RetentionRef = object<{ churnRate: number; monthlyChurnRate: number; monthlyRevenuePerMemberMinor: number; cltvMinor: number | null }>(
  'RetentionKpis',
  'churnRate: bought in the previous range but not in this one ÷ bought in the previous range; monthly: the same per 30 days; CLTV = monthly revenue per buying member × gross margin ÷ monthly churn.',
  { churnRate: 'Float', monthlyChurnRate: 'Float', monthlyRevenuePerMemberMinor: 'Float', cltvMinor: 'FloatOrNull' },
);

const MemberComparisonRef = builder.objectRef<{ members: object; nonMembers: object }>('MemberComparison').implement({
  fields: (t) => ({ members: t.field({ type: SideRef, resolve: (c) => c.members as never }), nonMembers: t.field({ type: SideRef, resolve: (c) => c.nonMembers as never }) }),
});
const EnrolmentRef = builder.objectRef<{ members: number; before: object; after: object }>('EnrolmentEffect').implement({
  fields: (t) => ({ members: t.exposeInt('members', { description: 'Members who bought before they joined.' }), before: t.field({ type: EnrolmentSideRef, resolve: (c) => c.before as never }), after: t.field({ type: EnrolmentSideRef, resolve: (c) => c.after as never }) }),
});
const CohortRef = builder.objectRef<{ cohort: string; size: number; retention: number[] }>('Cohort').implement({
  description: 'Members who joined in a calendar month (UTC); retention[k]: share who bought in the k-th month after (0 = the join month).',
  fields: (t) => ({ cohort: t.exposeString('cohort'), size: t.exposeInt('size'), retention: t.floatList({ resolve: (c) => c.retention }) }),
});
const TierCountRef = builder.objectRef<{ tier: string | null; name: string | null; members: number }>('TierCount').implement({
  fields: (t) => ({ tier: t.exposeString('tier', { nullable: true }), name: t.exposeString('name', { nullable: true }), members: t.exposeInt('members') }),
});
const TiersRef = builder.objectRef<{ distribution: { tier: string | null; name: string | null; members: number }[]; upgrades: number; downgrades: number }>('TierAnalytics').implement({
  fields: (t) => ({
    distribution: t.field({ type: [TierCountRef], resolve: (x) => x.distribution }),
    upgrades: t.exposeInt('upgrades'),
    downgrades: t.exposeInt('downgrades'),
  }),
});

const sumNps = (months: NpsSummary[]) => npsOf(...(['promoters', 'passives', 'detractors'] as const).map((k) => months.reduce((sum, m) => sum + m[k], 0)) as [number, number, number]);
const NpsAnalyticsRef = builder.objectRef<{ current: NpsSummary; previous: NpsSummary; trend: ({ month: string } & NpsSummary)[] }>('NpsAnalytics').implement({
  fields: (t) => ({
    current: t.field({ type: NpsRef, resolve: (n) => n.current }),
    previous: t.field({ type: NpsRef, resolve: (n) => n.previous }),
    trend: t.field({ type: [NpsMonthRef], resolve: (n) => n.trend }),
  }),
});

const UpliftRef = builder.objectRef<Comparison>('RevenueUplift').implement({
  description: 'Revenue per member of the treated against the holdout (control): Welch t-test, 95 % interval.',
  fields: (t) => ({
    control: t.exposeFloat('control'),
    value: t.exposeFloat('value'),
    absoluteUplift: t.exposeFloat('absoluteUplift'),
    relativeUplift: t.float({ nullable: true, resolve: (c) => finite(c.relativeUplift) }),
    ciLow: t.float({ nullable: true, resolve: (c) => finite(c.ciLow) }),
    ciHigh: t.float({ nullable: true, resolve: (c) => finite(c.ciHigh) }),
    pValue: t.float({ nullable: true, resolve: (c) => finite(c.pValue) }),
  }),
});
type HoldoutResult = Awaited<ReturnType<AnalyticsService['holdout']>>;
const HoldoutRef = builder.objectRef<HoldoutResult>('HoldoutAnalytics').implement({
  description: "The program's holdout (members campaigns leave out) against the treated, over the range.",
  fields: (t) => ({
    percent: t.exposeInt('percent'),
    holdoutMembers: t.exposeInt('holdoutMembers'),
    treatedMembers: t.exposeInt('treatedMembers'),
    uplift: t.field({ type: UpliftRef, resolve: (h) => h.uplift }),
    incrementalRevenueMinor: t.exposeFloat('incrementalRevenueMinor', { description: 'Uplift per member × treated members.' }),
    incrementalLowMinor: t.exposeFloat('incrementalLowMinor', { nullable: true }),
    incrementalHighMinor: t.exposeFloat('incrementalHighMinor', { nullable: true }),
    campaignCostMinor: t.exposeFloat('campaignCostMinor'),
    roi: t.exposeFloat('roi', { nullable: true, description: '(incremental revenue × gross margin − campaign cost) ÷ campaign cost.' }),
  }),
});
const CampaignCostRef = builder.objectRef<{ campaignId: number; name: string; pointsIssued: number; costMinor: number; membersReached: number }>('CampaignCost').implement({
  fields: (t) => ({
    campaign: t.field({ type: CampaignNode, resolve: (c) => c.campaignId }),
    name: t.exposeString('name'),
    pointsIssued: t.exposeInt('pointsIssued'),
    costMinor: t.exposeFloat('costMinor'),
    membersReached: t.exposeInt('membersReached'),
  }),
});

const AnalyticsRef = builder.objectRef<AnalyticsScope>('ProgramAnalytics').implement({
  description: 'Program figures over [from, to), each compared with the range of the same length before it. Money in minor units. Formulas: README, "Analytics".',
  fields: (t) => ({
    from: t.field({ type: 'DateTime', resolve: (s) => s.range.from }),
    to: t.field({ type: 'DateTime', resolve: (s) => s.range.to }),
    program: t.field({ type: ProgramNode, resolve: (s) => s.program.id }),
    members: t.field({ type: MembersRef, resolve: (s, _a, ctx) => read(ctx, (em) => ctx.services.analytics.members(em, s.program, s.range, s.previous, s.shared)) }),
    points: t.field({ type: PointsRef, resolve: (s, _a, ctx) => read(ctx, (em) => ctx.services.analytics.points(em, s.program, s.range, s.previous)) }),
    liability: t.field({ type: LiabilityRef, resolve: (s, _a, ctx) => read(ctx, (em) => ctx.services.analytics.liability(em, s.program, s.range.to, s.shared)) }),
    memberComparison: t.field({ type: MemberComparisonRef, resolve: (s, _a, ctx) => read(ctx, (em) => ctx.services.analytics.memberComparison(em, s.program, s.range, s.previous, s.shared)) }),
    enrolmentEffect: t.field({ type: EnrolmentRef, resolve: (s, _a, ctx) => read(ctx, (em) => ctx.services.analytics.enrolmentEffect(em, s.program, s.range.to)) }),
    cohorts: t.field({ type: [CohortRef], complexity: { field: 5, multiplier: 1 }, resolve: (s, _a, ctx) => read(ctx, (em) => ctx.services.analytics.cohorts(em, s.program, s.range)) }),
    retention: t.field({ type: RetentionRef, resolve: (s, _a, ctx) => read(ctx, (em) => ctx.services.analytics.retention(em, s.program, s.range, s.previous, s.grossMarginPercent, s.shared)) }),
    tiers: t.field({ type: TiersRef, resolve: (s, _a, ctx) => read(ctx, (em) => ctx.services.analytics.tiers(em, s.program, s.range, s.shared)) }),
    holdout: t.field({ type: HoldoutRef, resolve: (s, _a, ctx) => read(ctx, (em) => ctx.services.analytics.holdout(em, s.program, s.range, s.grossMarginPercent)) }),
    campaigns: t.field({ type: [CampaignCostRef], complexity: { field: 5, multiplier: 3 }, resolve: (s, _a, ctx) => read(ctx, (em) => ctx.services.analytics.campaignCosts(em, s.program, s.range)) }),
    nps: t.field({
      type: NpsAnalyticsRef,
      description: "NPS of all the program's surveys: the range, the one before, and by month.",
      resolve: async (s, _a, ctx) => {
        const byMonth = (r: Range) => read(ctx, (em) => ctx.services.feedback.npsTrend(em, { programId: s.program.id }, r.from, r.to));
        const [trend, before] = await Promise.all([byMonth(s.range), byMonth(s.previous)]);
        return { current: sumNps(trend), previous: sumNps(before), trend };
      },
    }),
  }),
});

builder.queryFields((t) => ({
  analytics: t.field({
    type: AnalyticsRef,
    authScopes: readers,
    args: {
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      programId: t.arg.globalID({ required: false, for: ProgramNode }),
      grossMarginPercent: t.arg.int({ defaultValue: 100, validate: z.number().int().min(1).max(100), description: 'For CLTV; 100 = revenue.' }),
    },
    errors: { types: [ValidationError], directResult: true, union: { name: 'AnalyticsResult' } },
    resolve: async (_root, args, ctx) => ({
      ...(await ctx.services.analytics.context(ctx.em, args.programId ? Number(args.programId.id) : null, { from: args.from, to: args.to })),
      grossMarginPercent: args.grossMarginPercent,
      shared: new Map(),
    }),
  }),
}));
