import { In, type EntityManager } from 'typeorm';
import type { FlowEvent } from '@patron/schema/flow';
import { dialectOf } from '../db/data-source';
import { fromSqlDate, sqlDate } from '../db/sql-date';
import type { Program } from '../programs/program.entity';
import type { CampaignOutcome, RulesService } from '../rules/rules.service';
import type { BadgesService } from './badges.service';
import { ChallengeProgress } from './challenge-progress.entity';
import { Challenge, type ChallengeMetric } from './challenge.entity';
import { calendarWindow, eventTime, rollingNumber, rollingWindow, type PeriodWindow } from './periods';

/** Metrics an event may move, before looking at any challenge. */
function metricsFor(event: FlowEvent, campaignPoints: number): ChallengeMetric[] {
  const metrics: ChallengeMetric[] = event.type === 'purchase' ? ['purchaseCount', 'spendMinor', 'pointsEarned', 'bonusPoints'] : campaignPoints > 0 ? ['pointsEarned', 'bonusPoints'] : [];
  if (event.type === 'custom') metrics.push('customEvent');
  if (event.type === 'surveyAnswered') metrics.push('surveyAnswered', 'quizPassed');
  if (event.type === 'communityPost') metrics.push('communityPost');
  return metrics;
}

/** How far an event moves one challenge (0: not at all). */
export function amountFor(challenge: Challenge, event: FlowEvent, campaignPoints: number): number {
  const survey = event.data?.survey;
  const surveyMatches = event.type === 'surveyAnswered' && (challenge.surveyCode === null || survey === challenge.surveyCode);
  switch (challenge.metric) {
    case 'purchaseCount':
      return event.type === 'purchase' ? 1 : 0;
    case 'spendMinor':
      return event.type === 'purchase' ? Math.max(0, Math.trunc(event.purchase?.totalMinor ?? 0)) : 0;
    case 'pointsEarned':
      return (event.type === 'purchase' ? Math.max(0, Math.trunc(event.purchase?.basePoints ?? 0)) : 0) + campaignPoints;
    case 'bonusPoints':
      return campaignPoints;
    case 'customEvent':
      return event.type === 'custom' && event.name === challenge.eventName ? 1 : 0;
    case 'surveyAnswered':
      return surveyMatches ? 1 : 0;
    case 'quizPassed': {
      const score = event.data?.score;
      return surveyMatches && event.data?.kind === 'quiz' && typeof score === 'number' && score >= (challenge.minScore ?? 0) ? 1 : 0;
    }
    case 'communityPost':
      // Posts the member wrote (topics and replies); reactions received and accepted answers are not posts. Older senders name no activity.
      return event.type === 'communityPost' && (event.data?.activity === undefined || event.data.activity === 'topic' || event.data.activity === 'reply') ? 1 : 0;
    case 'manual':
      return 0;
  }
}

interface Step {
  challenge: Challenge;
  amount: number;
}

/**
 * Moves members through challenges. One event costs a fixed number of statements however
 * many challenges match: one read of the matching challenges, one read of rolling windows,
 * one multi-row upsert, one read of what reached its goal, and one guarded update per
 * completion (which is what makes each completion happen once).
 */
export class ChallengeProgressService {
  constructor(
    private readonly badges: BadgesService,
    private readonly rules: RulesService,
  ) {}

  /** The rules listener: every active challenge whose metric the event moves. */
  async onEvent(em: EntityManager, program: Program, memberId: number, event: FlowEvent, outcomes: CampaignOutcome[], now: Date): Promise<void> {
    const campaignPoints = outcomes.reduce((sum, o) => sum + o.points, 0);
    const metrics = metricsFor(event, campaignPoints);
    if (metrics.length === 0) return;
    const challenges = await em.find(Challenge, { where: { programId: program.id, status: 'active', metric: In(metrics) } });
    const steps = challenges.map((challenge) => ({ challenge, amount: amountFor(challenge, event, campaignPoints) })).filter((s) => s.amount > 0);
    await this.advance(em, program, memberId, steps, eventTime(event.occurredAt, now), now);
  }

  /** action.challengeProgress: false when the challenge is unknown, not active, or not running now. */
  async advanceByCode(em: EntityManager, program: Program, memberId: number, code: string, amount: number, now: Date): Promise<boolean> {
    const challenge = await em.findOne(Challenge, { where: { programId: program.id, code, status: 'active' } });
    if (!challenge || !(amount > 0)) return false;
    return (await this.advance(em, program, memberId, [{ challenge, amount: Math.trunc(amount) }], now, now)) > 0;
  }

