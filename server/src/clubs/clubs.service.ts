import { z } from 'zod';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../input';
import type { JobHandler } from '../jobs/job-queue';
import { Member } from '../members/member.entity';
import type { ProgramsService } from '../programs/programs.service';
import { lockSubscription, recordPayment, schedulePeriodEnd, settleGrace, settlePeriodEnd, type PaymentInput, type PaymentReceipt } from './club-billing';
import { addDays, monthlyMinor, wholeSecond } from './club-period';
import { ClubPlan, PERIOD_UNITS, type ClubPlanStatus } from './club-plan.entity';
import { ClubSubscription, LIVE_STATUSES, liveKeyOf, MEMBER_STATUSES_IN_CLUB, type ClubSubscriptionStatus } from './club-subscription.entity';

const planInput = z
  .object({
    programId: z.number().int().positive().nullable().optional(),
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9_-]{1,64}$/, 'lower-case letters, digits, _ and -')
      .refine((c) => c !== 'any', '"any" means every club in flows: choose another code'),
    name: z.string().trim().min(1, 'is required').max(200),
    description: z.string().trim().max(2000).default(''),
    priceMinor: z.number().int().min(1).max(100_000_000),
    periodUnit: z.enum(PERIOD_UNITS).default('month'),
    periodCount: z.number().int().default(1),
    trialDays: z.number().int().min(0).max(90).default(0),
    graceDays: z.number().int().min(0).max(30).default(3),
    perks: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
    earnMultiplierPercent: z.number().int().min(100).max(1000).nullable().default(null),
  })
  .refine((p) => (p.periodUnit === 'month' ? [1, 3, 12].includes(p.periodCount) : p.periodCount >= 1 && p.periodCount <= 366), {
    message: 'months: 1, 3 or 12; days: 1 to 366',
    path: ['periodCount'],
  });
export type ClubPlanInput = z.input<typeof planInput>;

/** How a staff member or a member cancels: members only ever at the end of what they paid for. */
export interface CancelRequest {
  immediately: boolean;
  /** Set for a member: the subscription must be theirs. */
  memberId?: number;
}

export interface ClubStats {
  active: number;
  trialing: number;
  pastDue: number;
  pending: number;
  /** Monthly recurring revenue of the active subscriptions, in minor units. */
  mrrMinor: number;
  currency: string;
}

/**
 * Paid clubs: plans, members' subscriptions and their life cycle. Payments come from the
 * brand's payment system through the API (club-billing.ts); period ends run on the job queue.
 */
export class ClubsService {
  constructor(private readonly programs: ProgramsService) {}

  /** A job acts for the moment it was due: a job run late (or by a test's clock) still decides as of runAt. */
  readonly handlers: Record<string, JobHandler> = {
    'clubs.periodEnd': async (em, payload, job) => void (await settlePeriodEnd(em, Number(payload.subscriptionId), new Date(String(payload.periodEnd)), latest(new Date(), job.runAt))),
    'clubs.graceEnd': async (em, payload, job) => void (await settleGrace(em, Number(payload.subscriptionId), new Date(String(payload.periodEnd)), latest(new Date(), job.runAt))),
  };

  async plan(em: EntityManager, id: number): Promise<ClubPlan> {
    const plan = Number.isSafeInteger(id) ? await em.findOne(ClubPlan, { where: { id } }) : null;
    if (!plan) throw new NotFoundError('ClubPlan', String(id));
    return plan;
  }

  async planByCode(em: EntityManager, code: string, programId?: number | null): Promise<ClubPlan> {
    const program = await this.programs.resolve(em, programId);
    const plan = await em.findOne(ClubPlan, { where: { programId: program.id, code } });
    if (!plan) throw new NotFoundError('ClubPlan', code);
    return plan;
  }

  async plans(em: EntityManager, programId?: number | null, includeArchived = false): Promise<ClubPlan[]> {
    const program = await this.programs.resolve(em, programId);
    return em.find(ClubPlan, { where: { programId: program.id, ...(includeArchived ? {} : { status: 'active' as const }) }, order: { priceMinor: 'ASC', id: 'ASC' } });
  }

