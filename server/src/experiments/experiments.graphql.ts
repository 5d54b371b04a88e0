import { z } from 'zod';
import { CampaignNode } from '../campaigns/campaigns.graphql';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import { enumOf } from '../programs/programs.graphql';
import { EXPERIMENT_METRICS, PRIMARY_METRICS, type ExperimentResult, type MetricComparison, type VariantResult } from './experiments.service';
import { VERDICT_STATUSES, type Verdict } from './verdict';

const readers = { $any: { roles: ['marketer' as const, 'analyst' as const] } };
const MetricEnum = enumOf('ExperimentMetric', EXPERIMENT_METRICS);
const PrimaryMetricEnum = enumOf('ExperimentPrimaryMetric', PRIMARY_METRICS, 'A metric a winner can be called on (more is better).');
const VerdictStatusEnum = enumOf('ExperimentVerdictStatus', VERDICT_STATUSES);

/** NaN (an undefined interval) is not a GraphQL Float: it is null. */
export const finite = (value: number | null) => (value === null || !Number.isFinite(value) ? null : value);

const ComparisonRef = builder.objectRef<MetricComparison>('ExperimentComparison').implement({
  description: 'A variant against the control on one metric: uplift with its 95 % confidence interval and two-sided p-value (z-test for the conversion rate, Welch t-test for means).',
  fields: (t) => ({
    metric: t.field({ type: MetricEnum, resolve: (c) => c.metric }),
    control: t.exposeFloat('control'),
    value: t.exposeFloat('value'),
    absoluteUplift: t.exposeFloat('absoluteUplift'),
    relativeUplift: t.float({ nullable: true, resolve: (c) => finite(c.relativeUplift) }),
    ciLow: t.float({ nullable: true, resolve: (c) => finite(c.ciLow) }),
    ciHigh: t.float({ nullable: true, resolve: (c) => finite(c.ciHigh) }),
    pValue: t.float({ nullable: true, resolve: (c) => finite(c.pValue) }),
  }),
});

const VariantRef = builder.objectRef<VariantResult>('ExperimentVariant').implement({
  description: 'What the members exposed to one variant did after their exposure. Money in minor units.',
  fields: (t) => ({
    key: t.exposeString('key'),
    weight: t.exposeInt('weight'),
    exposed: t.exposeInt('exposed'),
    converters: t.exposeInt('converters', { description: 'Exposed members who bought after their exposure.' }),
    conversionRate: t.exposeFloat('conversionRate'),
    revenuePerMember: t.exposeFloat('revenuePerMember', { description: 'Net of refunds, over every exposed member.' }),
    averageOrderValue: t.exposeFloat('averageOrderValue'),
    purchasesPerMember: t.exposeFloat('purchasesPerMember'),
    pointsPerMember: t.exposeFloat('pointsPerMember', { description: "Points this campaign gave, per exposed member." }),
    pointsCostPerMember: t.exposeFloat('pointsCostPerMember', { description: 'Those points in money, at the point value.' }),
    netPerMember: t.exposeFloat('netPerMember', { description: 'Revenue × gross margin − points cost, per member.' }),
    // Bounded: one comparison per metric.
    comparisons: t.field({ type: [ComparisonRef], complexity: { field: 1, multiplier: EXPERIMENT_METRICS.length }, description: 'Against the control; empty for the control.', resolve: (v) => v.comparisons }),
  }),
});

const VerdictRef = builder.objectRef<Verdict>('ExperimentVerdict').implement({
  fields: (t) => ({
    status: t.field({ type: VerdictStatusEnum, resolve: (v) => v.status }),
    winner: t.exposeString('winner', { nullable: true }),
    alpha: t.exposeFloat('alpha', { description: '0.05 divided among the comparisons (Bonferroni).' }),
    message: t.string({ args: { locale: t.arg.string({ defaultValue: 'en' }) }, resolve: (v, args) => (args.locale === 'ru' ? v.message.ru : v.message.en) }),
  }),
});

const SampleRatioRef = builder.objectRef<ExperimentResult['sampleRatio']>('SampleRatioCheck').implement({
  description: 'Chi-squared test of the members per variant against the weights; mismatch when p < 0.001.',
  fields: (t) => ({
    chiSquared: t.exposeFloat('chiSquared'),
    pValue: t.float({ nullable: true, resolve: (s) => finite(s.pValue) }),
    mismatch: t.exposeBoolean('mismatch'),
  }),
});

const ExperimentRef = builder.objectRef<ExperimentResult>('Experiment').implement({
  description: 'The results of one A/B split of a campaign. The first variant is the control.',
  fields: (t) => ({
    experimentKey: t.exposeString('experimentKey'),
    currency: t.exposeString('currency'),
    control: t.exposeString('control'),
    primaryMetric: t.field({ type: PrimaryMetricEnum, resolve: (e) => e.primaryMetric }),
    minSample: t.exposeInt('minSample'),
    // A split has 2 to 10 variants, usually 2.
    variants: t.field({ type: [VariantRef], complexity: { field: 1, multiplier: 3 }, resolve: (e) => e.variants }),
    incrementalRevenueMinor: t.exposeFloat('incrementalRevenueMinor', { description: "Σ over the other variants of (revenue per member − the control's) × their members." }),
    incrementalCostMinor: t.exposeFloat('incrementalCostMinor', { description: 'What the other variants cost in points beyond the control.' }),
    roi: t.exposeFloat('roi', { nullable: true, description: '(incremental revenue × gross margin − incremental cost) ÷ incremental cost.' }),
    sampleRatio: t.field({ type: SampleRatioRef, resolve: (e) => e.sampleRatio }),
    verdict: t.field({ type: VerdictRef, resolve: (e) => e.verdict }),
  }),
});

builder.objectField(CampaignNode, 'experiments', (t) =>
  t.field({
    type: [ExperimentRef],
    // Usually one split per campaign; each costs one aggregate query.
    complexity: { field: 10, multiplier: 2 },
    authScopes: readers,
    args: {
      primaryMetric: t.arg({ type: PrimaryMetricEnum, required: false, description: 'What a winner is called on; CONVERSION_RATE when left out.' }),
      grossMarginPercent: t.arg.int({ required: false, validate: z.number().int().min(1).max(100).nullish(), description: 'For net per member; 100 = revenue minus reward cost.' }),
      minSample: t.arg.int({ required: false, validate: z.number().int().min(10).max(10_000_000).nullish(), description: 'Members per variant before any verdict (100).' }),
    },
    resolve: (campaign, args, ctx) =>
      ctx.services.experiments.list(ctx.em, campaign.id, { primaryMetric: args.primaryMetric ?? undefined, grossMarginPercent: args.grossMarginPercent ?? undefined, minSample: args.minSample ?? undefined }),
  }),
);

builder.mutationFields((t) => ({
  declareExperimentWinner: t.field({
    type: CampaignNode,
    description: "Routes 100 % of the experiment's splits in the draft to the variant; publish the draft to roll it out.",
    authScopes: { roles: ['marketer' as const] },
    args: {
      campaignId: t.arg.globalID({ required: true, for: CampaignNode }),
      experimentKey: t.arg.string({ required: true }),
      variant: t.arg.string({ required: true }),
    },
    errors: { types: [NotFoundError, ValidationError, ConflictError], directResult: true, union: { name: 'DeclareExperimentWinnerResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.experiments.declareWinner(em, Number(args.campaignId.id), args.experimentKey, args.variant)),
  }),
}));
