import { compileGraph, type Diagnostic, type FlowEvent, type MemberFacts } from '@patron/schema/flow';
import type { EntityManager } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { fromSqlDate, sqlDate } from '../db/sql-date';
import { ValidationError } from '../errors';
import { pointsForAmount } from '../programs/earning';
import type { RulesService } from '../rules/rules.service';
import type { AnalyticsService } from '../analytics/analytics.service';
import type { CampaignsService } from './campaigns.service';

const DAY_MS = 86_400_000;

export interface BacktestInput {
  campaignId: number;
  /** The graph to replay; the campaign's draft when left out. */
  graph?: unknown;
  from: Date;
  to: Date;
  /** Past this many purchases, a systematic sample is replayed and the totals scaled up. */
  maxEvents?: number;
  /** Stop replaying after this long and scale what was replayed. */
  timeBudgetMs?: number;
}

export interface BacktestResult {
  diagnostics: Diagnostic[];
  /** Purchases in the range. */
  events: number;
  eventsReplayed: number;
  /** True when a sample was replayed (the totals below are scaled by 1 / sampleRate). */
  sampled: boolean;
  sampleRate: number;
  /** Members who got an effect among the purchases replayed (not scaled). */
  membersReached: number;
  pointsIssued: number;
  costMinor: number;
  /** The cost that is expected to be redeemed, after the program's breakage of the last year. */
  expectedLiabilityMinor: number;
}

/**
 * Replays the purchases of a past range through a graph, writing nothing: members reached,
 * points it would have issued, their cost and the liability they would leave. Members'
 * tier and segments are today's (history does not keep them); caps count within the replay.
 * Bounded: past `maxEvents` purchases a systematic sample (every k-th by id) is replayed,
 * and the replay stops at `timeBudgetMs`; both say so in the result.
 */
export async function backtestCampaign(em: EntityManager, deps: { campaigns: CampaignsService; rules: RulesService; analytics: AnalyticsService }, input: BacktestInput): Promise<BacktestResult> {
  const { campaigns, rules } = deps;
  if (!(input.from < input.to)) throw ValidationError.of(['to'], 'must be after from');
  if (input.to.getTime() - input.from.getTime() > 3 * 366 * DAY_MS) throw ValidationError.of(['to'], 'at most three years');
  const campaign = await campaigns.get(em, input.campaignId);
  const program = await campaigns.programOf(em, campaign);
  const { rule, diagnostics } = compileGraph(input.graph ?? campaign.draftGraph, await campaigns.compileOptions(em, program.id));
  const empty = { diagnostics, events: 0, eventsReplayed: 0, sampled: false, sampleRate: 1, membersReached: 0, pointsIssued: 0, costMinor: 0, expectedLiabilityMinor: 0 };
  if (!rule) return empty;
  const dialect = dialectOf(em.connection);
  const range = [program.id, sqlDate(dialect, input.from), sqlDate(dialect, input.to)];
  const [{ n }] = await em.query(`SELECT COUNT(*) AS n FROM purchases WHERE programId = ? AND memberId IS NOT NULL AND occurredAt >= ? AND occurredAt < ?`, range);
  const events = Number(n);
  const maxEvents = input.maxEvents ?? 5000;
  const step = Math.max(1, Math.ceil(events / maxEvents));
  const deadline = Date.now() + (input.timeBudgetMs ?? 15_000);
  const reached = new Set<number>();
  const capUses = new Map<string, number>();
  const factsByMember = new Map<number, Omit<MemberFacts, 'aggregates' | 'capUsage'>>();
  let points = 0;
  let replayed = 0;
  let after = 0;
  while (Date.now() < deadline) {
    const page: { id: number; memberId: number; totalMinor: number; channel: string; occurredAt: Date | string }[] = await em.query(
      `SELECT id, memberId, totalMinor, channel, occurredAt FROM purchases WHERE programId = ? AND memberId IS NOT NULL AND occurredAt >= ? AND occurredAt < ? AND id > ?${step > 1 ? ` AND MOD(id, ${step}) = 0` : ''} ORDER BY id LIMIT 500`,
      [...range, after],
    );
    if (page.length === 0) break;
    for (const p of page) {
      if (Date.now() >= deadline) break;
      after = Number(p.id);
      const memberId = Number(p.memberId);
      const occurredAt = fromSqlDate(p.occurredAt);
      const event: FlowEvent = {
        type: 'purchase',
        memberId: String(memberId),
        occurredAt: occurredAt.toISOString(),
        purchase: { totalMinor: Number(p.totalMinor), currency: program.currency, channel: p.channel, items: [], basePoints: pointsForAmount(program, Number(p.totalMinor)) },
      };
      if (!factsByMember.has(memberId)) factsByMember.set(memberId, await rules.baseFacts(em, program, memberId, event, false));
      const aggregates = rule.facts.length ? await rules.aggregates(em, program, memberId, rule.facts, occurredAt, new Map()) : {};
      const capUsage: NonNullable<MemberFacts['capUsage']> = {};
      for (const [key, uses] of capUses) {
        const [nodeId, member] = key.split('|');
        if (Number(member) === memberId) capUsage[nodeId] = { member: uses };
      }
      const evaluation = rule.evaluate(event, { ...factsByMember.get(memberId)!, aggregates, capUsage }, { timezone: program.timezone, pointValueMinor: program.pointValueMinor });
      replayed += 1;
      for (const effect of evaluation.effects) {
        const given = effect.type === 'awardPoints' ? effect.points : effect.type === 'cashback' ? (program.valueKind === 'cashback' ? effect.amountMinor : Math.floor(effect.amountMinor / Math.max(1, program.pointValueMinor))) : 0;
        if (effect.type !== 'wait') reached.add(memberId);
        points += Math.max(0, given);
        for (const cap of effect.caps ?? []) capUses.set(`${cap.nodeId}|${memberId}`, (capUses.get(`${cap.nodeId}|${memberId}`) ?? 0) + 1);
      }
    }
    if (page.length < 500) break;
  }
  // Scaled to the whole range when a sample (or the part replayed before the deadline) stands for it.
  const expectedReplays = Math.ceil(events / step);
  const scale = replayed > 0 ? events / replayed : 1;
  const sampled = step > 1 || replayed < expectedReplays;
  const pointValue = program.valueKind === 'cashback' ? 1 : program.pointValueMinor;
  const pointsIssued = Math.round(points * scale);
  const { breakageRate } = await deps.analytics.liability(em, program, input.to);
  return {
    diagnostics,
    events,
    eventsReplayed: replayed,
    sampled,
    sampleRate: events ? replayed / events : 1,
    membersReached: reached.size,
    pointsIssued,
    costMinor: pointsIssued * pointValue,
    expectedLiabilityMinor: Math.round(pointsIssued * pointValue * (1 - breakageRate)),
  };
}
