import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onStatement } from '../src/db/query-stats';
import { writeAlone, WriteGroups } from '../src/db/write-groups';
import { InsufficientPointsError, NotFoundError, ValidationError } from '../src/errors';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { PointLot } from '../src/ledger/point-lot.entity';
import type { Program } from '../src/programs/program.entity';
import { Purchase } from '../src/purchases/purchase.entity';
import { Member } from '../src/members/member.entity';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import type { RecordPurchaseInput } from '../src/purchases/purchases.service';
import { In, type EntityManager } from 'typeorm';
import { Coupon } from '../src/rewards/coupon.entity';
import { Reward } from '../src/rewards/reward.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { createReward } from './rewards-helpers';
import { expectLedgerInvariants, loyaltySetup, publishTenAVisit } from './loyalty-harness';

/**
 * Purchases that arrive together are written together (db/write-groups.ts): on MySQL one
 * transaction for what is waiting, its single-row inserts merged into multi-row ones whose
 * ids each purchase takes back. Each purchase still answers for itself, with its own ids
 * and points, and a failure of one never takes the others down. SQLite writes each alone;
 * every answer below holds there too.
 */
describe(`write groups on ${dialect}`, () => {
  let t: TestApp;
  let program: Program;
  const system = { kind: 'system', id: null };

  beforeAll(async () => {
    t = await createTestApp();
    const setup = await loyaltySetup(t);
    program = setup.program;
    await publishTenAVisit(t, setup.admin);
  });
  afterAll(async () => {
    await t?.close();
  });

  const members = async (tag: string, count: number) => {
    const made: number[] = [];
    for (let i = 0; i < count; i++) made.push((await t.app.services.members.create(t.app.dataSource.manager, { externalId: `${tag}-${i}` })).member.id);
    return made;
  };
  const purchase = (externalId: string, memberId: number, totalMinor = 500_00, extra: Partial<RecordPurchaseInput> = {}): RecordPurchaseInput => ({
    externalId,
    memberId,
    totalMinor,
    currency: program.currency,
    channel: 'store',
    items: [{ sku: 'LATTE', quantity: 2, unitPriceMinor: totalMinor / 2 }],
    ...extra,
  });
  const record = (input: RecordPurchaseInput) => t.app.services.purchases.record(t.app.dataSource, input, system);

  /** START TRANSACTIONs sent while `work` runs. */
  async function transactionsOf(work: () => Promise<unknown>) {
    let started = 0;
    const stop = onStatement((sql) => {
      if (/^\s*(START TRANSACTION|BEGIN)/i.test(sql)) started += 1;
    });
    try {
      await work();
    } finally {
      stop();
    }
    return started;
  }

  /** Each purchase's rows point at it and at its member's account: the merged inserts' ids went back to the right purchase. */
  async function expectOwnRows(receipts: { purchase: Purchase }[]) {
    const em = t.app.dataSource.manager;
    for (const { purchase: recorded } of receipts) {
      const stored = await em.findOneByOrFail(Purchase, { id: recorded.id });
      expect(stored).toMatchObject({ externalId: recorded.externalId, memberId: recorded.memberId, totalMinor: recorded.totalMinor, pointsEarned: recorded.pointsEarned });
      const entries = await em.find(LedgerEntry, { where: { purchaseId: recorded.id } });
      // Its own points and the campaign's ten.
      expect(entries.map((e) => [e.source, e.memberId, e.availableChange]).sort()).toEqual([
        ['campaign', recorded.memberId, 10],
        ['purchase', recorded.memberId, recorded.pointsEarned],
      ]);
      for (const entry of entries) {
        const lots = await em.find(PointLot, { where: { entryId: entry.id } });
        expect(lots.map((l) => [l.accountId, l.purchaseId, l.points])).toEqual([[entry.accountId, recorded.id, entry.availableChange]]);
      }
    }
  }

  it('writes purchases that arrive together in fewer transactions, each with its own ids, points and balance', async () => {
    const ids = await members('TOGETHER', 24);
    // Different totals, so that a purchase given another's row would show it.
    const inputs = ids.map((memberId, i) => purchase(`TOGETHER-${i}`, memberId, (100 + i) * 100));
    let receipts: Awaited<ReturnType<typeof record>>[] = [];
    const transactions = await transactionsOf(async () => {
      receipts = await Promise.all(inputs.map(record));
    });
    if (dialect === 'mysql') expect(transactions).toBeLessThan(inputs.length);
    receipts.forEach((receipt, i) => {
      expect(receipt).toMatchObject({ replayed: false, pointsEarned: 100 + i, campaignPoints: 10 });
      expect(receipt.purchase.externalId).toBe(`TOGETHER-${i}`);
      expect(receipt.account?.available).toBe(100 + i + 10);
    });
    expect(new Set(receipts.map((r) => r.purchase.id)).size).toBe(inputs.length);
    await expectOwnRows(receipts);
    for (const memberId of ids) await expectLedgerInvariants(t, memberId);
  });

  it('answers a failing purchase with its own error and records every other one of its group', async () => {
    const ids = await members('FAILS', 12);
    const inputs = ids.map((memberId, i) => purchase(`FAILS-${i}`, memberId));
    // Each fails only once the group is under way: after its member is locked, or at its insert.
    inputs[4] = purchase('FAILS-4', ids[4], 500_00, { currency: program.currency === 'EUR' ? 'USD' : 'EUR' });
    inputs[7] = purchase('FAILS-7', 2_000_000_000);
    const settled = await Promise.allSettled(inputs.map(record));
    settled.forEach((outcome, i) => {
      if (i === 4) expect(outcome).toMatchObject({ status: 'rejected', reason: expect.any(ValidationError) });
      else if (i === 7) expect(outcome).toMatchObject({ status: 'rejected', reason: expect.any(NotFoundError) });
      else expect(outcome).toMatchObject({ status: 'fulfilled', value: { replayed: false, pointsEarned: 500 } });
    });
    const stored = await t.app.dataSource.manager.find(Purchase, { where: ids.map((_, i) => ({ externalId: `FAILS-${i}` })) });
    expect(stored.map((p) => p.externalId).sort()).toEqual(inputs.map((p) => p.externalId).filter((id) => id !== 'FAILS-4' && id !== 'FAILS-7').sort());
    await expectOwnRows(settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])));
    for (const memberId of ids) await expectLedgerInvariants(t, memberId);
  });

  it('writes one member’s purchases arriving together one after another, named by id or by external id', async () => {
    const [memberId] = await members('ONE', 1);
    const inputs = Array.from({ length: 10 }, (_, i) =>
      i % 2 ? purchase(`ONE-${i}`, memberId, (10 + i) * 100) : { ...purchase(`ONE-${i}`, 0, (10 + i) * 100), memberId: undefined, memberExternalId: 'ONE-0' },
    );
    const receipts = await Promise.all(inputs.map(record));
    const total = inputs.reduce((sum, p) => sum + p.totalMinor / 100 + 10, 0);
    expect(Math.max(...receipts.map((r) => r.account?.available ?? 0))).toBe(total);
    expect(new Set(receipts.map((r) => r.account?.available)).size).toBe(inputs.length);
    await expectOwnRows(receipts);
    await expectLedgerInvariants(t, memberId);
  });

  it('writes one member’s purchases arriving together in one group, one after another', async () => {
    const [memberId] = await members('REGULAR', 1);
    const inputs = Array.from({ length: 8 }, (_, i) => purchase(`REGULAR-${i}`, memberId, (20 + i) * 100));
    let receipts: Awaited<ReturnType<typeof record>>[] = [];
    const transactions = await transactionsOf(async () => {
      receipts = await Promise.all(inputs.map(record));
    });
    if (dialect === 'mysql') expect(transactions).toBeLessThan(inputs.length);
    // Each saw the balance the one before left: in the order sent, each 10 points and its own more.
    let balance = 0;
    receipts.forEach((receipt, i) => expect(receipt.account?.available).toBe((balance += 20 + i + 10)));
    await expectOwnRows(receipts);
    await expectLedgerInvariants(t, memberId);
  });

  it('reads a regular once for their purchases and redemptions in one group: each takes the member and account the one before left', async () => {
    const em = t.app.dataSource.manager;
    const tiered = await t.app.services.programs.create(em, { code: 'held', name: 'Held' });
    await t.app.services.programs.saveTier(em, tiered.id, { code: 'basic', name: 'Basic', rank: 0, threshold: 0, earnMultiplierPercent: 200 });
    const [memberId] = await members('HELD', 1);
    const inProgram = (externalId: string) => purchase(externalId, memberId, 100_00, { programId: tiered.id, currency: tiered.currency });
    // The first opens the account and puts the member in the tier, which doubles what the next ones earn.
    expect((await record(inProgram('HELD-first'))).tierChange).not.toBeNull();
    /** Transactions started and locked reads sent while `work` runs: one locked read of the member a transaction, not one a write. */
    const expectOneReadEach = async (calls: number, work: () => Promise<unknown>) => {
      let lockedReads = 0;
      const stop = onStatement((sql) => {
        if (/FOR UPDATE/i.test(sql)) lockedReads += 1;
      });
      try {
        const transactions = await transactionsOf(work);
        if (dialect === 'mysql') {
          expect(transactions).toBeLessThan(calls);
          expect(lockedReads).toBe(transactions);
        }
      } finally {
        stop();
      }
    };
    const inputs = Array.from({ length: 6 }, (_, i) => inProgram(`HELD-${i}`));
    let receipts: Awaited<ReturnType<typeof record>>[] = [];
    await expectOneReadEach(inputs.length, async () => {
      receipts = await Promise.all(inputs.map(record));
    });
    let balance = receipts[0].account!.available - receipts[0].pointsEarned - receipts[0].campaignPoints;
    for (const receipt of receipts) {
      expect(receipt.pointsEarned).toBe(200);
      expect(receipt.account?.tierId).not.toBeNull();
      expect(receipt.account?.available).toBe((balance += 200 + receipt.campaignPoints));
    }
    // Redemptions likewise, each spending from the balance the one before left.
    const redeem = (i: number) => t.app.services.checkout.redeem(t.app.dataSource, { externalId: `HELD-X${i}`, memberId, programId: tiered.id, points: 50 + i }, system);
    let redeemed: Awaited<ReturnType<typeof redeem>>[] = [];
    await expectOneReadEach(6, async () => {
      redeemed = await Promise.all([0, 1, 2, 3, 4, 5].map(redeem));
    });
    redeemed.forEach((receipt, i) => expect(receipt.account.available).toBe((balance -= 50 + i)));
    await expectLedgerInvariants(t, memberId);
  });

  it('records a purchase sent twice at once once, the copy answered as replayed', async () => {
    const ids = await members('COPY', 6);
    const inputs = [...ids.map((memberId, i) => purchase(`COPY-${i}`, memberId)), purchase('COPY-0', ids[0])];
    const receipts = await Promise.all(inputs.map(record));
    expect(receipts.filter((r) => r.purchase.externalId === 'COPY-0').map((r) => r.replayed).sort()).toEqual([false, true]);
    expect(await t.app.dataSource.manager.countBy(Purchase, { externalId: 'COPY-0' })).toBe(1);
    for (const memberId of ids) await expectLedgerInvariants(t, memberId);
  });

  it('redeems together: each redemption its own entry and balance, one refused for its balance refused alone', async () => {
    const ids = await members('SPEND', 10);
    for (const [i, memberId] of ids.entries()) await record(purchase(`SPEND-P${i}`, memberId, 100_00));
    // 100 points each and the campaign's 10; the fourth asks for more than that.
    const asks = ids.map((_, i) => (i === 3 ? 500 : 10 + i));
    const redeem = (memberId: number, i: number) => t.app.services.checkout.redeem(t.app.dataSource, { externalId: `SPEND-X${i}`, memberId, points: asks[i] }, system);
    const settled = await Promise.allSettled(ids.map(redeem));
    settled.forEach((outcome, i) => {
      if (i === 3) expect(outcome).toMatchObject({ status: 'rejected', reason: expect.any(InsufficientPointsError) });
      else expect(outcome).toMatchObject({ status: 'fulfilled', value: { replayed: false, redemption: { points: asks[i], externalId: `SPEND-X${i}` }, account: { available: 110 - asks[i] } } });
    });
    const em = t.app.dataSource.manager;
    for (const [i, outcome] of settled.entries()) {
      if (outcome.status !== 'fulfilled') continue;
      const entry = await em.findOneByOrFail(LedgerEntry, { id: outcome.value.redemption.entryId });
      expect([entry.memberId, entry.kind, entry.availableChange]).toEqual([ids[i], 'redeem', -asks[i]]);
    }
    for (const memberId of ids) await expectLedgerInvariants(t, memberId);
  });

  it('runs alone the writes of a group that met code that must write alone, and the next ones for a while', async () => {
    const db = t.app.dataSource;
    await db.query('CREATE TABLE `group_probe` (`id` integer PRIMARY KEY, `run` integer NOT NULL)');
    const groups = new WriteGroups(db, { slots: 1, most: 8 });
    const runs = new Map<number, number>();
    const write = (id: number, alone = false) =>
      groups.run(`probe:${id}`, async (em) => {
        runs.set(id, (runs.get(id) ?? 0) + 1);
        if (alone) writeAlone(em);
        await em.query('INSERT INTO `group_probe` (`id`, `run`) VALUES (?, ?)', [id, runs.get(id)]);
        return id;
      });
    // The first runs at once, alone; the next five wait and go as one group, which meets writeAlone.
    expect(await Promise.all([1, 2, 3, 4, 5, 6].map((id) => write(id, id === 4)))).toEqual([1, 2, 3, 4, 5, 6]);
    const rows: { id: number; run: number }[] = await db.query('SELECT `id`, `run` FROM `group_probe` ORDER BY `id`');
    expect(rows.map((r) => Number(r.id))).toEqual([1, 2, 3, 4, 5, 6]);
    // On MySQL the group ran once, rolled back, and each of its writes ran again alone; SQLite runs each alone at once.
    expect([...runs.values()]).toEqual(dialect === 'mysql' ? [1, 2, 2, 2, 2, 2] : [1, 1, 1, 1, 1, 1]);
    const transactions = await transactionsOf(() => Promise.all([7, 8, 9, 10].map((id) => write(id))));
    expect(transactions).toBe(4);
  });

  // Last: the campaign below stays published.
  it('holds a member only in a group, once, for the key and the program version it was held under', async () => {
    const db = t.app.dataSource;
    const { held } = t.app.services.ledger;
    const [memberId] = await members('HOLD', 1);
    const member = await db.manager.findOneByOrFail(Member, { id: memberId });
    const account = new LoyaltyAccount();
    const named = { id: memberId };
    const takes: Record<string, boolean> = {};
    const groups = new WriteGroups(db, { slots: 1, most: 8 });
    const write = (key: string, work: (em: EntityManager) => void) =>
      groups.run(key, async (em) => {
        work(em);
        return key;
      });
    await Promise.all([
      // Alone (the first runs at once): nothing is held, for no next write shares its transaction.
      write('alone', (em) => {
        held.hold(em, named, member, account, program);
        takes.alone = held.take(em, named, program) !== null;
      }),
      // The next two wait and go as one group.
      write('grouped', (em) => {
        held.hold(em, named, member, account, program);
        takes.otherVersion = held.take(em, named, { ...program, listenersVersion: program.listenersVersion + 1 } as Program) !== null;
        takes.afterRefusal = held.take(em, named, program) !== null;
        held.hold(em, named, member, account, program);
        takes.byExternalId = held.take(em, { externalId: 'HOLD-0' }, program) !== null;
        takes.otherProgram = held.take(em, named, { ...program, id: program.id + 1 } as Program) !== null;
        held.hold(em, named, member, account, program);
        takes.same = held.take(em, named, program) !== null;
        takes.again = held.take(em, named, program) !== null;
      }),
      write('another', (em) => {
        takes.anotherHeld = held.take(em, named, program) !== null;
      }),
    ]);
    expect(takes).toEqual({
      alone: false,
      otherVersion: false,
      afterRefusal: false,
      byExternalId: false,
      otherProgram: false,
      // Taken once on MySQL; SQLite runs each write alone and holds nothing.
      same: dialect === 'mysql',
      again: false,
      anotherHeld: false,
    });
  });

  it('gives a shared stock out right to purchases written together: never more coupons than stock', async () => {
    const admin = await t.signInStaff();
    await createReward(t, admin, { code: 'gift', kind: 'FREE_DELIVERY', costPoints: 0, stock: 3 });
    const graph = {
      nodes: [
        { id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } },
        { id: 'r', kind: 'action.issueReward', params: { reward: 'gift' }, position: { x: 240, y: 0 } },
      ],
      edges: [{ id: 'e', source: 't', sourcePort: 'out', target: 'r' }],
    };
    const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, { input: { name: 'Gift', graph } }, { token: admin });
    const published = await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename } }`, { id: created.body.data.createCampaign.id }, { token: admin });
    expect(published.body.data.publishCampaign.__typename).toBe('Campaign');
    const ids = await members('GIFT', 12);
    const receipts = await Promise.all(ids.map((memberId, i) => record(purchase(`GIFT-${i}`, memberId))));
    expect(receipts.every((r) => !r.replayed && r.pointsEarned === 500)).toBe(true);
    const em = t.app.dataSource.manager;
    const coupons = await em.find(Coupon, { where: { memberId: In(ids) } });
    expect(coupons).toHaveLength(3);
    expect(new Set(coupons.map((c) => c.memberId)).size).toBe(3);
    expect((await em.findOneByOrFail(Reward, { code: 'gift' })).stock).toBe(0);
    for (const memberId of ids) await expectLedgerInvariants(t, memberId);
  });

  it.runIf(dialect === 'mysql')('writes each purchase in a transaction of its own with WRITE_GROUPS=false', async () => {
    const alone = await createTestApp({ WRITE_GROUPS: 'false' });
    try {
      const setup = await loyaltySetup(alone);
      const ids: number[] = [];
      for (let i = 0; i < 8; i++) ids.push((await alone.app.services.members.create(alone.app.dataSource.manager, { externalId: `ALONE-${i}` })).member.id);
      const transactions = await transactionsOf(() =>
        Promise.all(ids.map((memberId, i) => alone.app.services.purchases.record(alone.app.dataSource, { ...purchase(`ALONE-${i}`, memberId), currency: setup.program.currency }, system))),
      );
      expect(transactions).toBe(ids.length);
    } finally {
      await alone.close();
    }
  });
});
