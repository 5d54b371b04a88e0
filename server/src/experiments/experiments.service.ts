import type { EntityManager } from 'typeorm';
import type { FlowGraph } from '@patron/schema/flow';
import type { Campaign } from '../campaigns/campaign.entity';
import { CampaignVersion } from '../campaigns/campaign-version.entity';
import type { CampaignsService } from '../campaigns/campaigns.service';
import { Exposure } from '../campaigns/exposure.entity';
import { NotFoundError, ValidationError } from '../errors';
import type { ProgramsService } from '../programs/programs.service';
import { sampleRatioTest, twoProportionTest, welchTest, type Comparison, type Moments } from './statistics';
import { verdictOf, type Verdict } from './verdict';

export const EXPERIMENT_METRICS = ['conversionRate', 'revenuePerMember', 'averageOrderValue', 'purchasesPerMember', 'pointsCostPerMember', 'netPerMember'] as const;
export type ExperimentMetric = (typeof EXPERIMENT_METRICS)[number];
/** Metrics a winner can be called on: more is better. */
export const PRIMARY_METRICS = ['conversionRate', 'revenuePerMember', 'averageOrderValue', 'purchasesPerMember', 'netPerMember'] as const;
export type PrimaryMetric = (typeof PRIMARY_METRICS)[number];

export interface MetricComparison extends Comparison {
  metric: ExperimentMetric;
}

export interface VariantResult {
  key: string;
  weight: number;
  exposed: number;
  /** Exposed members who bought after their exposure. */
  converters: number;
  conversionRate: number;
  /** Net of refunds, minor units, over every exposed member (buyers or not). */
  revenuePerMember: number;
  averageOrderValue: number;
  purchasesPerMember: number;
  pointsPerMember: number;
  /** The campaign's points per member, in money (point value). */
  pointsCostPerMember: number;
  /** Revenue × gross margin − points cost, per member. */
  netPerMember: number;
  /** Against the control; empty for the control itself. */
  comparisons: MetricComparison[];
}

export interface ExperimentResult {
  campaignId: number;
  experimentKey: string;
  currency: string;
  control: string;
  primaryMetric: PrimaryMetric;
  minSample: number;
  variants: VariantResult[];
  /** Σ over the other variants of (revenue per member − the control's) × their members: what they added against the control. */
  incrementalRevenueMinor: number;
  /** The same for the points cost: what the other variants cost beyond the control. */
  incrementalCostMinor: number;
  /** (incremental revenue × gross margin − incremental cost) ÷ incremental cost; null when it cost nothing more. */
  roi: number | null;
  sampleRatio: { chiSquared: number; pValue: number | null; mismatch: boolean };
  verdict: Verdict;
}

export interface ExperimentOptions {
  primaryMetric?: PrimaryMetric;
  /** Share of revenue that is margin, for net per member; 100 = revenue minus reward cost. */
  grossMarginPercent?: number;
  /** Members per variant before any verdict. */
  minSample?: number;
}

interface VariantRow {
  variant: string;
  n: number;
  converters: number;
  revenue: number;
  revenueSquares: number;
  orders: number;
  ordersSquares: number;
  orderValueSquares: number;
  points: number;
  pointsSquares: number;
  revenueTimesPoints: number;
}

/** Below this p-value the observed split is treated as broken. */
const SRM_ALPHA = 0.001;

/**
 * Results of the A/B splits of a campaign, computed from the exposures (the first time a
 * member met the split) and what the exposed members did afterwards: one SQL aggregate
 * per experiment gives counts, sums and sums of squares per variant, from which the tests
 * (two-proportion z, Welch's t, chi-squared for the sample ratio) are computed.
 */
