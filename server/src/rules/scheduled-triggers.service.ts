import { CronExpressionParser } from 'cron-parser';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { FlowEvent } from '@patron/schema/flow';
import { Campaign } from '../campaigns/campaign.entity';
import type { CampaignsService } from '../campaigns/campaigns.service';
import { fromSqlDate } from '../db/sql-date';
import { inTransaction } from '../db/transaction';
import { enqueueJobs, type JobHandler, type NewJob } from '../jobs/job-queue';
import { Job } from '../jobs/job.entity';
import { LoyaltyAccount } from '../ledger/account.entity';
import { PointLot } from '../ledger/point-lot.entity';
import { Member } from '../members/member.entity';
import { addDays, localMidnight, localParts } from '../programs/calendar';
import type { Program } from '../programs/program.entity';
import type { ProgramsService } from '../programs/programs.service';
import type { RulesService } from './rules.service';

/** Daily triggers fire from this hour in the brand's time zone: no greetings at midnight. */
export const DAILY_TRIGGER_HOUR = 9;
/** Cron occurrences are scheduled this far ahead, so each fires on time from the queue. */
const PLAN_AHEAD_MS = 10 * 60_000;
/** Finished jobs are kept this long for inspection, then deleted. */
const KEEP_DONE_DAYS = 30;

type SweepKind = 'birthday' | 'inactivity' | 'pointsExpiring' | 'schedule';

/** One run of one scheduled trigger over the members of a program. */
interface Sweep {
  kind: SweepKind;
  programId: number;
  /** daysBefore (birthday, pointsExpiring), days (inactivity). */
  days?: number;
  cron?: string;
  scheduleId?: string;
  /** birthday: set for a join anniversary (the member's createdAt); left out for the birthday itself. */
  occasion?: 'joinAnniversary';
  /** The local date the sweep is for (daily kinds), or the cron occurrence (ISO). */
  at: string;
  /** Keyset cursor: the last member id handled. */
  after: number;
}

interface Found {
  memberId: number;
  data?: Record<string, unknown>;
}

const isoDate = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const parseDate = (date: string) => date.split('-').map(Number) as [number, number, number];
/** The calendar date `days` after `date` (YYYY-MM-DD). */
function shiftDate(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  const shifted = new Date(Date.UTC(y, m - 1, d + days));
  return isoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}
/** Join anniversaries look back to this year at the earliest. */
const FIRST_JOIN_YEAR = 2000;
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The triggers the clock drives: birthdays, cron schedules, inactivity and expiring
 * points. `plan` (run every minute on every instance, idempotent by job keys) schedules
 * a sweep per trigger and day or occurrence; a sweep pages through the members it
 * concerns and schedules one `trigger.fire` per member, each its own transaction, so a
 * member fires once per occurrence whatever the number of instances or retries.
 */
export class ScheduledTriggersService {
  /** Members handled per sweep job; the sweep schedules the next page itself. */
  pageSize = 500;

  constructor(
    private readonly campaigns: CampaignsService,
    private readonly programs: ProgramsService,
    private readonly rules: RulesService,
  ) {}

  readonly handlers: Record<string, JobHandler> = {
    'trigger.sweep': (em, payload, job) => this.sweep(em, payload as unknown as Sweep, job.runAt),
    'trigger.fire': async (em, payload) => {
      const { programId, memberId, event } = payload as { programId: number; memberId: number; event: FlowEvent };
      const member = await em.findOne(Member, { where: { id: memberId } });
      if (member?.status !== 'active') return;
      await this.rules.onEvent(em, await this.programs.resolve(em, programId), memberId, event);
    },
  };

  /** Schedules the sweeps the active campaigns need now; returns how many were new. */
  async plan(dataSource: DataSource, now = new Date()): Promise<number> {
    return inTransaction(dataSource, async (em) => {
      const campaigns = await em
        .getRepository(Campaign)
        .createQueryBuilder('c')
        .where('c.status IN (:...statuses) AND c.activeVersion IS NOT NULL', { statuses: ['active', 'scheduled'] })
        .andWhere('(c.endsAt IS NULL OR c.endsAt > :now) AND (c.startsAt IS NULL OR c.startsAt <= :ahead)', { now, ahead: new Date(now.getTime() + PLAN_AHEAD_MS) })
        .getMany();
      const programs = new Map<number, Program>();
      const jobs: NewJob[] = [];
      for (const campaign of campaigns) {
        const rule = await this.campaigns.rule(em, campaign, campaign.activeVersion!);
        const scheduled = rule.triggerNodes.filter((n) => ['birthday', 'inactivity', 'pointsExpiring', 'schedule'].includes(n.event));
        if (scheduled.length === 0) continue;
        if (!programs.has(campaign.programId)) programs.set(campaign.programId, await this.programs.resolve(em, campaign.programId));
        const program = programs.get(campaign.programId)!;
        for (const node of scheduled) {
          const p = node.params as { daysBefore?: number; days?: number; cron?: string; scheduleId?: string; occasion?: string };
          if (node.event === 'schedule') {
            for (const at of occurrences(p.cron!, program.timezone, new Date(Math.max(now.getTime() - 60_000, campaign.startsAt?.getTime() ?? 0)), new Date(now.getTime() + PLAN_AHEAD_MS))) {
              jobs.push(sweepJob({ kind: 'schedule', programId: program.id, cron: p.cron, scheduleId: p.scheduleId, at: at.toISOString(), after: 0 }, at));
            }
            continue;
          }
          const local = localParts(now, program.timezone);
          if (local.hour < DAILY_TRIGGER_HOUR) continue;
          const days = node.event === 'inactivity' ? p.days : p.daysBefore;
          const occasion = node.event === 'birthday' && p.occasion === 'joinAnniversary' ? { occasion: 'joinAnniversary' as const } : {};
          jobs.push(sweepJob({ kind: node.event as SweepKind, programId: program.id, days, ...occasion, at: isoDate(local.year, local.month, local.day), after: 0 }, now));
        }
      }
      await em.createQueryBuilder().delete().from(Job).where('status = :done AND runAt < :old', { done: 'done', old: addDays(now, -KEEP_DONE_DAYS) }).execute();
      return enqueueJobs(em, jobs);
    });
  }

