import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowEvent } from '@patron/schema/flow';
import { withQueryStats } from '../src/db/query-stats';
import { inTransaction } from '../src/db/transaction';
import type { Program } from '../src/programs/program.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { CREATE_BADGE, CREATE_CHALLENGE, gamificationHelpers } from './gamification-harness';
import { loyaltySetup, newMember } from './loyalty-harness';

const PNG = `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64')}`;
const svg = (body: string) => `data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`).toString('base64')}`;
const LEADERBOARD = `query($metric: LeaderboardMetric!, $period: LeaderboardPeriod, $first: Int, $challenge: String) {
  leaderboard(metric: $metric, period: $period, first: $first, challenge: $challenge) {
    __typename ... on Leaderboard { entries { rank displayName score badgeCount tierCode isMe } me { rank displayName score isMe } } ... on Error { code message } } }`;

describe(`badges, leaderboards and their guards on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let program: Program;
  let g: ReturnType<typeof gamificationHelpers>;

  const signUp = async (email: string, name: string) => {
    const res = await t.gql(`mutation($input: MemberSignUpInput!) { memberSignUp(input: $input) { ... on MemberSession { token member { id } } } }`, { input: { email, password: 'member-password', name } });
    const session = res.body.data.memberSignUp;
    return { token: session.token as string, id: session.member.id as string, dbId: Number(Buffer.from(session.member.id, 'base64').toString().split(':')[1]) };
  };
  const fire = (memberId: number, event: Omit<FlowEvent, 'memberId'>, now = new Date()) =>
    inTransaction(t.app.dataSource, (em) => t.app.services.rules.onEvent(em, program, memberId, { ...event, memberId: String(memberId) } as FlowEvent, { now }));

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos, program } = await loyaltySetup(t));
    g = gamificationHelpers(t, () => ({ admin, pos }));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('checks badge images by type and size', async () => {
    const create = async (code: string, image: string) => (await t.gql(CREATE_BADGE, { input: { code, name: 'Badge', image } }, { token: admin })).body.data.createBadge;
    expect((await create('png', PNG)).__typename).toBe('Badge');
    expect((await create('svg', svg('<circle r="4"/>'))).__typename).toBe('Badge');
    expect((await create('url', 'https://cdn.example.com/badges/coffee.png')).__typename).toBe('Badge');
    const hostile: [string, RegExp][] = [
      ['http://cdn.example.com/a.png', /https URL or a data URL/],
      ['javascript:alert(1)', /https URL or a data URL/],
      [`data:image/png;base64,${Buffer.from('GIF89a not a png').toString('base64')}`, /not a PNG/],
      [`data:text/html;base64,${Buffer.from('<script>').toString('base64')}`, /image\/png or image\/svg/],
      [svg('<script>alert(1)</script>'), /may not contain scripts/],
      [svg('<rect onload="alert(1)"/>'), /may not contain scripts/],
      [svg('<image href="https://tracker.example.com/p.gif"/>'), /may not contain scripts/],
      [`data:image/png;base64,${'A'.repeat(70_000)}`, /at most 64,000 characters/],
    ];
    for (const [image, message] of hostile) {
      const res = await create('bad', image);
      expect(res.__typename, image.slice(0, 40)).toBe('ValidationError');
      expect(res.fieldErrors[0].path).toEqual(['input', 'image']);
      expect(res.fieldErrors[0].message).toMatch(message);
    }
    const rows = await t.app.dataSource.query(`SELECT COUNT(*) AS n FROM badges WHERE code = 'bad'`);
    expect(Number(rows[0].n)).toBe(0);
    expect((await create('png', PNG)).__typename).toBe('ConflictError');
  });

  it('refuses hostile challenges with field errors and creates nothing', async () => {
    const create = async (input: Record<string, unknown>) => t.gql(CREATE_CHALLENGE, { input: { code: 'hostile', name: 'Hostile', metric: 'PURCHASE_COUNT', period: 'MONTH', goal: 5, ...input } }, { token: admin });
    const fieldError = async (input: Record<string, unknown>) => (await create(input)).body.data.createChallenge.fieldErrors?.[0];
    expect(await fieldError({ goal: 0 })).toMatchObject({ path: ['input', 'goal'], message: 'must be at least 1' });
    expect(await fieldError({ goal: -3 })).toMatchObject({ path: ['input', 'goal'] });
    expect(await fieldError({ goal: 2_000_000_000 })).toMatchObject({ path: ['input', 'goal'], message: expect.stringMatching(/at most/) });
    expect(await fieldError({ code: 'Drop Table' })).toMatchObject({ path: ['input', 'code'] });
    expect(await fieldError({ metric: 'CUSTOM_EVENT' })).toMatchObject({ path: ['input', 'eventName'] });
    expect(await fieldError({ metric: 'QUIZ_PASSED' })).toMatchObject({ path: ['input', 'minScore'] });
    expect(await fieldError({ period: 'ROLLING' })).toMatchObject({ path: ['input', 'rollingDays'] });
    expect(await fieldError({ period: 'ROLLING', rollingDays: 100_000 })).toMatchObject({ path: ['input', 'rollingDays'] });
    expect(await fieldError({ period: 'FIXED', startsAt: '2026-02-01T00:00:00Z', endsAt: '2026-01-01T00:00:00Z' })).toMatchObject({ path: ['input', 'endsAt'] });
    expect(await fieldError({ name: 'x'.repeat(201) })).toMatchObject({ path: ['input', 'name'] });
    expect(await fieldError({ badgeId: Buffer.from('Badge:999999').toString('base64') })).toMatchObject({ path: ['input', 'badgeId'] });
    // Beyond GraphQL's Int and an unknown metric never reach the service.
    expect((await create({ goal: 2 ** 40 })).body.errors?.[0]).toBeDefined();
    expect((await create({ metric: 'TELEPORTS' })).body.errors?.[0].message).toMatch(/TELEPORTS/);
    const rows = await t.app.dataSource.query(`SELECT COUNT(*) AS n FROM challenges WHERE code = 'hostile'`);
    expect(Number(rows[0].n)).toBe(0);
  });

  it('lets staff grant a badge once and revoke it', async () => {
    const badge = await g.badge('staff-pick');
    const m = await newMember(t, pos);
    const GRANT = `mutation($m: ID!, $b: ID!) { grantBadge(memberId: $m, badgeId: $b) { __typename ... on MemberBadge { source badge { code } } ... on Error { message } } }`;
    const REVOKE = `mutation($m: ID!, $b: ID!) { revokeBadge(memberId: $m, badgeId: $b) { __typename ... on BadgeRevoked { revoked } } }`;
    expect((await t.gql(GRANT, { m: m.id, b: badge.id }, { token: admin })).body.data.grantBadge).toEqual({ __typename: 'MemberBadge', source: 'STAFF', badge: { code: 'staff-pick' } });
    expect((await t.gql(GRANT, { m: m.id, b: badge.id }, { token: admin })).body.data.grantBadge.__typename).toBe('ConflictError');
    // Someone else's id in place of the badge's.
    expect((await t.gql(GRANT, { m: m.id, b: m.id }, { token: admin })).body.data.grantBadge.__typename).toBe('ValidationError');
    expect((await t.gql(REVOKE, { m: m.id, b: badge.id }, { token: admin })).body.data.revokeBadge).toEqual({ __typename: 'BadgeRevoked', revoked: true });
    expect((await t.gql(REVOKE, { m: m.id, b: badge.id }, { token: admin })).body.data.revokeBadge.__typename).toBe('NotFoundError');
    expect(await g.badgeCount(m.dbId)).toBe(0);
  });

  it('ranks members with private display names and shows a member their own rank outside the top', async () => {
    await g.challenge({ code: 'lb-visits', metric: 'PURCHASE_COUNT', goal: 100, period: 'MONTH' });
    const anna = await signUp(`anna-${Date.now()}@example.com`, 'Анна Иванова');
    const boris = await signUp(`boris-${Date.now()}@example.com`, 'Борис Петров-Водкин');
    const vera = await signUp(`vera-${Date.now()}@example.com`, 'вера');
    await g.badge('lb-star');
    await t.gql(`mutation($m: ID!, $b: ID!) { grantBadge(memberId: $m, badgeId: $b) { __typename } }`, { m: anna.id, b: (await t.gql(`{ badges { id code } }`, {}, { token: admin })).body.data.badges.find((b: { code: string }) => b.code === 'lb-star').id }, { token: admin });
    for (let i = 0; i < 3; i++) await g.buy(anna.id, 10_000);
    for (let i = 0; i < 2; i++) await g.buy(boris.id, 10_000);
    await g.buy(vera.id, 10_000);

    const top2 = (await t.gql(LEADERBOARD, { metric: 'CHALLENGE', challenge: 'lb-visits', first: 2 }, { token: vera.token })).body.data.leaderboard;
    expect(top2.entries).toEqual([
      { rank: 1, displayName: 'Анна И.', score: 3, badgeCount: 1, tierCode: null, isMe: false },
      { rank: 2, displayName: 'Борис П.', score: 2, badgeCount: 0, tierCode: null, isMe: false },
    ]);
    expect(top2.me).toEqual({ rank: 3, displayName: 'вера', score: 1, isMe: true });

    const purchases = (await t.gql(LEADERBOARD, { metric: 'PURCHASE_COUNT', period: 'ALL', first: 100 }, { token: anna.token })).body.data.leaderboard;
    expect(purchases.entries[0]).toMatchObject({ rank: 1, displayName: 'Анна И.', isMe: true });
    expect(JSON.stringify(purchases)).not.toMatch(/Иванова|@example/);
    const points = (await t.gql(LEADERBOARD, { metric: 'POINTS_EARNED', period: 'WEEK', first: 1 }, { token: boris.token })).body.data.leaderboard;
    expect(points.entries).toHaveLength(1);
    expect(points.me).toMatchObject({ isMe: true });

    expect((await t.gql(LEADERBOARD, { metric: 'CHALLENGE', challenge: 'no-such' }, { token: anna.token })).body.data.leaderboard.__typename).toBe('NotFoundError');
    expect((await t.gql(LEADERBOARD, { metric: 'CHALLENGE' }, { token: anna.token })).body.data.leaderboard.__typename).toBe('ValidationError');
    expect((await t.gql(LEADERBOARD, { metric: 'PURCHASE_COUNT', first: 100_000 }, { token: anna.token })).body.errors?.[0]).toBeDefined();
  });

  it("shows members the active challenges with their own progress, and never another member's", async () => {
    await g.challenge({ code: 'draft-one', metric: 'PURCHASE_COUNT', goal: 2, status: 'DRAFT' });
    await g.challenge({ code: 'mine', metric: 'PURCHASE_COUNT', goal: 4 });
    const me = await signUp(`me-${Date.now()}@example.com`, 'Мария С');
    const other = await signUp(`other-${Date.now()}@example.com`, 'Олег К');
    await g.buy(me.id, 1_000);
    await g.buy(other.id, 1_000);
    await g.buy(other.id, 1_000);
    const list = (await t.gql(`{ challenges { code myProgress { progress goal } } }`, {}, { token: me.token })).body.data.challenges;
    expect(list.map((c: { code: string }) => c.code)).not.toContain('draft-one');
    expect(list.find((c: { code: string }) => c.code === 'mine').myProgress).toEqual({ progress: 1, goal: 4 });
    const mine = await t.gql(`query($id: ID!) { member(id: $id) { challengeProgress { progress } badges { awardedAt } } }`, { id: me.id }, { token: me.token });
    expect(mine.body.data.member.challengeProgress.length).toBeGreaterThan(0);
    const theirs = await t.gql(`query($id: ID!) { member(id: $id) { challengeProgress { progress } badges { awardedAt } } }`, { id: other.id }, { token: me.token });
    expect(theirs.body.data?.member ?? null).toBeNull();
    expect(theirs.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const node = await t.gql(`query($id: ID!) { node(id: $id) { ... on Member { challengeProgress { progress } } } }`, { id: other.id }, { token: me.token });
    expect(node.body.data?.node ?? null).toBeNull();
  });

  it('moves any number of matching challenges with a bounded number of statements per event', async () => {
    const m = await newMember(t, pos);
    const count = async () => {
      const stats = { statements: 0 };
      await withQueryStats(stats, () => fire(m.dbId, { type: 'custom', name: 'scan', occurredAt: new Date().toISOString() }));
      return stats.statements;
    };
    await g.challenge({ code: 'scan-0', metric: 'CUSTOM_EVENT', eventName: 'scan', goal: 1_000 });
    await count();
    const one = await count();
    for (let i = 1; i <= 8; i++) await g.challenge({ code: `scan-${i}`, metric: 'CUSTOM_EVENT', eventName: 'scan', goal: 1_000, period: i % 2 ? 'ROLLING' : 'WEEK', rollingDays: 7 });
    await count();
    expect(await count()).toBeLessThanOrEqual(one + 1);
    expect((await g.progress(m.dbId, 'scan-0'))[0].progress).toBe(4);
  });

  it('completes once when concurrent events race past the goal', async () => {
    await g.badge('racer');
    const badges = (await t.gql(`{ badges { id code } }`, {}, { token: admin })).body.data.badges;
    await g.challenge({ code: 'race', metric: 'CUSTOM_EVENT', eventName: 'race', goal: 3, badgeId: badges.find((b: { code: string }) => b.code === 'racer').id });
    const campaign = await g.campaign('Race prize', { kind: 'trigger.challengeCompleted', params: { challenge: 'race' } }, { kind: 'action.awardPoints', params: { amount: 50 } });
    try {
      const m = await newMember(t, pos);
      // Separate transactions, no account lock between them: only the guarded update decides.
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => fire(m.dbId, { type: 'custom', name: 'race', occurredAt: new Date().toISOString() })));
      expect(results.filter((r) => r.status === 'fulfilled').length, JSON.stringify(results.find((r) => r.status === 'rejected'))).toBeGreaterThanOrEqual(3);
      expect(await g.progress(m.dbId, 'race')).toEqual([expect.objectContaining({ progress: 3, completed: true })]);
      expect(await g.badgeCount(m.dbId, 'racer')).toBe(1);
      expect(await g.campaignPoints(m.dbId, campaign)).toBe(50);
    } finally {
      await g.pause(campaign);
    }
  });

  it('reads badges and challenge progress of a page of members with the same statements for 2 rows as for 8', async () => {
    const query = `query($n: Int!) { members(first: $n) { edges { node { id badges { source badge { code } } challengeProgress { progress challenge { code } } } } } }`;
    const two = await t.gql(query, { n: 2 }, { token: admin });
    const eight = await t.gql(query, { n: 8 }, { token: admin });
    expect(eight.body.errors).toBeUndefined();
    expect(eight.body.data.members.edges).toHaveLength(8);
    expect(eight.body.data.members.edges.some((e: { node: { challengeProgress: unknown[] } }) => e.node.challengeProgress.length > 0)).toBe(true);
    expect(eight.statements).toBe(two.statements);
  });
});
