import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEMBER, seedDemo } from '../src/seed/demo';
import { createTestApp, dialect, type TestApp } from './harness';

// The demo seed writes a few thousand transactions: SQLite proves it, like seed.test.ts.
describe.skipIf(dialect !== 'sqlite')('demo badges and challenges', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.app.dataSource, t.app.services);
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  it('seeds badges and challenges with progress, completions, their badges and the completion gift', async () => {
    const q = async (sql: string) => Number((await t.app.dataSource.query(sql))[0].n);
    expect(await q(`SELECT COUNT(*) AS n FROM badges`)).toBeGreaterThanOrEqual(3);
    expect(await q(`SELECT COUNT(*) AS n FROM challenges WHERE status = 'active'`)).toBe(3);
    expect(await q(`SELECT COUNT(*) AS n FROM challenge_progress p JOIN challenges c ON c.id = p.challengeId WHERE c.code = 'five-in-30' AND p.completedAt IS NULL`)).toBeGreaterThan(0);
    expect(await q(`SELECT COUNT(*) AS n FROM challenge_progress p JOIN challenges c ON c.id = p.challengeId WHERE c.code = 'five-in-30' AND p.completedAt IS NOT NULL`)).toBeGreaterThan(0);
    expect(await q(`SELECT COUNT(*) AS n FROM challenge_progress p JOIN challenges c ON c.id = p.challengeId WHERE c.code = 'first-post' AND p.completedAt IS NOT NULL`)).toBe(
      // Every member who wrote in the seeded forum completed "first post".
      await q(`SELECT COUNT(DISTINCT authorMemberId) AS n FROM community_posts WHERE authorMemberId IS NOT NULL`),
    );
    expect(await q(`SELECT COUNT(DISTINCT authorMemberId) AS n FROM community_posts`)).toBeGreaterThanOrEqual(6);
    expect(await q(`SELECT COUNT(*) AS n FROM member_badges mb JOIN badges b ON b.id = mb.badgeId WHERE b.code = 'coffee-lover'`)).toBeGreaterThan(0);
    // Every completion of the bonus challenge got the 300-point gift, once.
    const bonusDone = await q(`SELECT COUNT(*) AS n FROM challenge_progress p JOIN challenges c ON c.id = p.challengeId WHERE c.code = 'bonus-1000-month' AND p.completedAt IS NOT NULL`);
    const gifts = await q(`SELECT COUNT(*) AS n FROM ledger_entries e JOIN campaigns c ON c.id = e.campaignId WHERE c.name = 'Премиальный подарок за челлендж' AND e.availableChange + e.pendingChange = 300`);
    expect(gifts).toBe(bonusDone);
  });

  it('shows the demo member her challenges, badges and the leaderboard', async () => {
    const signIn = await t.gql(`mutation($input: SignInInput!) { memberSignIn(input: $input) { ... on MemberSession { token } } }`, { input: DEMO_MEMBER });
    const token = signIn.body.data.memberSignIn.token;
    const res = await t.gql(
      `{ challenges { code myProgress { progress goal } } viewer { ... on Member { badges { badge { code } } } }
         leaderboard(metric: PURCHASE_COUNT, period: MONTH, first: 5) { ... on Leaderboard { entries { rank displayName } me { rank } } } }`,
      {},
      { token },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.challenges.map((c: { code: string }) => c.code).sort()).toEqual(['bonus-1000-month', 'first-post', 'five-in-30']);
    expect(res.body.data.viewer.badges.map((b: { badge: { code: string } }) => b.badge.code)).toContain('first-purchase');
    expect(res.body.data.leaderboard.entries.length).toBeGreaterThan(0);
    for (const entry of res.body.data.leaderboard.entries) expect(entry.displayName).toMatch(/^\S+( \S\.)?$/);
  });
});