  /** One page of a sweep: the members it concerns get a fire job each; the next page its own sweep job. */
  private async sweep(em: EntityManager, sweep: Sweep, due: Date): Promise<void> {
    const program = await this.programs.resolve(em, sweep.programId);
    const found = await this.find(em, program, sweep);
    const jobs: NewJob[] = found.map(({ memberId, data }) => ({
      name: 'trigger.fire',
      runAt: due,
      uniqueKey: `fire:${sweepKey(sweep)}:${memberId}`,
      payload: { programId: program.id, memberId, event: this.event(sweep, memberId, due, data) },
    }));
    if (found.length === this.pageSize) jobs.push(sweepJob({ ...sweep, after: found[found.length - 1].memberId }, due));
    await enqueueJobs(em, jobs);
  }

  private event(sweep: Sweep, memberId: number, due: Date, data: Record<string, unknown> = {}): FlowEvent {
    const base = { type: sweep.kind, memberId: String(memberId), occurredAt: due.toISOString() } as const;
    if (sweep.kind === 'schedule') return { ...base, name: sweep.scheduleId, data: { cron: sweep.cron, occurrence: sweep.at } };
    if (sweep.kind === 'inactivity') return { ...base, data: { days: sweep.days, ...data } };
    return { ...base, data: { daysBefore: sweep.days, ...data } };
  }

  /** The next page of members the sweep concerns, by member id. */
  private async find(em: EntityManager, program: Program, sweep: Sweep): Promise<Found[]> {
    const tz = program.timezone;
    const dayStart = (date: string) => localMidnight(...parseDate(date), tz);
    if (sweep.kind === 'birthday' && sweep.occasion === 'joinAnniversary') return this.anniversaries(em, program, sweep);
    if (sweep.kind === 'birthday') {
      const target = shiftDate(sweep.at, sweep.days ?? 0);
      const [year, month, day] = parseDate(target);
      // Born on 29 February: celebrated on the 28th when the year has no 29th.
      const monthDays = [target.slice(5)];
      if (month === 2 && day === 28 && !isLeap(year)) monthDays.push('02-29');
      const rows = await this.members(em, program, sweep.after)
        .andWhere('m.birthdayMonthDay IN (:...monthDays)', { monthDays })
        .select(['m.id AS memberId', 'm.birthday AS birthday'])
        .getRawMany<{ memberId: number; birthday: string }>();
      return rows.map((r) => ({ memberId: Number(r.memberId), data: { birthday: `${year}${String(r.birthday).slice(4)}` } }));
    }
    if (sweep.kind === 'schedule') {
      const rows = await this.members(em, program, sweep.after).select('m.id', 'memberId').getRawMany<{ memberId: number }>();
      return rows.map((r) => ({ memberId: Number(r.memberId) }));
    }
    if (sweep.kind === 'inactivity') {
      // Whose last purchase was exactly `days` local days ago: once per lapse, not every day after it.
      const lapsed = shiftDate(sweep.at, -(sweep.days ?? 0));
      const rows = await em
        .getRepository(LoyaltyAccount)
        .createQueryBuilder('a')
        .innerJoin(Member, 'm', 'm.id = a.memberId AND m.status = :active', { active: 'active' })
        .where('a.programId = :programId AND a.lastPurchaseAt >= :from AND a.lastPurchaseAt < :to AND a.memberId > :after', { programId: program.id, from: dayStart(lapsed), to: dayStart(shiftDate(lapsed, 1)), after: sweep.after })
        .select(['a.memberId AS memberId', 'a.lastPurchaseAt AS lastPurchaseAt'])
        .orderBy('a.memberId', 'ASC')
        .limit(this.pageSize)
        .getRawMany<{ memberId: number; lastPurchaseAt: Date | string }>();
      return rows.map((r) => ({ memberId: Number(r.memberId), data: { lastPurchaseAt: fromSqlDate(r.lastPurchaseAt).toISOString() } }));
    }
    // pointsExpiring: available points whose expiry falls on the local day `days` ahead.
    const expiring = shiftDate(sweep.at, sweep.days ?? 0);
    const rows = await em
      .getRepository(PointLot)
      .createQueryBuilder('l')
      .innerJoin(LoyaltyAccount, 'a', 'a.id = l.accountId')
      .innerJoin(Member, 'm', 'm.id = a.memberId AND m.status = :active', { active: 'active' })
      .where('l.state = :available AND l.remaining > 0 AND l.expiresAt >= :from AND l.expiresAt < :to', { available: 'available', from: dayStart(expiring), to: dayStart(shiftDate(expiring, 1)) })
      .andWhere('a.programId = :programId AND a.memberId > :after', { programId: program.id, after: sweep.after })
      .select('a.memberId', 'memberId')
      .addSelect('SUM(l.remaining)', 'points')
      .addSelect('MIN(l.expiresAt)', 'expiresAt')
      .groupBy('a.memberId')
      .orderBy('a.memberId', 'ASC')
      .limit(this.pageSize)
      .getRawMany<{ memberId: number; points: number | string; expiresAt: Date | string }>();
    return rows.map((r) => ({ memberId: Number(r.memberId), data: { points: Number(r.points), expiresAt: fromSqlDate(r.expiresAt).toISOString() } }));
  }

