import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onStatement } from '../src/db/query-stats';
import { Member } from '../src/members/member.entity';
import { Program } from '../src/programs/program.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { loyaltySetup, newMember, RECORD_PURCHASE, REDEEM } from './loyalty-harness';

const DAY = 86_400_000;
const QUERY = `query($from: DateTime!, $to: DateTime!, $margin: Int) { analytics(from: $from, to: $to, grossMarginPercent: $margin) {
  __typename ... on ValidationError { fieldErrors { path message } }
  ... on ProgramAnalytics {
    members { total { value previous change } new { value previous } active { value previous } }
    points { issued { value previous } redeemed { value previous } expired { value previous } redemptionRate { value previous } }
    liability { availablePoints pendingPoints points moneyMinor breakageRate expectedBreakageMinor }
    memberComparison { members { purchases revenueMinor averageCheckMinor purchasesPerCustomer } nonMembers { purchases revenueMinor averageCheckMinor purchasesPerCustomer } }
    enrolmentEffect { members before { purchases averageCheckMinor purchasesPerMonth } after { purchases averageCheckMinor purchasesPerMonth } }
    retention { churnRate monthlyChurnRate monthlyRevenuePerMemberMinor cltvMinor }
    cohorts { cohort size retention }
    tiers { distribution { tier name members } upgrades downgrades }
  } } }`;

/**
 * A small program whose every figure is worked out by hand below. The range is the 30 days
 * up to T; the previous range the 30 days before. Prices in roubles; 1 point per rouble;
 * a point is worth 1 rouble (100 kopecks).
 *   A joined T−100: buys 1 000 at T−45 (previous), 2 000 at T−10; redeems 300 points now.
 *   B joined T−50: buys 500 at T−40 with points that expire after 35 days (at T−5).
 *   C joined T−20: bought 400 at T−70 before joining (imported), buys 3 000 at T−5 and 1 000 at T−3.
 *   D joined T−5: no purchase. Guests buy 800 at T−15, 1 200 at T−12, 600 at T−35.
 *   Tiers: basic from 0, silver from 2 500 roubles of spend.
 */
