import { In } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleGrace } from '../src/clubs/club-billing';
import { ClubPayment } from '../src/clubs/club-payment.entity';
import { addPeriod } from '../src/clubs/club-period';
import { ClubSubscription } from '../src/clubs/club-subscription.entity';
import { inTransaction } from '../src/db/transaction';
import { Job } from '../src/jobs/job.entity';
import { Member } from '../src/members/member.entity';
import { seedClubs } from '../src/seed/clubs';
import { createTestApp, dialect, type TestApp } from './harness';
import { globalId, loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';

const PLAN = `mutation($input: ClubPlanInput!) { createClubPlan(input: $input) { __typename ... on ClubPlan { id code currency } ... on ValidationError { fieldErrors { path message } } ... on ConflictError { message } } }`;
const SUBSCRIBE = `mutation($code: String!) { subscribeToClub(planCode: $code) { __typename ... on ClubSubscription { id status currentPeriodEnd } ... on Error { code message } } }`;
const CANCEL = `mutation($id: ID!, $now: Boolean) { cancelClubSubscription(id: $id, immediately: $now) { __typename ... on ClubSubscription { status cancelAtPeriodEnd cancelledAt } ... on Error { code message } } }`;
const PAY = `mutation($input: RecordClubPaymentInput!) { recordClubPayment(input: $input) {
  __typename
  ... on ClubPaymentRecorded { replayed periodStart periodEnd subscription { id status currentPeriodStart currentPeriodEnd cancelAtPeriodEnd } }
  ... on PaymentMismatchError { expectedMinor expectedCurrency }
  ... on ValidationError { fieldErrors { path message } }
  ... on Error { code message } } }`;
const DAY = 86_400_000;

describe(`paid clubs on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let seq = 0;

  const signUp = async () => {
    const email = `club-${++seq}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const res = await t.gql(`mutation($email: String!) { memberSignUp(input: { email: $email, password: "member-password-1" }) { ... on MemberSession { token member { id } } } }`, { email });
    const { token, member } = res.body.data.memberSignUp;
    return { token: token as string, id: member.id as string, dbId: Number(Buffer.from(member.id, 'base64').toString().split(':')[1]) };
  };
  const subscribe = async (token: string, code = 'coffee-plus') => (await t.gql(SUBSCRIBE, { code }, { token })).body.data.subscribeToClub;
  const pay = async (memberId: string, extra: Record<string, unknown> = {}, token = pos) =>
    (await t.gql(PAY, { input: { memberId, planCode: 'coffee-plus', externalId: `PAY-${++seq}`, amountMinor: 299_00, currency: 'RUB', paidAt: new Date().toISOString(), ...extra } }, { token })).body.data.recordClubPayment;
  /** A campaign created and published by the admin: the publish answer. */
  const publishCampaign = async (input: Record<string, unknown>) => {
    const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, { input }, { token: admin });
    return (await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename ... on PublishRefusedError { diagnostics { code } } } }`, { id: created.body.data.createCampaign.id }, { token: admin })).body.data.publishCampaign;
  };
  /** A 1,000 ₽ purchase at the till, with the points campaigns gave. */
  const buy = async (memberId: string) =>
    (await t.gql(RECORD_PURCHASE.replace('pointsEarned', 'pointsEarned campaignPoints'), { input: { externalId: `CLUB-BUY-${++seq}`, memberId, totalMinor: 1000_00, currency: 'RUB', channel: 'STORE' } }, { token: pos })).body.data.recordPurchase;
  const subscriptionOf = (id: string) => t.app.dataSource.manager.findOneByOrFail(ClubSubscription, { id: Number(Buffer.from(id, 'base64').toString().split(':')[1]) });
  /** Runs a subscription's pending job by hand, as the queue would: it acts as of its runAt. */
  async function runJob(name: string, subscriptionId: number) {
    const jobs = (await t.app.dataSource.manager.find(Job, { where: { name, status: 'pending' } })).filter((j) => j.payload.subscriptionId === subscriptionId);
    expect(jobs.length, `${name} jobs of ${subscriptionId}`).toBeGreaterThan(0);
    for (const job of jobs) await inTransaction(t.app.dataSource, (em) => t.app.services.clubs.handlers[name](em, job.payload, job));
    return jobs;
  }

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
    const created = await t.gql(PLAN, { input: { code: 'coffee-plus', name: 'Кофейный клуб+', priceMinor: 299_00, periodUnit: 'MONTH', periodCount: 1, perks: ['Размер больше бесплатно', '2× баллов'], earnMultiplierPercent: 200 } }, { token: admin });
    expect(created.body.data.createClubPlan).toMatchObject({ __typename: 'ClubPlan', code: 'coffee-plus', currency: 'RUB' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses malformed plans with field errors, and lets members see only active plans', async () => {
    const create = async (input: Record<string, unknown>, token = admin) => (await t.gql(PLAN, { input: { code: 'x', name: 'X', priceMinor: 100, ...input } }, { token })).body.data?.createClubPlan;
    expect((await create({ periodCount: 2 })).fieldErrors[0]).toMatchObject({ path: ['input', 'periodCount'] });
    expect((await create({ periodUnit: 'DAY', periodCount: 0 })).fieldErrors[0].path).toEqual(['input', 'periodCount']);
    expect((await create({ code: 'any' })).fieldErrors[0].message).toMatch(/every club/);
    expect((await create({ code: 'Bad Code' })).__typename).toBe('ValidationError');
    expect((await create({ priceMinor: 0 })).__typename).toBe('ValidationError');
    expect((await create({ priceMinor: -5 })).__typename).toBe('ValidationError');
    expect((await create({ perks: Array.from({ length: 21 }, (_, i) => `perk ${i}`) })).__typename).toBe('ValidationError');
    expect((await create({ trialDays: 1000 })).__typename).toBe('ValidationError');
    expect((await create({ code: 'coffee-plus' })).__typename).toBe('ConflictError');
    const member = await signUp();
    const denied = await t.gql(PLAN, { input: { code: 'mine', name: 'Mine', priceMinor: 1 } }, { token: member.token });
    expect(denied.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const archived = await create({ code: 'old-club' });
    const UPDATE = `mutation($id: ID!, $input: ClubPlanInput!) { updateClubPlan(id: $id, input: $input) { __typename ... on ClubPlan { name priceMinor perks } ... on ValidationError { fieldErrors { path } } } }`;
    const update = async (input: Record<string, unknown>) => (await t.gql(UPDATE, { id: archived.id, input }, { token: admin })).body.data.updateClubPlan;
    expect(await update({ name: 'Renamed', priceMinor: 150, perks: ['Tea'] })).toEqual({ __typename: 'ClubPlan', name: 'Renamed', priceMinor: 150, perks: ['Tea'] });
    expect(await update({ code: 'new-code' })).toEqual({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'code'] }] });
    expect(await update({ periodCount: 5 })).toEqual({ __typename: 'ValidationError', fieldErrors: [{ path: ['input', 'periodCount'] }] });
    expect((await t.gql(UPDATE, { id: member.id, input: {} }, { token: admin })).body.data.updateClubPlan.__typename).toBe('ValidationError');
    await t.gql(`mutation($id: ID!) { setClubPlanStatus(id: $id, status: ARCHIVED) { __typename } }`, { id: archived.id }, { token: admin });
    const plans = await t.gql(`{ clubPlans { code perks priceMinor periodUnit periodCount } }`, {}, { token: member.token });
    expect(plans.body.data.clubPlans.map((p: { code: string }) => p.code)).not.toContain('old-club');
    expect(plans.body.data.clubPlans.find((p: { code: string }) => p.code === 'coffee-plus')).toEqual({ code: 'coffee-plus', perks: ['Размер больше бесплатно', '2× баллов'], priceMinor: 299_00, periodUnit: 'MONTH', periodCount: 1 });
    expect((await subscribe(member.token, 'old-club')).__typename).toBe('ConflictError');
    const staffPlans = await t.gql(`{ clubPlans(includeArchived: true) { code status } }`, {}, { token: admin });
    expect(staffPlans.body.data.clubPlans).toContainEqual({ code: 'old-club', status: 'ARCHIVED' });
  });

  it('subscribes, then a payment makes the subscription active for one month, and the next extends it', async () => {
    const member = await signUp();
    const pending = await subscribe(member.token);
    expect(pending).toMatchObject({ __typename: 'ClubSubscription', status: 'PENDING', currentPeriodEnd: null });
    expect((await subscribe(member.token)).__typename).toBe('ConflictError');

    const first = await pay(member.id, { subscriptionId: pending.id, planCode: null });
    expect(first.__typename).toBe('ClubPaymentRecorded');
    expect(first.subscription).toMatchObject({ id: pending.id, status: 'ACTIVE', currentPeriodStart: first.periodStart, currentPeriodEnd: first.periodEnd });
    expect(first.periodEnd).toBe(addPeriod(new Date(first.periodStart), 'month', 1).toISOString());
    expect(Math.abs(new Date(first.periodStart).getTime() - Date.now())).toBeLessThan(60_000);

    const second = await pay(member.id);
    expect(second.periodStart).toBe(first.periodEnd);
    expect(second.periodEnd).toBe(addPeriod(new Date(first.periodEnd), 'month', 1).toISOString());
    expect(second.subscription).toMatchObject({ id: pending.id, status: 'ACTIVE', currentPeriodStart: first.periodStart, currentPeriodEnd: second.periodEnd });

    const mine = await t.gql(`query($id: ID!) { node(id: $id) { ... on Member { clubSubscriptions { status plan { code } } } } }`, { id: member.id }, { token: member.token });
    expect(mine.body.data.node.clubSubscriptions).toEqual([{ status: 'ACTIVE', plan: { code: 'coffee-plus' } }]);
    const subscriptionId = (await subscriptionOf(pending.id)).id;
    const jobs = (await t.app.dataSource.manager.find(Job, { where: { name: 'clubs.periodEnd' } })).filter((j) => j.payload.subscriptionId === subscriptionId);
    expect(jobs.map((j) => j.payload.periodEnd).sort()).toEqual([first.periodEnd, second.periodEnd]);
  });

  it('replays a payment sent twice, refuses the same id with other details, and a wrong amount or currency', async () => {
    const member = await signUp();
    const input = { externalId: `REPLAY-${seq++}`, paidAt: new Date(Date.now() - 60_000).toISOString() };
    const first = await pay(member.id, input);
    const again = await pay(member.id, input);
    expect(again).toMatchObject({ replayed: true, periodStart: first.periodStart, periodEnd: first.periodEnd });
    expect(first.replayed).toBe(false);
    expect((await pay(member.id, { ...input, amountMinor: 300_00 })).__typename).toBe('ConflictError');

    const before = await t.app.dataSource.manager.count(ClubPayment);
    expect(await pay(member.id, { amountMinor: 199_00 })).toMatchObject({ __typename: 'PaymentMismatchError', expectedMinor: 299_00, expectedCurrency: 'RUB' });
    expect((await pay(member.id, { currency: 'USD' })).__typename).toBe('PaymentMismatchError');
    expect((await pay(member.id, { currency: 'rub' })).__typename).toBe('ValidationError');
    expect((await pay(member.id, { amountMinor: 0 })).__typename).toBe('ValidationError');
    expect((await pay(member.id, { paidAt: new Date(Date.now() + DAY).toISOString() })).__typename).toBe('ValidationError');
    expect((await pay(member.id, { planCode: 'no-such-club' })).__typename).toBe('NotFoundError');
    expect((await pay(member.id, { planCode: null })).__typename).toBe('ValidationError');
    expect((await pay(member.id, { externalId: 'x'.repeat(129) })).__typename).toBe('ValidationError');
    expect(await t.app.dataSource.manager.count(ClubPayment)).toBe(before);
    expect((await subscriptionOf(first.subscription.id)).currentPeriodEnd?.toISOString()).toBe(first.periodEnd);
    // A member's token cannot record payments, not even for themselves.
    const self = await t.gql(PAY, { input: { memberId: member.id, planCode: 'coffee-plus', externalId: 'SELF', amountMinor: 299_00, currency: 'RUB', paidAt: new Date().toISOString() } }, { token: (await signUp()).token });
    expect(self.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('records one payment when the same one arrives several times at once', async () => {
    const member = await signUp();
    const input = { externalId: `RACE-${seq++}`, paidAt: new Date().toISOString() };
    const results = await Promise.all([pay(member.id, input), pay(member.id, input), pay(member.id, input), pay(member.id, input)]);
    expect(results.map((r) => r.__typename)).toEqual(Array(4).fill('ClubPaymentRecorded'));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.periodEnd)).size).toBe(1);
    expect(await t.app.dataSource.manager.countBy(ClubPayment, { externalId: input.externalId })).toBe(1);
    // Different payments at once for a member without a subscription: one subscription, each paying a period.
    const other = await signUp();
    const many = await Promise.all([1, 2, 3].map(() => pay(other.id)));
    expect(many.map((r) => r.__typename)).toEqual(Array(3).fill('ClubPaymentRecorded'));
    expect(new Set(many.map((r) => r.subscription.id)).size).toBe(1);
    const subscription = await subscriptionOf(many[0].subscription.id);
    expect(subscription.currentPeriodEnd!.toISOString()).toBe(addPeriod(addPeriod(addPeriod(subscription.currentPeriodStart!, 'month', 1), 'month', 1), 'month', 1).toISOString());
  });

  it('goes pastDue at the period end without a payment and expires after the grace days; the jobs are idempotent', async () => {
    const member = await signUp();
    const paid = await pay(member.id);
    const id = (await subscriptionOf(paid.subscription.id)).id;
    const end = new Date(paid.periodEnd);
    // Too early: nothing happens.
    await inTransaction(t.app.dataSource, (em) => settleGrace(em, id, end, new Date(end.getTime() - 1000)));
    const [periodJob] = await runJob('clubs.periodEnd', id);
    expect(periodJob.runAt.toISOString()).toBe(paid.periodEnd);
    expect((await subscriptionOf(paid.subscription.id)).status).toBe('pastDue');
    // The member keeps the club through the grace days.
    expect(await t.app.services.clubs.codesFor(t.app.dataSource.manager, (await subscriptionOf(paid.subscription.id)).programId, member.dbId)).toEqual(['coffee-plus']);
    // Running the period job again changes nothing.
    await inTransaction(t.app.dataSource, (em) => t.app.services.clubs.handlers['clubs.periodEnd'](em, periodJob.payload, periodJob));
    expect((await subscriptionOf(paid.subscription.id)).status).toBe('pastDue');
    // One second before the grace ends it is still pastDue; at the end of grace, expired.
    await inTransaction(t.app.dataSource, (em) => settleGrace(em, id, end, new Date(end.getTime() + 3 * DAY - 1000)));
    expect((await subscriptionOf(paid.subscription.id)).status).toBe('pastDue');
    const [graceJob] = await runJob('clubs.graceEnd', id);
    expect(graceJob.runAt.getTime()).toBe(end.getTime() + 3 * DAY);
    const expired = await subscriptionOf(paid.subscription.id);
    expect(expired).toMatchObject({ status: 'expired', liveKey: null });
    expect(expired.endedAt!.getTime()).toBe(end.getTime() + 3 * DAY);
    await inTransaction(t.app.dataSource, (em) => t.app.services.clubs.handlers['clubs.graceEnd'](em, graceJob.payload, graceJob));
    expect((await subscriptionOf(paid.subscription.id)).status).toBe('expired');
    expect(await t.app.services.clubs.codesFor(t.app.dataSource.manager, expired.programId, member.dbId)).toEqual([]);
    // Paying for an ended subscription is refused; paying by plan starts a new one.
    expect((await pay(member.id, { subscriptionId: paid.subscription.id, planCode: null })).__typename).toBe('ConflictError');
    const fresh = await pay(member.id);
    expect(fresh.subscription.id).not.toBe(paid.subscription.id);
    expect(fresh.subscription.status).toBe('ACTIVE');
  });

  it('lets a payment that arrives in between win over the period and grace jobs', async () => {
    const member = await signUp();
    const paid = await pay(member.id);
    const id = (await subscriptionOf(paid.subscription.id)).id;
    const jobs = await t.app.dataSource.manager.find(Job, { where: { name: 'clubs.periodEnd', status: 'pending' } });
    const oldJob = jobs.find((j) => j.payload.subscriptionId === id)!;
    const renewed = await pay(member.id);
    await inTransaction(t.app.dataSource, (em) => t.app.services.clubs.handlers['clubs.periodEnd'](em, oldJob.payload, oldJob));
    expect(await subscriptionOf(paid.subscription.id)).toMatchObject({ status: 'active' });
    expect((await subscriptionOf(paid.subscription.id)).currentPeriodEnd!.toISOString()).toBe(renewed.periodEnd);

    // pastDue, then paid: active from now, and the grace job finds nothing to do.
    const lastJob = (await t.app.dataSource.manager.find(Job, { where: { name: 'clubs.periodEnd', status: 'pending' } })).find((j) => j.payload.subscriptionId === id && j.payload.periodEnd === renewed.periodEnd)!;
    await inTransaction(t.app.dataSource, (em) => t.app.services.clubs.handlers['clubs.periodEnd'](em, lastJob.payload, lastJob));
    expect((await subscriptionOf(paid.subscription.id)).status).toBe('pastDue');
    const back = await pay(member.id);
    expect(back.subscription.status).toBe('ACTIVE');
    expect(back.periodStart).toBe(renewed.periodEnd);
    const grace = (await t.app.dataSource.manager.find(Job, { where: { name: 'clubs.graceEnd', status: 'pending' } })).find((j) => j.payload.subscriptionId === id)!;
    await inTransaction(t.app.dataSource, (em) => t.app.services.clubs.handlers['clubs.graceEnd'](em, grace.payload, grace));
    expect((await subscriptionOf(paid.subscription.id)).status).toBe('active');
  });

  it('cancels at the period end, lets only the owner cancel, and only staff cancel at once', async () => {
    const a = await signUp();
    const b = await signUp();
    const sub = await subscribe(a.token);
    const paid = await pay(a.id, { subscriptionId: sub.id, planCode: null });
    const id = (await subscriptionOf(sub.id)).id;

    const stolen = await t.gql(CANCEL, { id: sub.id }, { token: b.token });
    expect(stolen.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const peek = await t.gql(`query($id: ID!) { node(id: $id) { ... on ClubSubscription { status } } }`, { id: sub.id }, { token: b.token });
    expect(peek.body.data?.node ?? null).toBeNull();
    expect((await t.gql(CANCEL, { id: sub.id, now: true }, { token: a.token })).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(CANCEL, { id: globalId('ClubSubscription', 999_999) }, { token: b.token })).body.data.cancelClubSubscription.__typename).toBe('NotFoundError');
    expect((await t.gql(CANCEL, { id: b.id }, { token: b.token })).body.data.cancelClubSubscription.__typename).toBe('ValidationError');
    expect(await subscriptionOf(sub.id)).toMatchObject({ status: 'active', cancelAtPeriodEnd: false });

    const cancelled = (await t.gql(CANCEL, { id: sub.id }, { token: a.token })).body.data.cancelClubSubscription;
    expect(cancelled).toMatchObject({ status: 'ACTIVE', cancelAtPeriodEnd: true });
    expect(cancelled.cancelledAt).not.toBeNull();
    await runJob('clubs.periodEnd', id);
    const ended = await subscriptionOf(sub.id);
    expect(ended).toMatchObject({ status: 'expired', liveKey: null });
    expect(ended.endedAt!.toISOString()).toBe(paid.periodEnd);
    expect((await t.gql(CANCEL, { id: sub.id }, { token: a.token })).body.data.cancelClubSubscription.__typename).toBe('ConflictError');

    // Support ends a subscription at once; a pending one ends at once for its member too.
    const again = await subscribe(a.token);
    expect(again.status).toBe('PENDING');
    await pay(a.id, { subscriptionId: again.id, planCode: null });
    const support = (await t.gql(CANCEL, { id: again.id, now: true }, { token: admin })).body.data.cancelClubSubscription;
    expect(support).toMatchObject({ status: 'CANCELLED' });
    const third = await subscribe(a.token);
    expect((await t.gql(CANCEL, { id: third.id }, { token: a.token })).body.data.cancelClubSubscription.status).toBe('CANCELLED');
  });

  it('starts with a trial once per member when the plan has one', async () => {
    await t.gql(PLAN, { input: { code: 'tea-trial', name: 'Чайный клуб', priceMinor: 99_00, periodUnit: 'DAY', periodCount: 30, trialDays: 7 } }, { token: admin });
    const m = await signUp();
    const trial = await subscribe(m.token, 'tea-trial');
    expect(trial.status).toBe('TRIALING');
    const row = await subscriptionOf(trial.id);
    expect(row.currentPeriodEnd!.getTime() - row.currentPeriodStart!.getTime()).toBe(7 * DAY);
    // Paying during the trial adds a period after it.
    const paid = await pay(m.id, { planCode: 'tea-trial', amountMinor: 99_00 });
    expect(paid.periodStart).toBe(row.currentPeriodEnd!.toISOString());
    expect(new Date(paid.periodEnd).getTime() - new Date(paid.periodStart).getTime()).toBe(30 * DAY);
    await t.gql(CANCEL, { id: trial.id, now: true }, { token: admin });
    expect((await subscribe(m.token, 'tea-trial')).status).toBe('PENDING');
  });

  it('gives club members double points through a published campaign with condition.club, and others not', async () => {
    const node = (id: string, kind: string, params: Record<string, unknown>) => ({ id, kind, params, position: { x: 0, y: 0 } });
    const graph = (plan: string) => ({
      nodes: [node('t', 'trigger.purchase', {}), node('c', 'condition.club', { plan }), node('a', 'action.awardPoints', { mode: 'multiplier', amount: 2 })],
      edges: [
        { id: 'e1', source: 't', sourcePort: 'out', target: 'c' },
        { id: 'e2', source: 'c', sourcePort: 'true', target: 'a' },
      ],
    });
    expect(await publishCampaign({ name: 'Club no-such-club', graph: graph('no-such-club') })).toEqual({ __typename: 'PublishRefusedError', diagnostics: [{ code: 'unknown_reference' }] });
    expect((await publishCampaign({ name: 'Club coffee-plus', graph: graph('coffee-plus') })).__typename).toBe('Campaign');

    const member = await signUp();
    const outsider = await signUp();
    await pay(member.id);
    const club = await buy(member.id);
    expect(club.pointsEarned).toBeGreaterThan(0);
    expect(club.campaignPoints).toBe(club.pointsEarned);
    const other = await buy(outsider.id);
    expect(other.pointsEarned).toBe(club.pointsEarned);
    expect(other.campaignPoints).toBe(0);
  });

  it('gives the club campaign its clubs when a campaign that reads none runs before it on the same purchase', async () => {
    // The campaigns of one event share a facts object until one needs more (RulesService.runCampaigns):
    // the club campaign above must not read the facts made for this one, which hold no clubs.
    const graph = { nodes: [{ id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } }, { id: 'a', kind: 'action.awardPoints', params: { mode: 'fixed', amount: 10 }, position: { x: 0, y: 0 } }], edges: [{ id: 'e1', source: 't', sourcePort: 'out', target: 'a' }] };
    expect((await publishCampaign({ name: 'Ten for everyone, first', priority: 10, graph })).__typename).toBe('Campaign');
    const member = await signUp();
    const outsider = await signUp();
    await pay(member.id);
    const club = await buy(member.id);
    const other = await buy(outsider.id);
    expect(other.campaignPoints).toBe(10);
    expect(club.campaignPoints).toBe(10 + other.pointsEarned);
  });

  it('lists subscriptions and counts active ones and the monthly revenue for staff', async () => {
    const list = await t.gql(`{ clubSubscriptions(first: 100, status: ACTIVE, planCode: "coffee-plus") { edges { node { status plan { code } member { id } } } } }`, {}, { token: admin });
    const nodes = list.body.data.clubSubscriptions.edges.map((e: { node: unknown }) => e.node);
    expect(nodes.length).toBeGreaterThan(3);
    expect(nodes.every((n: { status: string; plan: { code: string } }) => n.status === 'ACTIVE' && n.plan.code === 'coffee-plus')).toBe(true);
    expect((await t.gql(`{ clubSubscriptions(first: 10, planCode: "no-such") { edges { node { id } } } }`, {}, { token: admin })).body.data.clubSubscriptions.edges).toEqual([]);
    const [{ coffee }] = await t.app.dataSource.query(`SELECT COUNT(*) AS coffee FROM club_subscriptions s JOIN club_plans p ON p.id = s.planId WHERE s.status = 'active' AND p.code = 'coffee-plus'`);
    const [{ tea }] = await t.app.dataSource.query(`SELECT COUNT(*) AS tea FROM club_subscriptions s JOIN club_plans p ON p.id = s.planId WHERE s.status = 'active' AND p.code = 'tea-trial'`);
    const stats = (await t.gql(`{ clubStats { active pastDue mrrMinor currency } }`, {}, { token: admin })).body.data.clubStats;
    expect(stats).toMatchObject({ active: Number(coffee) + Number(tea), currency: 'RUB' });
    expect(stats.mrrMinor).toBe(Number(coffee) * 299_00 + Number(tea) * 99_00);
    const member = await signUp();
    expect((await t.gql(`{ clubStats { active } }`, {}, { token: member.token })).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('runs the period jobs from the job queue at the times they were due', async () => {
    await t.gql(PLAN, { input: { code: 'daily', name: 'Daily', priceMinor: 10_00, periodUnit: 'DAY', periodCount: 1, graceDays: 2 } }, { token: admin });
    const m = await signUp();
    const paid = await pay(m.id, { planCode: 'daily', amountMinor: 10_00 });
    const end = new Date(paid.periodEnd).getTime();
    await t.app.runJobs(new Date(end - 1000));
    expect((await subscriptionOf(paid.subscription.id)).status).toBe('active');
    await t.app.runJobs(new Date(end + 1000));
    expect((await subscriptionOf(paid.subscription.id)).status).toBe('pastDue');
    await t.app.runJobs(new Date(end + 2 * DAY + 1000));
    expect((await subscriptionOf(paid.subscription.id)).status).toBe('expired');
  });

  it('lists subscriptions with their plans and members in as many statements for 12 as for 2', async () => {
    const query = `query($n: Int!) { clubSubscriptions(first: $n) { edges { node { status plan { code } member { email clubSubscriptions { status plan { code } } } } } } }`;
    const small = await t.gql(query, { n: 2 }, { token: admin });
    const large = await t.gql(query, { n: 12 }, { token: admin });
    expect(large.body.data.clubSubscriptions.edges).toHaveLength(12);
    expect(large.statements).toBe(small.statements);
  });
});

describe(`the demo club seed on ${dialect}`, () => {
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
  });

  it('creates Кофейный клуб+ with paying members, one past due, and a published double-points campaign', async () => {
    t = await createTestApp();
    const { pos, program } = await loyaltySetup(t);
    const ids = [];
    for (let i = 0; i < 7; i++) ids.push((await newMember(t, pos)).dbId);
    const members = await t.app.dataSource.manager.findBy(Member, { id: In(ids) });
    const now = new Date();
    await seedClubs(t.app.dataSource, t.app.services, program.id, members, now);
    const rows = await t.app.dataSource.manager.find(ClubSubscription, { order: { id: 'ASC' } });
    expect(rows.map((r) => r.status)).toEqual(['active', 'active', 'active', 'active', 'active', 'pastDue']);
    for (const row of rows.slice(0, 5)) expect(row.currentPeriodEnd!.getTime()).toBeGreaterThan(now.getTime());
    const stats = await t.app.services.clubs.stats(t.app.dataSource.manager, program.id);
    expect(stats).toMatchObject({ active: 5, pastDue: 1, mrrMinor: 5 * 299_00 });
    const [{ n }] = await t.app.dataSource.query(`SELECT COUNT(*) AS n FROM campaigns WHERE status = 'active' AND activeVersion IS NOT NULL`);
    expect(Number(n)).toBe(1);
  });
});
