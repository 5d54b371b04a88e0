import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowEvent } from '@patron/schema/flow';
import { inTransaction } from '../src/db/transaction';
import type { Program } from '../src/programs/program.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { gamificationHelpers } from './gamification-harness';
import { loyaltySetup, newMember } from './loyalty-harness';

describe(`challenges on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let program: Program;
  let g: ReturnType<typeof gamificationHelpers>;

  /** Fires an event through the rules at an explicit clock, as the domains do. */
  const fire = (memberId: number, event: Omit<FlowEvent, 'memberId'>, now = new Date(event.occurredAt)) =>
    inTransaction(t.app.dataSource, (em) => t.app.services.rules.onEvent(em, program, memberId, { ...event, memberId: String(memberId) } as FlowEvent, { now }));

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos, program } = await loyaltySetup(t));
    g = gamificationHelpers(t, () => ({ admin, pos }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('purchases advance purchase-count and spend challenges, which complete once and grant their badge', async () => {
    const badge = await g.badge('three-visits');
    await g.challenge({ code: 'three-purchases', metric: 'PURCHASE_COUNT', goal: 3, period: 'ROLLING', rollingDays: 30, badgeId: badge.id });
    await g.challenge({ code: 'spend-1000', metric: 'SPEND_MINOR', goal: 100_000, period: 'WEEK' });
    const m = await newMember(t, pos);
    await g.buy(m.id, 40_000);
    expect(await g.progress(m.dbId, 'three-purchases')).toEqual([{ periodKey: 'r:1', progress: 1, completed: false }]);
    expect((await g.progress(m.dbId, 'spend-1000'))[0]).toMatchObject({ progress: 40_000, completed: false });
    await g.buy(m.id, 70_000);
    expect((await g.progress(m.dbId, 'spend-1000'))[0]).toMatchObject({ progress: 100_000, completed: true });
    await g.buy(m.id, 10_000);
    await g.buy(m.id, 10_000);
    // Capped at the goal, completed once, one badge.
    expect(await g.progress(m.dbId, 'three-purchases')).toEqual([{ periodKey: 'r:1', progress: 3, completed: true }]);
    expect(await g.badgeCount(m.dbId, 'three-visits')).toBe(1);
    const completions = await t.app.dataSource.query(`SELECT COUNT(*) AS n FROM challenge_progress WHERE memberId = ? AND completedAt IS NOT NULL`, [m.dbId]);
    expect(Number(completions[0].n)).toBe(2);

    // Staff read it through the member, batched.
    const res = await t.gql(`query($id: ID!) { member(id: $id) { badges { source badge { code } } challengeProgress { periodKey progress goal completedAt challenge { code } } } }`, { id: m.id }, { token: admin });
    expect(res.body.data.member.badges).toEqual([{ source: 'CHALLENGE', badge: { code: 'three-visits' } }]);
    expect(res.body.data.member.challengeProgress.map((p: { challenge: { code: string } }) => p.challenge.code).sort()).toEqual(['spend-1000', 'three-purchases']);
  });

  it('completes exactly once and grants one badge when ten purchases cross the goal at once', async () => {
    const badge = await g.badge('rush');
    await g.challenge({ code: 'rush-5', metric: 'PURCHASE_COUNT', goal: 5, period: 'MONTH', badgeId: badge.id });
    const m = await newMember(t, pos);
    await Promise.all(Array.from({ length: 10 }, () => g.buy(m.id, 1_000)));
    const rows = await g.progress(m.dbId, 'rush-5');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ progress: 5, completed: true });
    expect(await g.badgeCount(m.dbId, 'rush')).toBe(1);
  });

  it("resets a monthly challenge at the start of the next month in the brand's time zone", async () => {
    await g.challenge({ code: 'monthly-visits', metric: 'CUSTOM_EVENT', eventName: 'visit', goal: 10, period: 'MONTH' });
    const m = await newMember(t, pos);
    // Moscow is UTC+3: 20:30 UTC on 31 January is still January there, 21:30 UTC is 1 February.
    await fire(m.dbId, { type: 'custom', name: 'visit', occurredAt: '2026-01-31T20:30:00Z' });
    await fire(m.dbId, { type: 'custom', name: 'visit', occurredAt: '2026-01-31T20:59:59Z' });
    await fire(m.dbId, { type: 'custom', name: 'visit', occurredAt: '2026-01-31T21:30:00Z' });
    await fire(m.dbId, { type: 'custom', name: 'other', occurredAt: '2026-01-31T21:40:00Z' });
    expect(await g.progress(m.dbId, 'monthly-visits')).toEqual([
      { periodKey: 'm:2026-01', progress: 2, completed: false },
      { periodKey: 'm:2026-02', progress: 1, completed: false },
    ]);
  });

  it('counts only campaign points toward bonus points, and every earned point toward points earned', async () => {
    await g.challenge({ code: 'bonus-500', metric: 'BONUS_POINTS', goal: 500, period: 'MONTH' });
    await g.challenge({ code: 'earned-all', metric: 'POINTS_EARNED', goal: 1_000_000, period: 'MONTH' });
    const m = await newMember(t, pos);
    const plain = await g.buy(m.id, 50_000);
    expect(plain.pointsEarned).toBeGreaterThan(0);
    expect(await g.progress(m.dbId, 'bonus-500')).toEqual([]);
    const campaign = await g.campaign('Double bonus', { kind: 'trigger.purchase' }, { kind: 'action.awardPoints', params: { amount: 200 } });
    try {
      const boosted = await g.buy(m.id, 50_000);
      expect(boosted.campaignPoints).toBe(200);
      expect((await g.progress(m.dbId, 'bonus-500'))[0]).toMatchObject({ progress: 200 });
      expect((await g.progress(m.dbId, 'earned-all'))[0]).toMatchObject({ progress: plain.pointsEarned + boosted.pointsEarned + 200 });
    } finally {
      await g.pause(campaign);
    }
  });

  it('rewards a completed challenge through a campaign on trigger.challengeCompleted, once', async () => {
    await g.challenge({ code: 'two-checkins', metric: 'CUSTOM_EVENT', eventName: 'checkin', goal: 2, period: 'WEEK' });
    const campaign = await g.campaign('Premium gift', { kind: 'trigger.challengeCompleted', params: { challenge: 'two-checkins' } }, { kind: 'action.awardPoints', params: { amount: 300 } });
    try {
      const m = await newMember(t, pos);
      const at = '2026-03-04T10:00:00Z';
      await fire(m.dbId, { type: 'custom', name: 'checkin', occurredAt: at });
      expect(await g.campaignPoints(m.dbId, campaign)).toBe(0);
      await fire(m.dbId, { type: 'custom', name: 'checkin', occurredAt: at });
      expect(await g.campaignPoints(m.dbId, campaign)).toBe(300);
      await fire(m.dbId, { type: 'custom', name: 'checkin', occurredAt: at });
      expect(await g.campaignPoints(m.dbId, campaign)).toBe(300);
      expect(await g.progress(m.dbId, 'two-checkins')).toEqual([{ periodKey: 'w:2026-03-02', progress: 2, completed: true }]);
    } finally {
      await g.pause(campaign);
    }
  });

  it('grants a badge from action.grantBadge once, however often the flow runs', async () => {
    await g.badge('regular');
    const campaign = await g.campaign('Regulars', { kind: 'trigger.event', params: { name: 'loyal' } }, { kind: 'action.grantBadge', params: { badge: 'regular' } });
    try {
      const m = await newMember(t, pos);
      const first = await fire(m.dbId, { type: 'custom', name: 'loyal', occurredAt: new Date().toISOString() });
      const second = await fire(m.dbId, { type: 'custom', name: 'loyal', occurredAt: new Date().toISOString() });
      expect(first[0].applied.map((e) => e.type)).toEqual(['grantBadge']);
      expect(second[0].applied).toEqual([]);
      expect(await g.badgeCount(m.dbId, 'regular')).toBe(1);
    } finally {
      await g.pause(campaign);
    }
  });

  it('moves manual challenges only through action.challengeProgress', async () => {
    await g.challenge({ code: 'stamps', metric: 'MANUAL', goal: 3, period: 'MONTH' });
    const campaign = await g.campaign('Stamp card', { kind: 'trigger.event', params: { name: 'stamp' } }, { kind: 'action.challengeProgress', params: { challenge: 'stamps', amount: 2 } });
    try {
      const m = await newMember(t, pos);
      await g.buy(m.id, 5_000);
      expect(await g.progress(m.dbId, 'stamps')).toEqual([]);
      await fire(m.dbId, { type: 'custom', name: 'stamp', occurredAt: new Date().toISOString() });
      await fire(m.dbId, { type: 'custom', name: 'stamp', occurredAt: new Date().toISOString() });
      expect((await g.progress(m.dbId, 'stamps'))[0]).toMatchObject({ progress: 3, completed: true });
    } finally {
      await g.pause(campaign);
    }
  });

  it('counts community posts, survey answers and passed quizzes from their events', async () => {
    await g.challenge({ code: 'first-post', metric: 'COMMUNITY_POST', goal: 1, period: 'FIXED', startsAt: '2026-01-01T00:00:00Z', endsAt: '2027-01-01T00:00:00Z' });
    await g.challenge({ code: 'nps-any', metric: 'SURVEY_ANSWERED', goal: 5, period: 'MONTH' });
    await g.challenge({ code: 'quiz-master', metric: 'QUIZ_PASSED', minScore: 3, goal: 2, period: 'MONTH' });
    const m = await newMember(t, pos);
    const at = '2026-06-10T12:00:00Z';
    await fire(m.dbId, { type: 'communityPost', occurredAt: at });
    // Outside the fixed window it counts nowhere.
    await fire(m.dbId, { type: 'communityPost', occurredAt: '2027-02-01T00:00:00Z' });
    expect(await g.progress(m.dbId, 'first-post')).toEqual([{ periodKey: 'fixed', progress: 1, completed: true }]);
    await fire(m.dbId, { type: 'surveyAnswered', occurredAt: at, data: { survey: 'nps', kind: 'nps', score: null } });
    await fire(m.dbId, { type: 'surveyAnswered', occurredAt: at, data: { survey: 'q1', kind: 'quiz', score: 2 } });
    await fire(m.dbId, { type: 'surveyAnswered', occurredAt: at, data: { survey: 'q2', kind: 'quiz', score: 3 } });
    expect((await g.progress(m.dbId, 'nps-any'))[0]).toMatchObject({ progress: 3 });
    expect((await g.progress(m.dbId, 'quiz-master'))[0]).toMatchObject({ progress: 1, completed: false });
  });

  it('counts a quiz answered through feedback when its score reaches the passing score', async () => {
    await g.challenge({ code: 'coffee-quiz', metric: 'QUIZ_PASSED', surveyCode: 'beans-quiz', minScore: 2, goal: 1 });
    const question = (id: string) => ({ id, type: 'single', text: `Q ${id}?`, options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], correct: 'a' });
    const created = await t.gql(`mutation($input: SurveyInput!) { createSurvey(input: $input) { ... on Survey { id } } }`, { input: { code: 'beans-quiz', title: 'Beans', kind: 'QUIZ', questions: [question('q1'), question('q2')] } }, { token: admin });
    const surveyId = created.body.data.createSurvey.id;
    await t.gql(`mutation($id: ID!) { setSurveyStatus(id: $id, status: OPEN) { __typename } }`, { id: surveyId }, { token: admin });
    const submit = (memberId: string, answers: Record<string, string>) =>
      t.gql(`mutation($s: ID!, $a: JSON!, $m: ID) { submitSurveyResponse(surveyId: $s, answers: $a, memberId: $m) { __typename ... on SurveySubmitted { score } } }`, { s: surveyId, a: answers, m: memberId }, { token: pos });
    const passed = await newMember(t, pos);
    const failed = await newMember(t, pos);
    expect((await submit(passed.id, { q1: 'a', q2: 'a' })).body.data.submitSurveyResponse.score).toBe(2);
    expect((await submit(failed.id, { q1: 'a', q2: 'b' })).body.data.submitSurveyResponse.score).toBe(1);
    expect((await g.progress(passed.dbId, 'coffee-quiz'))[0]).toMatchObject({ progress: 1, completed: true });
    expect(await g.progress(failed.dbId, 'coffee-quiz')).toEqual([]);
  });
});