describe(`analytics on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  const T = new Date(Date.now() + 60_000);
  const ago = (days: number) => new Date(T.getTime() - days * DAY);
  const joined: Record<string, Date> = {};

  beforeAll(async () => {
    t = await createTestApp();
    let pos: string;
    ({ admin, pos } = await loyaltySetup(t));
    const em = t.app.dataSource.manager;
    const program = await em.findOneByOrFail(Program, { isDefault: true });
    await t.app.services.programs.saveTier(em, program.id, { code: 'basic', name: 'Basic', rank: 0 });
    await t.app.services.programs.saveTier(em, program.id, { code: 'silver', name: 'Silver', rank: 1, threshold: 2500_00 });
    const people: Record<string, Awaited<ReturnType<typeof newMember>>> = {};
    for (const [name, days] of [['A', 100], ['B', 50], ['C', 20], ['D', 5]] as const) {
      people[name] = await newMember(t, pos);
      joined[name] = ago(days);
      await em.update(Member, people[name].dbId, { createdAt: joined[name] });
    }
    let n = 0;
    const buy = async (who: string | null, days: number, roubles: number) => {
      const input = { externalId: `AN-${++n}`, totalMinor: roubles * 100, currency: 'RUB', channel: 'STORE', occurredAt: ago(days).toISOString(), ...(who ? { memberExternalId: people[who].externalId } : {}) };
      const res = await t.gql(RECORD_PURCHASE, { input }, { token: pos });
      expect(res.body.data.recordPurchase.__typename).toBe('PurchaseRecorded');
    };
    await buy('A', 45, 1000);
    await buy('A', 10, 2000);
    await em.update(Program, program.id, { expiryPolicy: 'days', expiryDays: 35 });
    await buy('B', 40, 500);
    await em.update(Program, program.id, { expiryPolicy: 'never', expiryDays: 0 });
    await buy('C', 70, 400);
    await buy('C', 5, 3000);
    await buy('C', 3, 1000);
    await buy(null, 15, 800);
    await buy(null, 12, 1200);
    await buy(null, 35, 600);
    const redeemed = await t.gql(REDEEM, { input: { externalId: 'AN-R1', memberId: people.A.id, points: 300 } }, { token: pos });
    expect(redeemed.body.data.redeemPoints.__typename).toBe('PointsRedeemed');
    await t.app.services.maintenance.run(t.app.dataSource, new Date());
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers every figure as worked out by hand', async () => {
    const res = await t.gql(QUERY, { from: ago(30).toISOString(), to: T.toISOString(), margin: 40 }, { token: admin });
    expect(res.body.errors).toBeUndefined();
    const a = res.body.data.analytics;
    expect(a.members).toEqual({ total: { value: 4, previous: 2, change: 1 }, new: { value: 2, previous: 1 }, active: { value: 2, previous: 2 } });
    // Issued: A 2 000 + C 3 000 + C 1 000 now; A 1 000 + B 500 before. Redeemed 300 now; B's 500 expired now.
    expect(a.points).toEqual({ issued: { value: 6000, previous: 1500 }, redeemed: { value: 300, previous: 0 }, expired: { value: 500, previous: 0 }, redemptionRate: { value: 0.05, previous: 0 } });
    // Owed: 7 900 earned − 300 redeemed − 500 expired = 7 100 points = 710 000 kopecks; breakage 500 ÷ (500 + 300).
    expect(a.liability).toEqual({ availablePoints: 7100, pendingPoints: 0, points: 7100, moneyMinor: 710_000, breakageRate: 0.625, expectedBreakageMinor: 443_750 });

    // Owed at T−20 (read from today's balances less what moved since): A 1 000 + B 500 + C 400.
    const past = await t.gql(QUERY, { from: ago(50).toISOString(), to: ago(20).toISOString(), margin: 40 }, { token: admin });
    expect(past.body.errors).toBeUndefined();
    expect(past.body.data.analytics.liability).toMatchObject({ availablePoints: 1900, pendingPoints: 0, points: 1900, moneyMinor: 190_000 });
    // Members: A 2 000, C 3 000 + 1 000 by 2 customers; guests 800 + 1 200 (T−35 is outside).
    expect(a.memberComparison).toEqual({
      members: { purchases: 3, revenueMinor: 600_000, averageCheckMinor: 200_000, purchasesPerCustomer: 1.5 },
      nonMembers: { purchases: 2, revenueMinor: 200_000, averageCheckMinor: 100_000, purchasesPerCustomer: null },
    });
    // Only C bought before joining: 400 over the 50 days from T−70 to joining at T−20 (1⅔ months);
    // after: 3 000 and 1 000 in the 20 days since (counted as one month).
    expect(a.enrolmentEffect.members).toBe(1);
    expect(a.enrolmentEffect.before).toEqual({ purchases: 1, averageCheckMinor: 40_000, purchasesPerMonth: expect.closeTo(0.6, 6) });
    expect(a.enrolmentEffect.after).toEqual({ purchases: 2, averageCheckMinor: 200_000, purchasesPerMonth: 2 });
    // Bought before: A, B; now: A, C. B lapsed: churn ½ over 30 days. Revenue per buyer 600 000 ÷ 2; × 40 % ÷ ½.
    expect(a.retention).toEqual({ churnRate: 0.5, monthlyChurnRate: 0.5, monthlyRevenuePerMemberMinor: 300_000, cltvMinor: 240_000 });
    // A and C reached silver (from basic) in the range; B is basic; D has no account.
    expect(a.tiers).toEqual({ distribution: [{ tier: 'basic', name: 'Basic', members: 1 }, { tier: 'silver', name: 'Silver', members: 2 }], upgrades: 2, downgrades: 0 });
  });

  it('reads the purchases of both ranges once, and the accounts once, for every figure that needs them', async () => {
    const seen: string[] = [];
    const off = onStatement((sql) => seen.push(sql.replace(/\s+/g, ' ')));
    try {
      const res = await t.gql(QUERY, { from: ago(30).toISOString(), to: T.toISOString() }, { token: admin });
      expect(res.body.errors).toBeUndefined();
    } finally {
      off();
    }
    // Active members (both ranges), churn, revenue per buyer and members against guests were
    // five reads of the same purchases; the members per tier and the points owed, two of the accounts.
    expect(seen.filter((sql) => /\bFROM purchases\b/.test(sql))).toHaveLength(1);
    expect(seen.filter((sql) => /\bFROM loyalty_accounts WHERE programId\b/.test(sql))).toHaveLength(1);
  });

  it('builds monthly join cohorts with retention by month after joining', async () => {
    const res = await t.gql(QUERY, { from: ago(30).toISOString(), to: T.toISOString() }, { token: admin });
    const month = (d: Date) => d.toISOString().slice(0, 7);
    const monthsBetween = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5));
    // C (joined T−20, bought T−5 and T−3) and D (joined T−5, no purchase).
    const expected = new Map<string, { size: number; retention: number[] }>();
    for (const who of ['C', 'D']) {
      const cohort = month(joined[who]);
      const entry = expected.get(cohort) ?? { size: 0, retention: Array.from({ length: monthsBetween(cohort, month(T)) + 1 }, () => 0) };
      entry.size += 1;
      expected.set(cohort, entry);
    }
    const cBought = new Set([month(ago(5)), month(ago(3))]);
    const cCohort = expected.get(month(joined.C))!;
    for (const m of cBought) cCohort.retention[monthsBetween(month(joined.C), m)] += 1;
    for (const entry of expected.values()) entry.retention = entry.retention.map((x) => x / entry.size);
    expect(res.body.data.analytics.cohorts).toEqual([...expected.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([cohort, e]) => ({ cohort, ...e })));
  });

  it('refuses an empty, reversed or oversized range; analysts may read, members may not', async () => {
    const ask = (from: Date, to: Date, token = admin) => t.gql(QUERY, { from: from.toISOString(), to: to.toISOString() }, { token });
    expect((await ask(T, ago(1))).body.data.analytics.fieldErrors[0].path).toEqual(['to']);
    expect((await ask(ago(2000), T)).body.data.analytics.fieldErrors[0].message).toMatch(/at most/);
    const bad = await t.gql(QUERY, { from: ago(30).toISOString(), to: T.toISOString(), margin: 0 }, { token: admin });
    expect(bad.body.errors?.[0].message).toMatch(/grossMarginPercent/);
    await t.gql(`mutation { createStaffUser(input: { email: "analyst@test.local", name: "Analyst", role: ANALYST, password: "analyst-password-1" }) { __typename } }`, {}, { token: admin });
    const analyst = await t.signInStaff('analyst@test.local', 'analyst-password-1');
    expect((await ask(ago(30), T, analyst)).body.data.analytics.__typename).toBe('ProgramAnalytics');
    const anonymous = await t.gql(QUERY, { from: ago(30).toISOString(), to: T.toISOString() });
    expect(anonymous.body.errors?.[0].extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });
});
