import type { EntityManager } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { sqlDate } from '../db/sql-date';
import { NotFoundError, ValidationError } from '../errors';
import type { ProgramsService } from '../programs/programs.service';
import { Challenge } from './challenge.entity';
import { calendarWindow } from './periods';

export const LEADERBOARD_METRICS = ['pointsEarned', 'purchaseCount', 'challenge'] as const;
export type LeaderboardMetric = (typeof LEADERBOARD_METRICS)[number];
export const LEADERBOARD_PERIODS = ['week', 'month', 'all'] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

export interface LeaderboardEntry {
  rank: number;
  /** First name and the initial of the last: "Анна И." — never the full name or any contact. */
  displayName: string;
  score: number;
  tierCode: string | null;
  tierName: string | null;
  badgeCount: number;
  isMe: boolean;
}

export interface Leaderboard {
  periodStart: Date | null;
  periodEnd: Date | null;
  entries: LeaderboardEntry[];
  /** The signed-in member's own line, even outside the first N; null when they have not scored. */
  me: LeaderboardEntry | null;
}

/** "Анна Иванова" → "Анна И."; a member without a name is shown as a member. */
export function displayName(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'Участник';
  const first = [...words[0]].slice(0, 40).join('');
  return words.length > 1 ? `${first} ${[...words[words.length - 1]][0].toUpperCase()}.` : first;
}

/** Ranks members by points earned, purchases or a challenge's progress, in one statement. */
export class LeaderboardService {
  constructor(private readonly programs: ProgramsService) {}

  async leaderboard(em: EntityManager, options: { programId?: number | null; metric: LeaderboardMetric; challenge?: string | null; period: LeaderboardPeriod; first: number; memberId: number | null; now?: Date }): Promise<Leaderboard> {
    const program = await this.programs.resolve(em, options.programId);
    const now = options.now ?? new Date();
    const dialect = dialectOf(em.connection);
    const d = (date: Date) => sqlDate(dialect, date);
    let scores: string;
    let params: unknown[];
    let window: { start: Date; end: Date } | null = options.period === 'all' ? null : calendarWindow(options.period, now, program.timezone);
    if (options.metric === 'challenge') {
      if (!options.challenge) throw ValidationError.of(['challenge'], 'name the challenge to rank by');
      const challenge = await em.findOne(Challenge, { where: { programId: program.id, code: options.challenge } });
      if (!challenge || challenge.status === 'draft') throw new NotFoundError('Challenge', options.challenge);
      // A challenge ranks its own running period: the calendar one, its fixed window, or each member's rolling window.
      if (challenge.period === 'week' || challenge.period === 'month') {
        const current = calendarWindow(challenge.period, now, program.timezone);
        window = current;
        scores = `SELECT p.memberId AS memberId, p.progress AS score FROM challenge_progress p WHERE p.challengeId = ? AND p.periodKey = ?`;
        params = [challenge.id, current.key];
      } else if (challenge.period === 'fixed') {
        window = { start: challenge.startsAt!, end: challenge.endsAt! };
        scores = `SELECT p.memberId AS memberId, p.progress AS score FROM challenge_progress p WHERE p.challengeId = ? AND p.periodKey = 'fixed'`;
        params = [challenge.id];
      } else {
        window = null;
        scores = `SELECT p.memberId AS memberId, p.progress AS score FROM challenge_progress p WHERE p.challengeId = ? AND p.periodStart <= ? AND p.periodEnd > ?`;
        params = [challenge.id, d(now), d(now)];
      }
    } else if (options.metric === 'pointsEarned') {
      scores = `SELECT e.memberId AS memberId, SUM(e.availableChange + e.pendingChange - e.debtChange) AS score FROM ledger_entries e
        WHERE e.programId = ? AND e.kind = 'earn'${window ? ' AND e.occurredAt >= ? AND e.occurredAt < ?' : ''} GROUP BY e.memberId`;
      params = [program.id, ...(window ? [d(window.start), d(window.end)] : [])];
    } else {
      scores = `SELECT pu.memberId AS memberId, COUNT(*) AS score FROM purchases pu
        WHERE pu.programId = ? AND pu.memberId IS NOT NULL${window ? ' AND pu.occurredAt >= ? AND pu.occurredAt < ?' : ''} GROUP BY pu.memberId`;
      params = [program.id, ...(window ? [d(window.start), d(window.end)] : [])];
    }
    const rows: { memberId: number; score: string | number; rnk: string | number; pos: string | number; name: string; tierCode: string | null; tierName: string | null; badges: string | number }[] = await em.query(
      `WITH scores AS (${scores}),
       ranked AS (
         SELECT s.memberId AS memberId, s.score AS score, RANK() OVER (ORDER BY s.score DESC) AS rnk, ROW_NUMBER() OVER (ORDER BY s.score DESC, s.memberId ASC) AS pos
         FROM scores s JOIN members m ON m.id = s.memberId WHERE m.status = 'active' AND s.score > 0
       )
       SELECT r.memberId AS memberId, r.score AS score, r.rnk AS rnk, r.pos AS pos, m.name AS name, t.code AS tierCode, t.name AS tierName,
         (SELECT COUNT(*) FROM member_badges mb JOIN badges b ON b.id = mb.badgeId WHERE mb.memberId = r.memberId AND b.programId = ?) AS badges
       FROM ranked r JOIN members m ON m.id = r.memberId
       LEFT JOIN loyalty_accounts a ON a.memberId = r.memberId AND a.programId = ? LEFT JOIN tiers t ON t.id = a.tierId
       WHERE r.pos <= ? OR r.memberId = ? ORDER BY r.pos`,
      [...params, program.id, program.id, options.first, options.memberId ?? -1],
    );
    const entries = rows.map((row) => ({
      pos: Number(row.pos),
      entry: {
        rank: Number(row.rnk),
        displayName: displayName(row.name ?? ''),
        score: Number(row.score),
        tierCode: row.tierCode ?? null,
        tierName: row.tierName ?? null,
        badgeCount: Number(row.badges),
        isMe: options.memberId !== null && Number(row.memberId) === options.memberId,
      },
    }));
    return {
      periodStart: window?.start ?? null,
      periodEnd: window?.end ?? null,
      entries: entries.filter((e) => e.pos <= options.first).map((e) => e.entry),
      me: entries.find((e) => e.entry.isMe)?.entry ?? null,
    };
  }
}