  async createPlan(em: EntityManager, raw: ClubPlanInput): Promise<ClubPlan> {
    const input = parseInput(planInput, raw, ['input']);
    const program = await this.programs.resolve(em, input.programId);
    const { programId: _ignored, ...fields } = input;
    const plan = em.create(ClubPlan, { ...fields, programId: program.id, currency: program.currency });
    try {
      await em.insert(ClubPlan, plan as never);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A club plan with the code "${input.code}" already exists.`);
      throw error;
    }
    return plan;
  }

  /** New prices and periods apply from the next payment; the code stays (flows and payments refer to it). */
  async updatePlan(em: EntityManager, id: number, raw: Partial<ClubPlanInput>): Promise<ClubPlan> {
    const plan = await this.plan(em, id);
    const { id: _id, programId: _p, currency: _c, status: _s, createdAt: _a, updatedAt: _u, ...current } = plan;
    const input = parseInput(planInput, { ...current, ...raw }, ['input']);
    if (input.code !== plan.code) throw ValidationError.of(['input', 'code'], 'flows and payments refer to the code: it cannot change');
    const { programId: _ignored, code: _code, ...fields } = input;
    await em.update(ClubPlan, id, { ...fields, updatedAt: new Date() });
    return this.plan(em, id);
  }

  /** Archived plans take no new members; existing subscriptions run on until they end. */
  async setPlanStatus(em: EntityManager, id: number, status: ClubPlanStatus): Promise<ClubPlan> {
    await this.plan(em, id);
    await em.update(ClubPlan, id, { status, updatedAt: new Date() });
    return this.plan(em, id);
  }

  async subscription(em: EntityManager, id: number): Promise<ClubSubscription> {
    const subscription = Number.isSafeInteger(id) ? await em.findOne(ClubSubscription, { where: { id } }) : null;
    if (!subscription) throw new NotFoundError('ClubSubscription', String(id));
    return subscription;
  }

  /**
   * A member joins a club: trialing when the plan has a trial and the member never had
   * this plan, else waiting for the first payment. One live subscription per plan.
   */
  async subscribe(em: EntityManager, memberId: number, planCode: string, programId?: number | null, now = new Date()): Promise<ClubSubscription> {
    const plan = await this.planByCode(em, planCode, programId);
    if (plan.status !== 'active') throw new ConflictError('This club takes no new members.');
    const member = await em.findOne(Member, { where: { id: memberId } });
    if (!member) throw new NotFoundError('Member', String(memberId));
    if (member.status !== 'active') throw ValidationError.of(['memberId'], `the member is ${member.status}`);
    if (await em.exists(ClubSubscription, { where: { liveKey: liveKeyOf(memberId, plan.id) } })) throw new ConflictError('The member is already subscribed to this club.');
    const start = wholeSecond(now);
    const trial = plan.trialDays > 0 && !(await em.exists(ClubSubscription, { where: { memberId, planId: plan.id } }));
    const subscription = em.create(ClubSubscription, {
      programId: plan.programId,
      planId: plan.id,
      memberId,
      status: trial ? 'trialing' : 'pending',
      liveKey: liveKeyOf(memberId, plan.id),
      currentPeriodStart: trial ? start : null,
      currentPeriodEnd: trial ? addDays(start, plan.trialDays) : null,
      graceDays: plan.graceDays,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await em.insert(ClubSubscription, subscription as never);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('The member is already subscribed to this club.');
      throw error;
    }
    if (trial) await schedulePeriodEnd(em, subscription.id, subscription.currentPeriodEnd!);
    return subscription;
  }

  /**
   * Cancels at the end of the paid period (the member keeps the club until then); a
   * subscription with nothing paid ahead, or a staff cancellation `immediately`, ends now.
   */
  async cancel(em: EntityManager, id: number, request: CancelRequest, now = new Date()): Promise<ClubSubscription> {
    const subscription = await lockSubscription(em, id);
    if (!subscription || (request.memberId !== undefined && subscription.memberId !== request.memberId)) throw new NotFoundError('ClubSubscription', String(id));
    if (!LIVE_STATUSES.includes(subscription.status)) throw new ConflictError(`The subscription has ended (${subscription.status}).`);
    const paidAhead = (subscription.status === 'active' || subscription.status === 'trialing') && subscription.currentPeriodEnd !== null && subscription.currentPeriodEnd > now;
    if (request.immediately || !paidAhead) {
      await em.update(ClubSubscription, id, { status: 'cancelled', liveKey: null, cancelledAt: now, endedAt: now, updatedAt: now });
    } else if (!subscription.cancelAtPeriodEnd) {
      await em.update(ClubSubscription, id, { cancelAtPeriodEnd: true, cancelledAt: now, updatedAt: now });
    }
    return this.subscription(em, id);
  }

  recordPayment(dataSource: DataSource, input: PaymentInput, now = new Date()): Promise<PaymentReceipt> {
    return recordPayment(dataSource, this.programs, input, now);
  }

  /** The codes of the plans the member is in (trialing, active, or pastDue within grace): what flows see. */
  async codesFor(em: EntityManager, programId: number, memberId: number): Promise<string[]> {
    const rows: { code: string }[] = await em
      .getRepository(ClubSubscription)
      .createQueryBuilder('s')
      .innerJoin(ClubPlan, 'p', 'p.id = s.planId')
      .select('p.code', 'code')
      .where('s.memberId = :memberId AND s.programId = :programId AND s.status IN (:...statuses)', { memberId, programId, statuses: MEMBER_STATUSES_IN_CLUB })
      .orderBy('p.code', 'ASC')
      .getRawMany();
    return [...new Set(rows.map((r) => r.code))];
  }

  /** Every plan code of a program (what condition.club may name). */
  async planCodes(em: EntityManager, programId: number): Promise<string[]> {
    return (await em.find(ClubPlan, { select: { code: true }, where: { programId } })).map((p) => p.code);
  }

  /** Subscriptions of many members at once (the Member.clubSubscriptions loader), newest first. */
  async subscriptionsOf(em: EntityManager, memberIds: readonly number[]): Promise<ClubSubscription[][]> {
    const rows = await em.find(ClubSubscription, { where: { memberId: In([...new Set(memberIds)]) }, order: { id: 'DESC' } });
    return memberIds.map((id) => rows.filter((r) => r.memberId === id));
  }

  async stats(em: EntityManager, programId?: number | null): Promise<ClubStats> {
    const program = await this.programs.resolve(em, programId);
    const rows: { status: ClubSubscriptionStatus; priceMinor: number | string; periodUnit: 'month' | 'day'; periodCount: number | string; n: number | string }[] = await em.query(
      `SELECT s.status AS status, p.priceMinor AS priceMinor, p.periodUnit AS periodUnit, p.periodCount AS periodCount, COUNT(*) AS n
       FROM club_subscriptions s JOIN club_plans p ON p.id = s.planId
       WHERE s.programId = ? AND s.status IN ('pending', 'trialing', 'active', 'pastDue')
       GROUP BY s.status, p.id, p.priceMinor, p.periodUnit, p.periodCount`,
      [program.id],
    );
    const count = (status: ClubSubscriptionStatus) => rows.filter((r) => r.status === status).reduce((sum, r) => sum + Number(r.n), 0);
    const mrr = rows.filter((r) => r.status === 'active').reduce((sum, r) => sum + Number(r.n) * monthlyMinor(Number(r.priceMinor), r.periodUnit, Number(r.periodCount)), 0);
    return { active: count('active'), trialing: count('trialing'), pastDue: count('pastDue'), pending: count('pending'), mrrMinor: Math.round(mrr), currency: program.currency };
  }
}

const latest = (a: Date, b: Date) => (a > b ? a : b);
