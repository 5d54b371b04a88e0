import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onStatement } from '../src/db/query-stats';
import { inTransaction } from '../src/db/transaction';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { PointLot } from '../src/ledger/point-lot.entity';
import type { Program } from '../src/programs/program.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { expectLedgerInvariants, loyaltySetup, newMember, RECORD_PURCHASE, REDEEM, REFUND } from './loyalty-harness';

const DAY = 86_400_000;

/**
 * A regular's account holds hundreds of open lots. A redemption reads them a page at a
 * time (20), in the order they pay, and stops once the lots past their date are all read
 * and the rest cover the points: it used to read every open lot on every redemption.
 */
describe(`spending from an account with many lots on ${dialect}`, () => {
  let t: TestApp;
  let pos: string;
  let program: Program;

  beforeAll(async () => {
    t = await createTestApp();
    ({ pos, program } = await loyaltySetup(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Lots written straight through the ledger, as purchases over the years would leave them. */
  async function lots(memberDbId: number, made: { points: number; expiresAt: Date | null }[]) {
    const { ledger } = t.app.services;
    await inTransaction(t.app.dataSource, async (em) => {
      const account = await ledger.openAccount(em, memberDbId, program.id);
      for (const lot of made) {
        await ledger.earn(em, account.id, 'adjust', { source: 'manual', points: lot.points, availableAt: new Date(Date.now() - 400 * DAY), expiresAt: lot.expiresAt }, new Date(Date.now() - 400 * DAY));
      }
    });
  }

  /** A call over HTTP, counting the reads of point lots it sends. */
  async function counting(query: string, input: Record<string, unknown>) {
    const reads: string[] = [];
    const stop = onStatement((sql) => {
      if (/^\s*SELECT\b/i.test(sql) && /\bFROM\s+[`"]?point_lots\b/i.test(sql)) reads.push(sql);
    });
    try {
      const res = await t.gql(query, { input }, { token: pos });
      const answer = (Object.values(res.body.data ?? {})[0] ?? res.body) as { __typename: string; account: { available: number } };
      return { answer, lotReads: reads.length };
    } finally {
      stop();
    }
  }
  const redeem = (memberId: string, externalId: string, points: number) => counting(REDEEM, { externalId, memberId, points });

  const lotsOf = async (memberDbId: number) => {
    const account = await t.app.dataSource.manager.findOneByOrFail(LoyaltyAccount, { memberId: memberDbId, programId: program.id });
    return t.app.dataSource.manager.find(PointLot, { where: { accountId: account.id }, order: { id: 'ASC' } });
  };

  it('closes every lot past its date, however many pages they fill, and pays from the next ones in order', async () => {
    const m = await newMember(t, pos);
    const past = (i: number) => new Date(Date.now() - (100 - i) * DAY);
    const future = (i: number) => new Date(Date.now() + (10 + i) * DAY);
    // 45 lots past their date (more than two pages), 30 dated ones to come, 5 that never expire.
    await lots(m.dbId, [
      ...Array.from({ length: 45 }, (_, i) => ({ points: 1, expiresAt: past(i) })),
      ...Array.from({ length: 30 }, (_, i) => ({ points: 10, expiresAt: future(i) })),
      ...Array.from({ length: 5 }, () => ({ points: 100, expiresAt: null })),
    ]);
    const before = await lotsOf(m.dbId);
    expect(before).toHaveLength(80);

    // Three pages: 20 and 20 past their date, then 5 more and 15 that pay.
    const first = await redeem(m.id, 'PG-1', 25);
    expect(first.answer.__typename).toBe('PointsRedeemed');
    expect(first.answer.account.available).toBe(45 + 300 + 500 - 45 - 25);
    expect(first.lotReads).toBe(3);
    const afterFirst = await lotsOf(m.dbId);
    expect(afterFirst.slice(0, 45).every((lot) => lot.state === 'closed' && lot.remaining === 0)).toBe(true);
    expect(afterFirst.slice(45, 49).map((lot) => [lot.state, lot.remaining])).toEqual([
      ['closed', 0],
      ['closed', 0],
      ['available', 5],
      ['available', 10],
    ]);
    const expiry = await t.app.dataSource.manager.find(LedgerEntry, { where: { memberId: m.dbId, kind: 'expire' } });
    expect(expiry.map((e) => e.availableChange)).toEqual([-45]);
    await expectLedgerInvariants(t, m.dbId);

    // Nothing past its date any more: a small redemption is one page, whatever the account holds.
    const small = await redeem(m.id, 'PG-2', 5);
    expect(small.answer.__typename).toBe('PointsRedeemed');
    expect(small.lotReads).toBe(1);

    // One that needs more than a page: the dated lots all go, then the never-expiring ones, oldest first.
    const large = await redeem(m.id, 'PG-3', 300);
    expect(large.answer.__typename).toBe('PointsRedeemed');
    expect(large.lotReads).toBe(2);
    const afterLarge = await lotsOf(m.dbId);
    expect(afterLarge.slice(45, 75).every((lot) => lot.state === 'closed' && lot.remaining === 0)).toBe(true);
    expect(afterLarge.slice(75).map((lot) => lot.remaining)).toEqual([70, 100, 100, 100, 100]);
    expect(large.answer.account.available).toBe(470);
    await expectLedgerInvariants(t, m.dbId);
  });

  it('claws a refund back from the rest of the balance a page at a time, in the order the lots pay', async () => {
    const m = await newMember(t, pos);
    const bought = await t.gql(RECORD_PURCHASE, { input: { externalId: 'PG-B', memberId: m.id, totalMinor: 500_00, currency: 'RUB', channel: 'STORE' } }, { token: pos });
    expect(bought.body.data.recordPurchase.pointsEarned).toBe(500);
    await lots(m.dbId, Array.from({ length: 45 }, () => ({ points: 10, expiresAt: null })));
    // 300 of the purchase's own 500 are spent: the refund takes its last 200, then 300 from the other lots.
    expect((await redeem(m.id, 'PG-R', 300)).answer.__typename).toBe('PointsRedeemed');
    const refund = await counting(REFUND, { externalId: 'PG-RF', purchaseExternalId: 'PG-B', amountMinor: 500_00 });
    expect(refund.answer).toMatchObject({ __typename: 'RefundRecorded', pointsReversed: 500, debtPoints: 0 });
    // The lots past their date, the purchase's pending and available lots, then two pages of the rest.
    expect(refund.lotReads).toBe(5);
    const after = await lotsOf(m.dbId);
    expect(after[0]).toMatchObject({ remaining: 0, state: 'closed' });
    expect(after.slice(1, 31).every((lot) => lot.remaining === 0 && lot.state === 'closed')).toBe(true);
    expect(after.slice(31).map((lot) => lot.remaining)).toEqual(Array(15).fill(10));
    expect((await t.app.dataSource.manager.findOneByOrFail(LoyaltyAccount, { memberId: m.dbId })).available).toBe(150);
    await expectLedgerInvariants(t, m.dbId);
  });

  it('reads the lots it spends in the order of an index, sorting none of them', async () => {
    const m = await newMember(t, pos);
    // Dated lots and never-expiring ones, written out of their paying order.
    await lots(m.dbId, Array.from({ length: 60 }, (_, i) => ({ points: 5, expiresAt: i % 3 === 0 ? null : new Date(Date.now() + (90 - i) * DAY) })));
    const soonest = (await lotsOf(m.dbId))
      .filter((lot) => lot.expiresAt)
      .sort((a, b) => a.expiresAt!.getTime() - b.expiresAt!.getTime())
      .map((lot) => lot.id);
    const reads: [string, readonly unknown[]][] = [];
    const stop = onStatement((sql, parameters) => {
      if (/^\s*SELECT\b/i.test(sql) && /\bFROM\s+[`"]?point_lots\b/i.test(sql)) reads.push([sql, parameters ?? []]);
    });
    try {
      const spent = await t.gql(REDEEM, { input: { externalId: 'PG-IX', memberId: m.id, points: 12 } }, { token: pos });
      expect(spent.body.data.redeemPoints.__typename).toBe('PointsRedeemed');
    } finally {
      stop();
    }
    expect(reads).toHaveLength(1);
    const [sql, parameters] = reads[0];
    // The database's plan for the statement as sent: the spend-order index, and no sort (a
    // sort reads every open lot of the account before the first one is returned).
    if (dialect === 'sqlite') {
      const plan = (await t.app.dataSource.query(`EXPLAIN QUERY PLAN ${sql}`, [...parameters])) as { detail: string }[];
      const details = plan.map((row) => row.detail).join(' | ');
      expect(details).toContain('IDX_point_lots_spend_order');
      expect(details).not.toMatch(/TEMP B-TREE/);
    } else {
      const plan = (await t.app.dataSource.query(`EXPLAIN ${sql}`, [...parameters])) as { table: string; key: string | null; Extra: string | null }[];
      const lotsRow = plan.find((row) => row.table === 'point_lots');
      expect(lotsRow?.key).toBe('IDX_point_lots_spend_order');
      expect(lotsRow?.Extra ?? '').not.toMatch(/filesort|temporary/i);
    }
    // And they paid in that order: the three soonest-dated lots (written last), 5 + 5 + 2.
    const paid = (await lotsOf(m.dbId)).filter((lot) => lot.remaining < 5);
    expect(paid.map((lot) => [lot.id, lot.remaining, lot.state])).toEqual([
      [soonest[2], 3, 'available'],
      [soonest[1], 0, 'closed'],
      [soonest[0], 0, 'closed'],
    ]);
    await expectLedgerInvariants(t, m.dbId);
  });

  it('refuses more than the balance after the lots past their date are gone, and changes nothing', async () => {
    const m = await newMember(t, pos);
    await lots(m.dbId, [
      ...Array.from({ length: 30 }, (_, i) => ({ points: 10, expiresAt: new Date(Date.now() - (60 - i) * DAY) })),
      ...Array.from({ length: 25 }, () => ({ points: 2, expiresAt: null })),
    ]);
    const before = await lotsOf(m.dbId);
    // 350 on the account, 50 of it still good.
    const refused = await redeem(m.id, 'PG-X', 51);
    expect(refused.answer).toMatchObject({ __typename: 'InsufficientPointsError', available: 50, requested: 51 });
    expect(await lotsOf(m.dbId)).toEqual(before);
    expect((await t.app.dataSource.manager.findOneByOrFail(LoyaltyAccount, { memberId: m.dbId })).available).toBe(350);
    // Exactly the balance: every good lot is spent, across pages.
    const all = await redeem(m.id, 'PG-Y', 50);
    expect(all.answer.__typename).toBe('PointsRedeemed');
    expect(all.answer.account.available).toBe(0);
    expect((await lotsOf(m.dbId)).every((lot) => lot.state === 'closed' && lot.remaining === 0)).toBe(true);
    await expectLedgerInvariants(t, m.dbId);
  });
});
