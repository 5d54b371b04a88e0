import { QueryFailedError } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withQueryStats } from '../src/db/query-stats';
import { inTransaction } from '../src/db/transaction';
import { isUniqueViolation } from '../src/db/unique-violation';
import { insertRow, insertRowsWithoutIds, updateRows } from '../src/db/write-rows';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { PointLot } from '../src/ledger/point-lot.entity';
import { PurchaseItem } from '../src/purchases/purchase-item.entity';
import { Purchase } from '../src/purchases/purchase.entity';
import { RuleTrace } from '../src/rules/rule-trace.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';

/**
 * The ledger's own writes leave the rows TypeORM's would: the generated id and the literal
 * defaults on the object, every value converted by the driver, in one statement each; the
 * guarded update says how many rows it changed, and changes none when the guard fails.
 */
describe(`insertRow and updateRows on ${dialect}`, () => {
  let t: TestApp;
  let account: LoyaltyAccount;
  let programId: number;
  let memberId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const setup = await loyaltySetup(t);
    programId = setup.program.id;
    const member = await newMember(t, setup.pos);
    memberId = member.dbId;
    await t.gql(RECORD_PURCHASE, { input: { externalId: 'W-1', memberId: member.id, totalMinor: 100_00, currency: 'RUB', channel: 'STORE' } }, { token: setup.pos });
    account = await t.app.dataSource.manager.findOneOrFail(LoyaltyAccount, { where: { memberId, programId } });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A plain object, not an entity: the defaults (points earned, refunded…) are left to the database. */
  function purchase(externalId: string): Partial<Purchase> {
    return { externalId, requestHash: `hash-${externalId}`, memberId, programId, totalMinor: 777_00, currency: 'RUB', channel: 'online', storeId: 'S-9', partnerId: null, occurredAt: new Date('2026-11-20T10:11:12.000Z'), createdAt: new Date('2026-11-20T10:11:13.000Z') };
  }

  it('inserts as em.insert does: the id and the defaults on the object, the row as findOne reads it', async () => {
    const em = t.app.dataSource.manager;
    const ours = purchase('W-ours');
    const theirs = purchase('W-theirs');
    const stats = { statements: 0 };
    await withQueryStats(stats, () => insertRow(em, Purchase, ours));
    expect(stats.statements).toBe(1);
    await em.insert(Purchase, Object.assign(new Purchase(), theirs));
    expect(ours.id).toEqual(expect.any(Number));
    expect(ours.id).toBeGreaterThan(0);
    expect(ours.pointsEarned).toBe(0);
    expect(ours.refundedMinor).toBe(0);
    const stored = await em.findOneOrFail(Purchase, { where: { id: ours.id } });
    const storedTheirs = await em.findOneOrFail(Purchase, { where: { externalId: 'W-theirs' } });
    expect({ ...stored, id: 0, externalId: '', requestHash: '' }).toEqual({ ...storedTheirs, id: 0, externalId: '', requestHash: '' });
    expect(stored.occurredAt.toISOString()).toBe('2026-11-20T10:11:12.000Z');
    // What the caller holds is what was stored.
    expect({ ...ours }).toEqual({ ...stored });
  });

  it('writes an entry and a lot that reference each other, inside a transaction', async () => {
    const now = new Date();
    const { entry, lot } = await inTransaction(t.app.dataSource, async (tx) => {
      const entry = Object.assign(new LedgerEntry(), {
        accountId: account.id,
        memberId,
        programId,
        kind: 'adjust',
        source: 'manual',
        availableChange: 5,
        availableAfter: account.available + 5,
        pendingAfter: account.pending,
        debtAfter: account.debt,
        reason: 'write-rows test',
        occurredAt: now,
        createdAt: now,
      });
      await insertRow(tx, LedgerEntry, entry);
      const lot: Partial<PointLot> = { accountId: account.id, entryId: entry.id, purchaseId: null, points: 5, remaining: 5, state: 'available', availableAt: now, expiresAt: null, createdAt: now };
      await insertRow(tx, PointLot, lot);
      return { entry, lot };
    });
    expect(entry.id).toEqual(expect.any(Number));
    const stored = await t.app.dataSource.manager.findOneOrFail(LedgerEntry, { where: { id: entry.id } });
    expect(stored.reason).toBe('write-rows test');
    expect(stored.actorKind).toBe('system');
    expect((await t.app.dataSource.manager.findOneOrFail(PointLot, { where: { id: lot.id } })).entryId).toBe(entry.id);
  });

  it("inserts a purchase's items in one statement, their defaults set; rows of different shapes go to TypeORM", async () => {
    const em = t.app.dataSource.manager;
    const owner = purchase('W-items');
    await insertRow(em, Purchase, owner);
    const items: Partial<PurchaseItem>[] = [
      { purchaseId: owner.id, sku: 'LATTE', quantity: 2, unitPriceMinor: 250_00, category: 'drinks' },
      { purchaseId: owner.id, sku: 'CROISSANT', quantity: 1, unitPriceMinor: 180_00, category: null },
    ];
    const stats = { statements: 0 };
    await withQueryStats(stats, () => insertRowsWithoutIds(em, PurchaseItem, items));
    expect(stats.statements).toBe(1);
    expect(items.map((item) => item.name)).toEqual(['', '']);
    const stored = await em.find(PurchaseItem, { where: { purchaseId: owner.id }, order: { id: 'ASC' } });
    expect(stored.map((item) => [item.sku, item.quantity, item.unitPriceMinor, item.category, item.name])).toEqual([
      ['LATTE', 2, 250_00, 'drinks', ''],
      ['CROISSANT', 1, 180_00, null, ''],
    ]);
    // One row names its item, the other does not: two shapes, still every row written.
    await insertRowsWithoutIds(em, PurchaseItem, [
      { purchaseId: owner.id, sku: 'MUG', quantity: 1, unitPriceMinor: 900_00, name: 'Mug' },
      { purchaseId: owner.id, sku: 'BEANS', quantity: 1, unitPriceMinor: 1200_00 },
    ]);
    expect(await em.count(PurchaseItem, { where: { purchaseId: owner.id } })).toBe(4);
  });

  it('inserts a row that brings its own key, with its JSON column as TypeORM writes it', async () => {
    const em = t.app.dataSource.manager;
    const steps = [{ nodeId: 'trigger', kind: 'trigger.purchase', ports: ['out'], inputs: { city: 'Казань', amount: 12.5 } }];
    const trace: Partial<RuleTrace> = { id: '0b6f3c1e-0000-4000-8000-000000000001', campaignId: 1, campaignVersion: 1, memberId, eventType: 'purchase', steps: steps as never, createdAt: new Date('2026-11-20T10:00:00.000Z') };
    await insertRow(em, RuleTrace, trace);
    const stored = await em.findOneOrFail(RuleTrace, { where: { id: trace.id } });
    expect(stored.steps).toEqual(steps);
    expect(stored.createdAt.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    // The same key again is refused, and the first row stays as it was.
    await expect(insertRow(em, RuleTrace, { ...trace, eventType: 'signup' })).rejects.toThrow(/duplicate|unique/i);
    expect((await em.findOneOrFail(RuleTrace, { where: { id: trace.id } })).eventType).toBe('purchase');
  });

  it('a failed insert changes nothing and says why', async () => {
    const em = t.app.dataSource.manager;
    const before = await em.count(Purchase);
    // The external id is unique: a replay of the same row is refused by the database.
    await expect(insertRow(em, Purchase, purchase('W-ours'))).rejects.toThrow(/duplicate|unique/i);
    expect(await em.count(Purchase)).toBe(before);
  });

  it('inside a transaction (where MySQL statements skip TypeORM), each is counted and a refused one fails as TypeORM says it, rolling back the rest', async () => {
    const stats = { statements: 0 };
    const before = await t.app.dataSource.manager.count(Purchase);
    const failure = await withQueryStats(stats, () =>
      inTransaction(t.app.dataSource, async (em) => {
        const row = purchase('TX-1');
        await insertRow(em, Purchase, row);
        expect(row.id).toBeGreaterThan(0);
        expect(await updateRows(em, LoyaltyAccount, { updatedAt: new Date() }, { id: account.id })).toBe(1);
        await insertRow(em, Purchase, purchase('W-ours'));
      }).catch((error: unknown) => error),
    );
    // What callers test for: TypeORM's error, which the unique-violation check recognises.
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(failure)).toBe(true);
    expect(stats.statements).toBeGreaterThanOrEqual(3);
    expect(await t.app.dataSource.manager.count(Purchase)).toBe(before);
  });

  it('a guarded update changes the row only while it holds what was read', async () => {
    const em = t.app.dataSource.manager;
    const was = await em.findOneOrFail(LoyaltyAccount, { where: { id: account.id } });
    const later = new Date('2026-12-01T00:00:00.000Z');
    expect(await updateRows(em, LoyaltyAccount, { available: was.available + 1, updatedAt: later }, { id: was.id, available: was.available })).toBe(1);
    // The same guard again: the row no longer holds the old balance, nothing changes.
    expect(await updateRows(em, LoyaltyAccount, { available: was.available + 100 }, { id: was.id, available: was.available })).toBe(0);
    const now = await em.findOneOrFail(LoyaltyAccount, { where: { id: account.id } });
    expect(now.available).toBe(was.available + 1);
    expect(now.updatedAt.toISOString()).toBe(later.toISOString());
    await expect(updateRows(em, LoyaltyAccount, { nope: 1 } as never, { id: was.id })).rejects.toThrow(/no column nope/);
  });
});