  /**
   * Members who joined on this local day of an earlier year (joined on 29 February:
   * celebrated on the 28th in a common year). One local-day range per past year, so the
   * brand's time zone decides the day on both dialects.
   */
  private async anniversaries(em: EntityManager, program: Program, sweep: Sweep): Promise<Found[]> {
    const tz = program.timezone;
    const target = shiftDate(sweep.at, sweep.days ?? 0);
    const [year, month, day] = parseDate(target);
    const days: string[] = [];
    for (let y = year - 1; y >= FIRST_JOIN_YEAR; y--) {
      if (!(month === 2 && day === 29 && !isLeap(y))) days.push(isoDate(y, month, day));
      if (month === 2 && day === 28 && !isLeap(year) && isLeap(y)) days.push(isoDate(y, 2, 29));
    }
    const params: Record<string, Date> = {};
    const ranges = days.map((date, i) => {
      params[`from${i}`] = localMidnight(...parseDate(date), tz);
      params[`to${i}`] = localMidnight(...parseDate(shiftDate(date, 1)), tz);
      return `(m.createdAt >= :from${i} AND m.createdAt < :to${i})`;
    });
    if (ranges.length === 0) return [];
    const rows = await this.members(em, program, sweep.after)
      .andWhere(`(${ranges.join(' OR ')})`, params)
      .select(['m.id AS memberId', 'm.createdAt AS createdAt'])
      .getRawMany<{ memberId: number; createdAt: Date | string }>();
    return rows.map((r) => {
      const joinedAt = fromSqlDate(r.createdAt);
      return { memberId: Number(r.memberId), data: { occasion: 'joinAnniversary', joinedAt: joinedAt.toISOString(), years: year - localParts(joinedAt, tz).year } };
    });
  }

  /** Active members of the program: everyone in the default program, account holders in the others. */
  private members(em: EntityManager, program: Program, after: number): SelectQueryBuilder<Member> {
    const qb = em.getRepository(Member).createQueryBuilder('m').where('m.status = :active AND m.id > :after', { active: 'active', after });
    if (!program.isDefault) qb.innerJoin(LoyaltyAccount, 'a', 'a.memberId = m.id AND a.programId = :programId', { programId: program.id });
    return qb.orderBy('m.id', 'ASC').limit(this.pageSize);
  }
}

function sweepKey(sweep: Sweep): string {
  const what = sweep.kind === 'schedule' ? (sweep.scheduleId ?? sweep.cron!.trim().split(/\s+/).join(' ')) : `${sweep.days}${sweep.occasion ? `:${sweep.occasion}` : ''}`;
  return `${sweep.kind}:${sweep.programId}:${what}:${sweep.at}`;
}

function sweepJob(sweep: Sweep, runAt: Date): NewJob {
  return { name: 'trigger.sweep', runAt, uniqueKey: `sweep:${sweepKey(sweep)}:${sweep.after}`, payload: { ...sweep } };
}

/** Cron occurrences in (from, to], in the brand's time zone. */
export function occurrences(cron: string, timeZone: string, from: Date, to: Date, max = 20): Date[] {
  const found: Date[] = [];
  const interval = CronExpressionParser.parse(cron, { currentDate: from, endDate: to, tz: timeZone });
  while (found.length < max && interval.hasNext()) found.push(interval.next().toDate());
  return found;
}
