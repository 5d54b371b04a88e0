import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/transaction';
import { currentQueryStats, onStatement, withQueryStats } from '../src/db/query-stats';
import { InsufficientPointsError } from '../src/errors';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { PointLot } from '../src/ledger/point-lot.entity';
import type { Program } from '../src/programs/program.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { expectLedgerInvariants } from './loyalty-harness';

const DAY = 86_400_000;
// Not the first of a month: no tier review joins the run.
const NOW = new Date('2026-03-15T12:00:00Z');
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

/**
 * The daily expiry settles accounts a batch per transaction: the statements of a run do
 * not grow with the number of accounts, every account ends with the entries and lots it
 * had one at a time, and purchases and redemptions running at the same time stay correct.
 */
describe(`expiry in batches on ${dialect}`, () => {
  let t: TestApp;
  let program: Program;
  let run = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const em = t.app.dataSource.manager;
    await t.app.services.programs.create(em, { code: 'main', name: 'Main', isDefault: true });
    program = await t.app.services.programs.create(em, { code: 'batch', name: 'Batch', expiryPolicy: 'days', expiryDays: 30 });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A member whose account holds the lots given: points, when spendable, when they expire. */
  async function memberWith(lots: { points: number; availableAt: Date; expiresAt: Date | null; purchaseId?: number }[], when = NOW) {
    const { services, dataSource } = t.app;
    const { member } = await services.members.create(dataSource.manager, { externalId: `B-${++run}-${Date.now()}` });
    const account = await services.ledger.openAccount(dataSource.manager, member.id, program.id);
    for (const lot of lots) {
      await inTransaction(dataSource, (em) => services.ledger.earn(em, account.id, 'earn', { source: 'purchase', ...lot }, new Date(Math.min(when.getTime(), lot.availableAt.getTime()))));
    }
    return { memberId: member.id, accountId: account.id };
  }

  async function statementsOfRun(now: Date) {
    const stats = { statements: 0 };
    // A pooled MySQL connection's first transaction sets its isolation level once: not the run's work.
    let setup = 0;
    const off = onStatement((sql) => {
      if (currentQueryStats() === stats && /^SET SESSION/i.test(sql)) setup += 1;
    });
    try {
      const report = await withQueryStats(stats, () => t.app.services.maintenance.run(t.app.dataSource, now));
      return { report, statements: stats.statements - setup };
    } finally {
      off();
    }
  }

  it('settles 40 accounts in as many statements as 4', async () => {
    const due = () => memberWith([{ points: 100, availableAt: at(-40), expiresAt: at(-1) }, { points: 50, availableAt: at(-1), expiresAt: at(20) }]);
    for (let i = 0; i < 4; i++) await due();
    const few = await statementsOfRun(NOW);
    expect(few.report.accounts).toBe(4);
    expect(few.report.expiredPoints).toBe(400);
    const many = [];
    for (let i = 0; i < 40; i++) many.push(await due());
    const more = await statementsOfRun(NOW);
    expect(more.report.accounts).toBe(40);
    expect(more.report.expiredPoints).toBe(4000);
    // One account per transaction cost nine statements each (start, lock, two lot reads, lot
    // updates, balance update, entry, commit): 363 for these 40 on SQLite, against 39 for 4.
    expect(more.statements).toBe(few.statements);
    for (const m of many) await expectLedgerInvariants(t, m.memberId);
  });

  it('releases, expires and closes each lot as one account at a time did, and writes the same entries', async () => {
    const em = t.app.dataSource.manager;
    // Expired; released; released and already past its date; released after a refund emptied it; untouched.
    const a = await memberWith([{ points: 100, availableAt: at(-40), expiresAt: at(-1) }, { points: 30, availableAt: at(-1), expiresAt: at(29) }]);
    const b = await memberWith([{ points: 70, availableAt: at(-1), expiresAt: at(29) }], at(-20));
    const c = await memberWith([{ points: 40, availableAt: at(-2), expiresAt: at(-1) }, { points: 5, availableAt: at(-1), expiresAt: at(10) }], at(-40));
    const d = await memberWith([{ points: 60, availableAt: at(-1), expiresAt: at(29), purchaseId: 990_001 }], at(-20));
    await inTransaction(t.app.dataSource, (tx) => t.app.services.ledger.reverse(tx, d.accountId, 990_001, 60, { source: 'refund' }, at(-10)));
    const e = await memberWith([{ points: 80, availableAt: at(-10), expiresAt: at(20) }]);

    const report = await t.app.services.maintenance.run(t.app.dataSource, NOW);
    expect(report).toMatchObject({ accounts: 4, expiredPoints: 140, releasedPoints: 115 });

    const entries = async (accountId: number) =>
      (await em.find(LedgerEntry, { where: { accountId }, order: { id: 'ASC' } })).filter((x) => x.kind === 'release' || x.kind === 'expire').map((x) => [x.kind, x.availableChange, x.pendingChange, x.availableAfter, x.pendingAfter]);
    const lots = async (accountId: number) => (await em.find(PointLot, { where: { accountId }, order: { id: 'ASC' } })).map((l) => [l.state, l.remaining]);
    expect(await entries(a.accountId)).toEqual([['expire', -100, 0, 30, 0]]);
    expect(await lots(a.accountId)).toEqual([['closed', 0], ['available', 30]]);
    expect(await entries(b.accountId)).toEqual([['release', 70, -70, 70, 0]]);
    expect(await lots(b.accountId)).toEqual([['available', 70]]);
    expect(await entries(c.accountId)).toEqual([['release', 45, -45, 45, 0], ['expire', -40, 0, 5, 0]]);
    expect(await lots(c.accountId)).toEqual([['closed', 0], ['available', 5]]);
    expect(await entries(d.accountId)).toEqual([]);
    expect(await lots(d.accountId)).toEqual([['closed', 0]]);
    expect(await entries(e.accountId)).toEqual([]);
    for (const m of [a, b, c, d, e]) await expectLedgerInvariants(t, m.memberId);

    // Run again: nothing left to do.
    expect((await t.app.services.maintenance.run(t.app.dataSource, NOW)).accounts).toBe(0);
  });

  it('purchases and redemptions during the run: each due lot expires once and is never spent', async () => {
    const { services, dataSource } = t.app;
    const now = new Date();
    const lots = [
      { points: 100, availableAt: new Date(now.getTime() - 40 * DAY), expiresAt: new Date(now.getTime() - DAY) },
      { points: 50, availableAt: new Date(now.getTime() - DAY), expiresAt: new Date(now.getTime() + 20 * DAY) },
    ];
    const redeeming = [];
    const buying = [];
    for (let i = 0; i < 20; i++) redeeming.push(await memberWith(lots, now));
    for (let i = 0; i < 20; i++) buying.push(await memberWith(lots, now));
    const actor = { kind: 'system', id: null };
    const redeem = (memberId: number, points: number, key: string) =>
      services.checkout.redeem(dataSource, { externalId: key, memberId, programId: program.id, points }, actor).then(
        () => 'spent',
        (error: unknown) => (error instanceof InsufficientPointsError ? 'refused' : Promise.reject(error)),
      );
    const traffic = [
      // 60 would need the points past their date; 50 is what is left without them.
      ...redeeming.flatMap((m, i) => [redeem(m.memberId, 60, `BX-${run}-${i}-60`), redeem(m.memberId, 50, `BX-${run}-${i}-50`)]),
      ...buying.map((m, i) => services.purchases.record(dataSource, { externalId: `BP-${run}-${i}`, memberId: m.memberId, programId: program.id, totalMinor: 200_00, currency: 'RUB', channel: 'store' as const, occurredAt: now }, actor).then(() => 'bought')),
    ];
    const [, ...outcomes] = await Promise.all([services.maintenance.run(dataSource, now), ...traffic]);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(20);
    expect(outcomes.filter((o) => o === 'spent')).toHaveLength(20);

    const em = dataSource.manager;
    for (const m of [...redeeming, ...buying]) {
      // Whoever came first (the run, or a redemption that expires before it spends), once.
      const expired = await em.find(LedgerEntry, { where: { accountId: m.accountId, kind: 'expire' } });
      expect(expired.map((x) => x.availableChange)).toEqual([-100]);
      await expectLedgerInvariants(t, m.memberId);
    }
    for (const m of redeeming) expect((await em.findOneByOrFail(LoyaltyAccount, { id: m.accountId })).available).toBe(0);
    for (const m of buying) {
      const account = await em.findOneByOrFail(LoyaltyAccount, { id: m.accountId });
      // The fresh lot and what the purchase earned (lifetime less the two lots given).
      expect(account.available + account.pending).toBe(50 + account.lifetimePoints - 150);
    }
  });
});