  /** Adds each step to the member's current period of its challenge; returns how many periods moved. */
  async advance(em: EntityManager, program: Program, memberId: number, steps: Step[], at: Date, now: Date): Promise<number> {
    if (steps.length === 0) return 0;
    const windows = await this.windows(em, program, memberId, steps, at);
    const moving = steps.filter((s) => windows.has(s.challenge.id));
    if (moving.length === 0) return 0;
    const dialect = dialectOf(em.connection);
    const d = (date: Date) => sqlDate(dialect, date);
    const values: unknown[] = [];
    for (const { challenge, amount } of moving) {
      const w = windows.get(challenge.id)!;
      values.push(memberId, challenge.id, w.key, d(w.start), d(w.end), challenge.goal, Math.min(amount, challenge.goal), d(now));
    }
    const rows = moving.map(() => '(?, ?, ?, ?, ?, ?, ?, NULL, ?)').join(', ');
    const insert = `INSERT INTO challenge_progress (memberId, challengeId, periodKey, periodStart, periodEnd, goal, progress, completedAt, updatedAt) VALUES ${rows}`;
    // Capped at the goal: progress never overflows, and a complete period stays at its goal.
    await em.query(
      dialect === 'mysql'
        ? `${insert} ON DUPLICATE KEY UPDATE progress = LEAST(goal, progress + VALUES(progress)), updatedAt = VALUES(updatedAt)`
        : `${insert} ON CONFLICT (memberId, challengeId, periodKey) DO UPDATE SET progress = MIN(goal, progress + excluded.progress), updatedAt = excluded.updatedAt`,
      values,
    );
    const reached: { id: number; challengeId: number; periodKey: string }[] = await em.query(
      `SELECT id, challengeId, periodKey FROM challenge_progress WHERE memberId = ? AND challengeId IN (${moving.map(() => '?').join(', ')}) AND completedAt IS NULL AND progress >= goal`,
      [memberId, ...moving.map((s) => s.challenge.id)],
    );
    for (const row of reached) {
      // Whoever sets completedAt first completes the period; everyone else finds it set.
      const result = await em
        .createQueryBuilder()
        .update(ChallengeProgress)
        .set({ completedAt: now })
        .where('id = :id AND completedAt IS NULL AND progress >= goal', { id: Number(row.id) })
        .execute();
      if (result.affected !== 1) continue;
      const challenge = moving.find((s) => s.challenge.id === Number(row.challengeId))!.challenge;
      await this.completed(em, program, memberId, challenge, row.periodKey, now);
    }
    return moving.length;
  }

  /** Grants the challenge's badge and fires trigger.challengeCompleted, through which campaigns reward it. */
  private async completed(em: EntityManager, program: Program, memberId: number, challenge: Challenge, periodKey: string, now: Date) {
    if (challenge.badgeId !== null) await this.badges.grant(em, memberId, challenge.badgeId, 'challenge', now);
    await this.rules.onEvent(
      em,
      program,
      memberId,
      { type: 'challengeCompleted', memberId: String(memberId), occurredAt: now.toISOString(), name: challenge.code, data: { challenge: challenge.code, periodKey } },
      { now },
    );
  }

  /** The period each challenge is in for this member at `at`; challenges not running then are left out. */
  private async windows(em: EntityManager, program: Program, memberId: number, steps: Step[], at: Date): Promise<Map<number, PeriodWindow>> {
    const windows = new Map<number, PeriodWindow>();
    const rolling = steps.filter((s) => s.challenge.period === 'rolling').map((s) => s.challenge.id);
    const latest = new Map<number, { key: string; start: Date; end: Date }>();
    if (rolling.length) {
      const rows: { challengeId: number; periodKey: string; periodStart: Date | string; periodEnd: Date | string }[] = await em.query(
        `SELECT challengeId, periodKey, periodStart, periodEnd FROM challenge_progress WHERE memberId = ? AND challengeId IN (${rolling.map(() => '?').join(', ')})`,
        [memberId, ...rolling],
      );
      for (const row of rows) {
        const known = latest.get(Number(row.challengeId));
        if (!known || rollingNumber(row.periodKey) > rollingNumber(known.key)) {
          latest.set(Number(row.challengeId), { key: row.periodKey, start: fromSqlDate(row.periodStart), end: fromSqlDate(row.periodEnd) });
        }
      }
    }
    for (const { challenge } of steps) {
      if ((challenge.startsAt && at < challenge.startsAt) || (challenge.endsAt && at >= challenge.endsAt)) continue;
      if (challenge.period === 'week' || challenge.period === 'month') windows.set(challenge.id, calendarWindow(challenge.period, at, program.timezone));
      else if (challenge.period === 'fixed') windows.set(challenge.id, { key: 'fixed', start: challenge.startsAt!, end: challenge.endsAt! });
      else {
        const last = latest.get(challenge.id);
        if (last && at >= last.start && at < last.end) windows.set(challenge.id, last);
        // A late event from before the member's current window counts nowhere.
        else if (!last || at >= last.end) windows.set(challenge.id, rollingWindow(last ? rollingNumber(last.key) : 0, challenge.rollingDays ?? 30, at));
      }
    }
    return windows;
  }

  /** The newest progress rows of many members in one query (Member.challengeProgress). */
  async forMembers(em: EntityManager, memberIds: readonly number[], limit: number): Promise<ChallengeProgress[][]> {
    const unique = [...new Set(memberIds)];
    if (unique.length === 0) return [];
    const ranked: { id: number }[] = await em.query(
      `SELECT id FROM (SELECT p.id AS id, ROW_NUMBER() OVER (PARTITION BY p.memberId ORDER BY p.periodStart DESC, p.id DESC) AS rn
         FROM challenge_progress p WHERE p.memberId IN (${unique.map(() => '?').join(', ')})) ranked WHERE rn <= ?`,
      [...unique, limit],
    );
    const rows = ranked.length ? await em.find(ChallengeProgress, { where: { id: In(ranked.map((r) => Number(r.id))) }, order: { periodStart: 'DESC', id: 'DESC' } }) : [];
    return memberIds.map((id) => rows.filter((r) => r.memberId === id));
  }

  /** One member's running period of each challenge asked for (Challenge.myProgress), in one query. */
  async currentFor(em: EntityManager, memberId: number, challengeIds: readonly number[], now = new Date()): Promise<(ChallengeProgress | null)[]> {
    const rows = challengeIds.length
      ? await em
          .getRepository(ChallengeProgress)
          .createQueryBuilder('p')
          .where('p.memberId = :memberId AND p.challengeId IN (:...ids) AND p.periodStart <= :now AND p.periodEnd > :now', { memberId, ids: [...new Set(challengeIds)], now })
          .orderBy('p.periodStart', 'DESC')
          .getMany()
      : [];
    return challengeIds.map((id) => rows.find((r) => r.challengeId === id) ?? null);
  }
}
