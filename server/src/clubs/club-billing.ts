import { z } from 'zod';
import type { DataSource, EntityManager } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { idempotent, requestHash } from '../db/idempotent';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../input';
import { enqueueJob } from '../jobs/job-queue';
import { Member } from '../members/member.entity';
import type { ProgramsService } from '../programs/programs.service';
import { PaymentMismatchError } from './club-errors';
import { ClubPayment } from './club-payment.entity';
import { addDays, addPeriod, wholeSecond } from './club-period';
import { ClubPlan } from './club-plan.entity';
import { ClubSubscription, LIVE_STATUSES, liveKeyOf } from './club-subscription.entity';

const paymentInput = z
  .object({
    memberId: z.number().int().positive(),
    programId: z.number().int().positive().nullable().optional(),
    planCode: z.string().trim().min(1).max(64).nullable().optional(),
    subscriptionId: z.number().int().positive().nullable().optional(),
    externalId: z.string().trim().min(1, 'is required').max(128),
    amountMinor: z.number().int().min(1).max(100_000_000),
    currency: z.string().trim().regex(/^[A-Z]{3}$/, 'a three-letter ISO code'),
    paidAt: z.date(),
  })
  .refine((p) => Boolean(p.planCode) !== Boolean(p.subscriptionId), { message: 'give either planCode or subscriptionId', path: ['planCode'] });
export type PaymentInput = z.input<typeof paymentInput>;

export interface PaymentReceipt {
  payment: ClubPayment;
  subscription: ClubSubscription;
  /** True when this repeated an earlier call and changed nothing. */
  replayed: boolean;
}

/** The subscription row, locked for the rest of the transaction on MySQL (SQLite runs transactions one at a time). */
export async function lockSubscription(em: EntityManager, id: number): Promise<ClubSubscription | null> {
  if (!Number.isSafeInteger(id)) return null;
  const qb = em.getRepository(ClubSubscription).createQueryBuilder('s').where('s.id = :id', { id });
  if (dialectOf(em.connection) === 'mysql') qb.setLock('pessimistic_write');
  return qb.getOne();
}

/** The check at the end of a period, once per subscription and period. */
export function schedulePeriodEnd(em: EntityManager, subscriptionId: number, periodEnd: Date) {
  return enqueueJob(em, { name: 'clubs.periodEnd', runAt: periodEnd, uniqueKey: `club-period-end:${subscriptionId}:${periodEnd.toISOString()}`, payload: { subscriptionId, periodEnd: periodEnd.toISOString() } });
}

/**
 * Records a payment once per externalId (a replay answers with the first result; the same
 * id with other details is a conflict). It starts the subscription, or extends it by one
 * period from the later of now and the end of what was paid; a pastDue one is active again.
 */
export async function recordPayment(dataSource: DataSource, programs: ProgramsService, raw: PaymentInput, now: Date): Promise<PaymentReceipt> {
  const input = parseInput(paymentInput, raw, ['input']);
  if (input.paidAt.getTime() > now.getTime() + 5 * 60_000) throw ValidationError.of(['input', 'paidAt'], 'is in the future');
  const hash = requestHash({ ...input, planCode: input.planCode ?? null, subscriptionId: input.subscriptionId ?? null, programId: input.programId ?? null, paidAt: input.paidAt.toISOString() });
  const replay = async (em: EntityManager): Promise<PaymentReceipt | null> => {
    const payment = await em.findOne(ClubPayment, { where: { externalId: input.externalId } });
    if (!payment) return null;
    if (payment.requestHash !== hash) throw new ConflictError(`The payment "${input.externalId}" was recorded with other details.`);
    return { payment, subscription: await em.findOneOrFail(ClubSubscription, { where: { id: payment.subscriptionId } }), replayed: true };
  };
  // Two payments under different ids that both start a subscription: the second one to
  // commit lost the live-subscription claim, and on a second try extends the first's.
  for (let attempt = 1; ; attempt++) {
    try {
      return await idempotent(dataSource, replay, (em) => writePayment(em, programs, input, hash, now));
    } catch (error) {
      if (attempt >= 2 || !isUniqueViolation(error)) throw error;
    }
  }
}