export class ExperimentsService {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly programs: ProgramsService,
  ) {}

  async list(em: EntityManager, campaignId: number, options: ExperimentOptions = {}): Promise<ExperimentResult[]> {
    const campaign = await this.campaigns.get(em, campaignId);
    const configured = await this.splits(em, campaign);
    const exposed = await em.getRepository(Exposure).createQueryBuilder('e').select('DISTINCT e.experimentKey', 'key').where('e.campaignId = :id', { id: campaignId }).getRawMany<{ key: string }>();
    const keys = [...new Set([...configured.keys(), ...exposed.map((e) => e.key)])].sort();
    const results: ExperimentResult[] = [];
    for (const key of keys) results.push(await this.result(em, campaign, key, configured.get(key) ?? [], options));
    return results;
  }

  async get(em: EntityManager, campaignId: number, experimentKey: string, options: ExperimentOptions = {}): Promise<ExperimentResult> {
    const found = (await this.list(em, campaignId, options)).find((e) => e.experimentKey === experimentKey);
    if (!found) throw new NotFoundError('Experiment', experimentKey);
    return found;
  }

  /**
   * Declares a variant the winner: the draft becomes the active graph (or keeps its edits)
   * with every split of this experiment routing 100 % to the winner. Publishing it is the
   * marketer's step, like any other change.
   */
  async declareWinner(em: EntityManager, campaignId: number, experimentKey: string, variant: string): Promise<Campaign> {
    const campaign = await this.campaigns.get(em, campaignId);
    const graph = structuredClone(campaign.draftGraph) as FlowGraph;
    const splits = graph.nodes.filter((n) => n.kind === 'split.ab' && (n.params as { experimentKey?: string }).experimentKey === experimentKey);
    if (splits.length === 0) throw ValidationError.of(['experimentKey'], 'the draft has no split with this experiment key');
    for (const split of splits) {
      const params = split.params as { variants: { key: string; weight: number }[] };
      if (!params.variants.some((v) => v.key === variant)) throw ValidationError.of(['variant'], `the split has no variant "${variant}"`);
      params.variants = params.variants.map((v) => ({ ...v, weight: v.key === variant ? 100 : 0 }));
    }
    return this.campaigns.updateDraft(em, campaignId, { graph, expectedRevision: campaign.draftRevision });
  }

  /** The variants and weights of each experiment, from the active version (else the newest, else the draft). */
  private async splits(em: EntityManager, campaign: Campaign): Promise<Map<string, { key: string; weight: number }[]>> {
    const versions = await em.find(CampaignVersion, { where: { campaignId: campaign.id }, order: { number: 'DESC' } });
    const active = versions.find((v) => v.number === campaign.activeVersion);
    const graphs = [active?.graph, ...versions.map((v) => v.graph), campaign.draftGraph].filter(Boolean) as FlowGraph[];
    const found = new Map<string, { key: string; weight: number }[]>();
    for (const graph of graphs) {
      for (const node of graph.nodes ?? []) {
        const params = node.params as { experimentKey?: string; variants?: { key: string; weight: number }[] };
        if (node.kind === 'split.ab' && params.experimentKey && Array.isArray(params.variants) && !found.has(params.experimentKey)) found.set(params.experimentKey, params.variants);
      }
    }
    return found;
  }

  private async result(em: EntityManager, campaign: Campaign, experimentKey: string, configured: { key: string; weight: number }[], options: ExperimentOptions): Promise<ExperimentResult> {
    const program = await this.programs.resolve(em, campaign.programId);
    const margin = (options.grossMarginPercent ?? 100) / 100;
    const pointValue = program.valueKind === 'cashback' ? 1 : program.pointValueMinor;
    const rows = new Map((await this.aggregate(em, campaign.id, experimentKey)).map((r) => [r.variant, r]));
    // Variants in the configured order (the first is the control), then any seen only in exposures.
    const keys = [...configured.map((v) => v.key), ...[...rows.keys()].filter((k) => !configured.some((v) => v.key === k))];
    const weightOf = (key: string) => configured.find((v) => v.key === key)?.weight ?? 0;
    const empty: VariantRow = { variant: '', n: 0, converters: 0, revenue: 0, revenueSquares: 0, orders: 0, ordersSquares: 0, orderValueSquares: 0, points: 0, pointsSquares: 0, revenueTimesPoints: 0 };
    const data = keys.map((key) => ({ ...empty, ...rows.get(key), variant: key }));
    const moments = (r: VariantRow): Record<Exclude<ExperimentMetric, 'conversionRate'>, Moments> => ({
      revenuePerMember: { n: r.n, sum: r.revenue, sumSquares: r.revenueSquares },
      averageOrderValue: { n: r.orders, sum: r.revenue, sumSquares: r.orderValueSquares },
      purchasesPerMember: { n: r.n, sum: r.orders, sumSquares: r.ordersSquares },
      pointsCostPerMember: { n: r.n, sum: r.points * pointValue, sumSquares: r.pointsSquares * pointValue ** 2 },
      // Σ(m·rev − c·pts)² expanded, so the per-member net needs no second query.
      netPerMember: {
        n: r.n,
        sum: margin * r.revenue - pointValue * r.points,
        sumSquares: margin ** 2 * r.revenueSquares - 2 * margin * pointValue * r.revenueTimesPoints + pointValue ** 2 * r.pointsSquares,
      },
    });
    const control = data[0];
    const variants: VariantResult[] = data.map((r, index) => {
      const m = moments(r);
      const per = (sum: number, n: number) => (n > 0 ? sum / n : 0);
      const comparisons: MetricComparison[] =
        index === 0
          ? []
          : [
              { metric: 'conversionRate', ...twoProportionTest(control.converters, control.n, r.converters, r.n) },
              ...(Object.keys(m) as (keyof typeof m)[]).map((metric) => ({ metric, ...welchTest(moments(control)[metric], m[metric]) })),
            ];
      return {
        key: r.variant,
        weight: weightOf(r.variant),
        exposed: r.n,
        converters: r.converters,
        conversionRate: per(r.converters, r.n),
        revenuePerMember: per(r.revenue, r.n),
        averageOrderValue: per(r.revenue, r.orders),
        purchasesPerMember: per(r.orders, r.n),
        pointsPerMember: per(r.points, r.n),
        pointsCostPerMember: per(r.points * pointValue, r.n),
        netPerMember: per(m.netPerMember.sum, r.n),
        comparisons,
      };
    });
    const srm = sampleRatioTest(
      data.map((r) => r.n),
      keys.map(weightOf),
    );
    const sampleRatio = { ...srm, mismatch: srm.pValue !== null && srm.pValue < SRM_ALPHA };
    const others = variants.slice(1);
    const first = variants[0];
    const incrementalRevenueMinor = first ? others.reduce((sum, v) => sum + (v.revenuePerMember - first.revenuePerMember) * v.exposed, 0) : 0;
    const incrementalCostMinor = first ? others.reduce((sum, v) => sum + (v.pointsCostPerMember - first.pointsCostPerMember) * v.exposed, 0) : 0;
    const primaryMetric = options.primaryMetric ?? 'conversionRate';
    const minSample = options.minSample ?? 100;
    return {
      campaignId: campaign.id,
      experimentKey,
      currency: program.currency,
      control: control?.variant ?? '',
      primaryMetric,
      minSample,
      variants,
      incrementalRevenueMinor,
      incrementalCostMinor,
      roi: incrementalCostMinor > 0 ? (incrementalRevenueMinor * margin - incrementalCostMinor) / incrementalCostMinor : null,
      sampleRatio,
      verdict: verdictOf({ variants, primaryMetric, minSample, sampleRatioMismatch: sampleRatio.mismatch, currency: program.currency }),
    };
  }

  /** Per variant: members, buyers, and the sums and sums of squares of what they did after exposure. */
  private async aggregate(em: EntityManager, campaignId: number, experimentKey: string): Promise<VariantRow[]> {
    // "* 1.0" keeps squares of money in floating point: SQLite's 64-bit SUM would overflow on large programs.
    const rows: Record<string, string | number | null>[] = await em.query(
      `SELECT x.variant AS variant, COUNT(*) AS n, SUM(x.converted) AS converters,
              SUM(x.revenue) AS revenue, SUM(x.revenue * 1.0 * x.revenue) AS revenueSquares,
              SUM(x.orders) AS orders, SUM(x.orders * 1.0 * x.orders) AS ordersSquares, SUM(x.orderValueSquares) AS orderValueSquares,
              SUM(x.points) AS points, SUM(x.points * 1.0 * x.points) AS pointsSquares, SUM(x.revenue * 1.0 * x.points) AS revenueTimesPoints
         FROM (
           SELECT e.variant AS variant, e.memberId AS memberId,
                  CASE WHEN COUNT(p.id) > 0 THEN 1 ELSE 0 END AS converted,
                  COALESCE(SUM(p.totalMinor - p.refundedMinor), 0) AS revenue,
                  COUNT(p.id) AS orders,
                  COALESCE(SUM((p.totalMinor - p.refundedMinor) * 1.0 * (p.totalMinor - p.refundedMinor)), 0) AS orderValueSquares,
                  (SELECT COALESCE(SUM(l.availableChange + l.pendingChange - l.debtChange), 0) FROM ledger_entries l
                    WHERE l.memberId = e.memberId AND l.campaignId = e.campaignId AND l.kind = 'earn') AS points
             FROM experiment_exposures e
             LEFT JOIN purchases p ON p.memberId = e.memberId AND p.occurredAt > e.exposedAt
            WHERE e.campaignId = ? AND e.experimentKey = ?
            GROUP BY e.variant, e.memberId, e.campaignId
         ) x
        GROUP BY x.variant`,
      [campaignId, experimentKey],
    );
    return rows.map((r) => ({
      variant: String(r.variant),
      n: Number(r.n),
      converters: Number(r.converters),
      revenue: Number(r.revenue),
      revenueSquares: Number(r.revenueSquares),
      orders: Number(r.orders),
      ordersSquares: Number(r.ordersSquares),
      orderValueSquares: Number(r.orderValueSquares),
      points: Number(r.points),
      pointsSquares: Number(r.pointsSquares),
      revenueTimesPoints: Number(r.revenueTimesPoints),
    }));
  }
}
