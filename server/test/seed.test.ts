import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MARKETER, DEMO_MEMBER, DEMO_MEMBER_COUNT, seedDemo, type SeedReport } from '../src/seed/demo';
import { DEMO_MODERATOR } from '../src/seed/community';
import { createTestApp, dialect, type TestApp } from './harness';

// The seed writes a few thousand transactions: SQLite proves it; the MySQL run skips it for time.
describe.skipIf(dialect !== 'sqlite')('demo seed', () => {
  let t: TestApp;
  let report: SeedReport;

  beforeAll(async () => {
    t = await createTestApp();
    report = await seedDemo(t.app.dataSource, t.app.services);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it('creates a year of a coffee chain: members, purchases of members and guests, refunds', async () => {
    expect(report.members).toBe(DEMO_MEMBER_COUNT);
    expect(report.purchases).toBeGreaterThan(1000);
    expect(report.refunds).toBeGreaterThan(10);
    const [{ guests }] = await t.app.dataSource.query(`SELECT COUNT(*) AS guests FROM purchases WHERE memberId IS NULL`);
    expect(Number(guests)).toBe(300);
  });

  it('gives every member a different name whose surname agrees with the first name', async () => {
    const rows: { name: string }[] = await t.app.dataSource.query(`SELECT name FROM members WHERE externalId LIKE 'CRM-1%'`);
    const names = rows.map((row) => row.name);
    expect(names).toHaveLength(DEMO_MEMBER_COUNT);
    expect(new Set(names).size).toBe(names.length);
    const women = ['Анна', 'Мария', 'Елена', 'Ольга', 'Наталья'];
    const men = ['Иван', 'Дмитрий', 'Сергей', 'Алексей', 'Павел'];
    for (const name of names) {
      const [first, last] = name.split(' ');
      if (women.includes(first) && /[оеё]в$/.test(last)) throw new Error(`a woman with a man's surname: ${name}`);
      if (men.includes(first) && /[оеё]ва$/.test(last)) throw new Error(`a man with a woman's surname: ${name}`);
    }
    expect(names).toContain('Мария Петрова');
    expect(names).toContain('Иван Петров');
  });

  it('spreads members over every tier and has expired points', async () => {
    const tiers: { code: string; n: number }[] = await t.app.dataSource.query(
      `SELECT t.code AS code, COUNT(*) AS n FROM loyalty_accounts a JOIN tiers t ON t.id = a.tierId GROUP BY t.code`,
    );
    expect(tiers.map((row) => row.code).sort()).toEqual(['basic', 'gold', 'silver']);
    const [{ expired }] = await t.app.dataSource.query(`SELECT COUNT(*) AS expired FROM ledger_entries WHERE kind = 'expire'`);
    expect(Number(expired)).toBeGreaterThan(0);
  });

  it('leaves every account consistent with its entries and lots', async () => {
    const [{ broken }] = await t.app.dataSource.query(`
      SELECT COUNT(*) AS broken FROM loyalty_accounts a
      WHERE a.available != (SELECT COALESCE(SUM(remaining), 0) FROM point_lots l WHERE l.accountId = a.id AND l.state = 'available')
         OR a.pending != (SELECT COALESCE(SUM(remaining), 0) FROM point_lots l WHERE l.accountId = a.id AND l.state = 'pending')
         OR a.available != (SELECT COALESCE(SUM(availableChange), 0) FROM ledger_entries e WHERE e.accountId = a.id)
         OR a.debt != (SELECT COALESCE(SUM(debtChange), 0) FROM ledger_entries e WHERE e.accountId = a.id)`);
    expect(Number(broken)).toBe(0);
  });

  it('runs an A/B campaign on the seeded purchases, exposing members to both variants', async () => {
    const variants: { variant: string; n: number }[] = await t.app.dataSource.query(`SELECT variant, COUNT(*) AS n FROM experiment_exposures GROUP BY variant ORDER BY variant`);
    expect(variants.map((v) => v.variant)).toEqual(['double', 'flat']);
    for (const v of variants) expect(Number(v.n)).toBeGreaterThan(20);
    const [{ points }] = await t.app.dataSource.query(`SELECT SUM(availableChange + pendingChange) AS points FROM ledger_entries WHERE source = 'campaign'`);
    expect(Number(points)).toBeGreaterThan(0);
  });

  it("shows the A/B campaign's per-variant results with intervals through the API", async () => {
    const token = await t.signInStaff(DEMO_MARKETER.email, DEMO_MARKETER.password);
    const list = await t.gql(`{ campaigns(first: 10) { edges { node { id name } } } }`, {}, { token });
    const ab = list.body.data.campaigns.edges.find((e: { node: { name: string } }) => e.node.name.startsWith('Двойные баллы')).node;
    const res = await t.gql(
      `query($id: ID!) { campaign(id: $id) { experiments(minSample: 20) { control variants { key exposed comparisons { metric ciLow ciHigh pValue } } sampleRatio { mismatch } verdict { status message(locale: "ru") } } } }`,
      { id: ab.id },
      { token },
    );
    expect(res.body.errors).toBeUndefined();
    const [experiment] = res.body.data.campaign.experiments;
    expect(experiment.control).toBe('double');
    expect(experiment.variants.map((v: { key: string }) => v.key)).toEqual(['double', 'flat']);
    const revenue = experiment.variants[1].comparisons.find((c: { metric: string }) => c.metric === 'REVENUE_PER_MEMBER');
    expect(revenue.ciLow).toBeLessThan(revenue.ciHigh);
    expect(revenue.pValue).toBeGreaterThanOrEqual(0);
    expect(experiment.sampleRatio.mismatch).toBe(false);
    expect(experiment.verdict.message.length).toBeGreaterThan(20);
  });

  it('greets the seeded members on their birthday through the scheduled birthday campaign', async () => {
    const [{ birthday }] = await t.app.dataSource.query(`SELECT birthday FROM members WHERE birthday IS NOT NULL ORDER BY id LIMIT 1`);
    const [month, day] = String(birthday).slice(5).split('-').map(Number);
    // 10:00 in Moscow on the member's next birthday.
    let year = new Date().getUTCFullYear();
    if (Date.UTC(year, month - 1, day, 7) < Date.now()) year += 1;
    const at = new Date(Date.UTC(year, month - 1, day, 7));
    expect(await t.app.planTriggers(at)).toBeGreaterThan(0);
    for (let round = 0; round < 10 && (await t.app.runJobs(at)) > 0; round++);
    const greeted: { n: number | string; md: number | string }[] = await t.app.dataSource.query(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT m.birthdayMonthDay) AS md FROM ledger_entries e JOIN members m ON m.id = e.memberId WHERE e.source = 'campaign' AND e.reason = 'Подарок ко дню рождения' AND e.availableChange = 500`,
    );
    const [{ sameDay }] = await t.app.dataSource.query(`SELECT COUNT(*) AS sameDay FROM members WHERE birthdayMonthDay = ? AND status = 'active'`, [String(birthday).slice(5)]);
    expect(Number(greeted[0].n)).toBe(Number(sameDay));
    expect(Number(greeted[0].md)).toBe(1);
  });

  it('has members who spent points, so the redemption rate and breakage mean something', async () => {
    expect(report.redemptions).toBeGreaterThan(20);
    const [{ spent }] = await t.app.dataSource.query(`SELECT -SUM(availableChange) AS spent FROM ledger_entries WHERE kind = 'redeem'`);
    expect(Number(spent)).toBeGreaterThan(1000);
  });

  it('has the standard segments, materialized on the seeded history', async () => {
    expect(report.segments).toBe(6);
    const rows: { code: string; memberCount: number }[] = await t.app.dataSource.query(`SELECT code, memberCount FROM segments ORDER BY code`);
    expect(rows.map((r) => r.code)).toEqual(['active', 'at-risk', 'big-orders', 'churned', 'loyal', 'new']);
    const count = (code: string) => Number(rows.find((r) => r.code === code)!.memberCount);
    expect(count('active')).toBeGreaterThan(50);
    expect(count('loyal')).toBeGreaterThan(5);
    // Active, at risk and churned do not overlap.
    expect(count('active') + count('at-risk') + count('churned')).toBeLessThanOrEqual(200);
  });

  it('has a forum: a pinned welcome, an answered advice thread that paid its helper, a flagged post for the moderator', async () => {
    const em = t.app.dataSource.manager;
    const moderator = await t.signInStaff(DEMO_MODERATOR.email, DEMO_MODERATOR.password);
    const categories = await t.gql(`{ communityCategories { slug postPolicy topicCount } }`, {}, { token: moderator });
    expect(categories.body.data.communityCategories.map((c: { slug: string }) => c.slug)).toEqual(['news', 'general', 'advice', 'gold-lounge']);
    const latest = await t.gql(`{ communityTopics(first: 20, order: LATEST) { edges { node { title pinned replyCount acceptedAnswer { postNumber } } } } }`, {}, { token: moderator });
    const titles = latest.body.data.communityTopics.edges.map((e: { node: { title: string } }) => e.node.title);
    expect(titles).toEqual(expect.arrayContaining(['Добро пожаловать в сообщество клуба!', 'Как заваривать в аэропрессе дома?', 'Любимый сезонный напиток?']));
    const advice = latest.body.data.communityTopics.edges.find((e: { node: { title: string } }) => e.node.title.startsWith('Как заваривать')).node;
    expect(advice).toMatchObject({ replyCount: 3, acceptedAnswer: { postNumber: 2 } });
    const queue = await t.gql(`{ communityReviewQueue { post { html } flags { reason } } }`, {}, { token: moderator });
    expect(queue.body.data.communityReviewQueue).toHaveLength(1);
    const [paid] = await em.query(`SELECT COUNT(*) AS n FROM ledger_entries e INNER JOIN campaigns c ON c.id = e.campaignId WHERE c.name = 'Баллы за полезный ответ'`);
    expect(Number(paid.n)).toBe(1);
    const [firstPosts] = await em.query(`SELECT COUNT(*) AS n FROM ledger_entries e INNER JOIN campaigns c ON c.id = e.campaignId WHERE c.name = 'Баллы за первый пост'`);
    expect(Number(firstPosts.n)).toBe(Number((await em.query(`SELECT COUNT(DISTINCT authorMemberId) AS n FROM community_posts`))[0].n));
  });

  it('lets the demo member sign in and see a balance', async () => {
    const res = await t.gql(`mutation($input: SignInInput!) { memberSignIn(input: $input) { ... on MemberSession { token } } }`, { input: DEMO_MEMBER });
    const token = res.body.data.memberSignIn.token;
    const me = await t.gql(`{ viewer { ... on Member { name account { available tier { code } } } } }`, {}, { token });
    expect(me.body.data.viewer.name).toBe('Анна Иванова');
    expect(me.body.data.viewer.account.available).toBeGreaterThan(0);
  });
});