async function writePayment(em: EntityManager, programs: ProgramsService, input: z.output<typeof paymentInput>, hash: string, now: Date): Promise<PaymentReceipt> {
  const member = await em.findOne(Member, { where: { id: input.memberId } });
  if (!member) throw new NotFoundError('Member', String(input.memberId));
  const { plan, subscriptionId } = await targetOf(em, programs, input);
  if (input.amountMinor !== plan.priceMinor || input.currency !== plan.currency) throw new PaymentMismatchError(plan.priceMinor, plan.currency, input.amountMinor, input.currency);
  const start = wholeSecond(now);
  const id = subscriptionId ?? (await startSubscription(em, plan, member.id, now));
  const subscription = (await lockSubscription(em, id))!;
  if (!LIVE_STATUSES.includes(subscription.status)) throw new ConflictError(`The subscription has ended (${subscription.status}); pay by plan code to start a new one.`);
  const paidThrough = subscription.currentPeriodEnd;
  const periodStart = paidThrough && paidThrough > start ? paidThrough : start;
  const periodEnd = addPeriod(periodStart, plan.periodUnit, plan.periodCount);
  const payment = em.create(ClubPayment, {
    externalId: input.externalId,
    requestHash: hash,
    subscriptionId: id,
    memberId: member.id,
    planId: plan.id,
    amountMinor: input.amountMinor,
    currency: input.currency,
    paidAt: input.paidAt,
    periodStart,
    periodEnd,
    createdAt: now,
  });
  // The unique externalId claims the payment before the subscription changes.
  await em.insert(ClubPayment, payment as never);
  const restarted = subscription.status === 'pending' || subscription.status === 'pastDue';
  await em.update(ClubSubscription, id, {
    status: 'active',
    currentPeriodStart: restarted || !subscription.currentPeriodStart ? periodStart : subscription.currentPeriodStart,
    currentPeriodEnd: periodEnd,
    // Paying again is wanting to stay.
    cancelAtPeriodEnd: false,
    cancelledAt: null,
    updatedAt: now,
  });
  await schedulePeriodEnd(em, id, periodEnd);
  return { payment, subscription: await em.findOneOrFail(ClubSubscription, { where: { id } }), replayed: false };
}

/** The plan paid for and the live subscription it pays, if there is one. */
async function targetOf(em: EntityManager, programs: ProgramsService, input: z.output<typeof paymentInput>): Promise<{ plan: ClubPlan; subscriptionId: number | null }> {
  if (input.subscriptionId) {
    const subscription = await em.findOne(ClubSubscription, { where: { id: input.subscriptionId } });
    // Another member's subscription is not found, whoever asks.
    if (!subscription || subscription.memberId !== input.memberId) throw new NotFoundError('ClubSubscription', String(input.subscriptionId));
    return { plan: await em.findOneOrFail(ClubPlan, { where: { id: subscription.planId } }), subscriptionId: subscription.id };
  }
  const program = await programs.resolve(em, input.programId);
  const plan = await em.findOne(ClubPlan, { where: { programId: program.id, code: input.planCode! } });
  if (!plan) throw new NotFoundError('ClubPlan', input.planCode!);
  const live = await em.findOne(ClubSubscription, { where: { liveKey: liveKeyOf(input.memberId, plan.id) } });
  if (!live && plan.status !== 'active') throw new ConflictError('This club takes no new members.');
  return { plan, subscriptionId: live?.id ?? null };
}

/** A payment without a subscription starts one (the member subscribed at the till). */
async function startSubscription(em: EntityManager, plan: ClubPlan, memberId: number, now: Date): Promise<number> {
  const subscription = em.create(ClubSubscription, { programId: plan.programId, planId: plan.id, memberId, status: 'pending', liveKey: liveKeyOf(memberId, plan.id), graceDays: plan.graceDays, createdAt: now, updatedAt: now });
  await em.insert(ClubSubscription, subscription as never);
  return subscription.id;
}

/**
 * At the end of a paid period: cancelled at period end → expired; unpaid → pastDue, and
 * expired after the grace days. A payment that moved the period on makes this a no-op,
 * and so does running it again.
 */
export async function settlePeriodEnd(em: EntityManager, subscriptionId: number, periodEnd: Date, now: Date): Promise<ClubSubscription | null> {
  const subscription = await lockSubscription(em, subscriptionId);
  if (!subscription || subscription.currentPeriodEnd?.getTime() !== periodEnd.getTime() || now < periodEnd) return subscription;
  if (subscription.status !== 'active' && subscription.status !== 'trialing') return subscription;
  if (subscription.cancelAtPeriodEnd) {
    await em.update(ClubSubscription, subscriptionId, { status: 'expired', liveKey: null, endedAt: periodEnd, updatedAt: now });
  } else {
    await em.update(ClubSubscription, subscriptionId, { status: 'pastDue', updatedAt: now });
    const graceEnd = addDays(periodEnd, subscription.graceDays);
    await enqueueJob(em, { name: 'clubs.graceEnd', runAt: graceEnd, uniqueKey: `club-grace-end:${subscriptionId}:${periodEnd.toISOString()}`, payload: { subscriptionId, periodEnd: periodEnd.toISOString() } });
  }
  return em.findOneOrFail(ClubSubscription, { where: { id: subscriptionId } });
}

/** After the grace days a still unpaid subscription expires. */
export async function settleGrace(em: EntityManager, subscriptionId: number, periodEnd: Date, now: Date): Promise<ClubSubscription | null> {
  const subscription = await lockSubscription(em, subscriptionId);
  if (!subscription || subscription.status !== 'pastDue' || subscription.currentPeriodEnd?.getTime() !== periodEnd.getTime()) return subscription;
  const graceEnd = addDays(periodEnd, subscription.graceDays);
  if (now < graceEnd) return subscription;
  await em.update(ClubSubscription, subscriptionId, { status: 'expired', liveKey: null, endedAt: graceEnd, updatedAt: now });
  return em.findOneOrFail(ClubSubscription, { where: { id: subscriptionId } });
}
