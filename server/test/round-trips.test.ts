import { tracingChannel } from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deferStatement } from '../src/db/round-trips';
import { inTransaction } from '../src/db/transaction';
import { insertRowsWithoutIds, updateRowsLater } from '../src/db/write-rows';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { PurchaseItem } from '../src/purchases/purchase-item.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { expectLedgerInvariants, loyaltySetup, newMember, publishTenAVisit, RECORD_PURCHASE, REDEEM } from './loyalty-harness';

/**
 * A MySQL transaction's statements that nobody waits for ride with its next statement, in
 * one packet (db/round-trips.ts). Round trips are counted where mysql2 sends them (its
 * `mysql2:query` tracing channel: one per packet, whatever it carries).
 */
describe.skipIf(dialect !== 'mysql')('round trips of a MySQL transaction', () => {
  let t: TestApp;
  let pos: string;
  let admin: string;
  let purchaseId: number;

  const sent: string[] = [];
  const channel = tracingChannel<unknown, { query: string }>('mysql2:query');
  const watcher = { start: (context: { query: string }) => void sent.push(context.query), end() {}, asyncStart() {}, asyncEnd() {}, error() {} };

  beforeAll(async () => {
    t = await createTestApp();
    ({ pos, admin } = await loyaltySetup(t));
    const member = await newMember(t, pos);
    await t.gql(RECORD_PURCHASE, { input: { externalId: 'RT-0', memberId: member.id, totalMinor: 100_00, currency: 'RUB', channel: 'STORE' } }, { token: pos });
    const [{ id }] = (await t.app.dataSource.query('SELECT id FROM purchases WHERE externalId = ?', ['RT-0'])) as { id: number }[];
    purchaseId = id;
    channel.subscribe(watcher);
  });
  afterAll(async () => {
    channel.unsubscribe(watcher);
    await t?.close();
  });

  /** The packets `work` sends, with the statements each carries. */
  async function packetsOf(work: () => Promise<unknown>): Promise<string[][]> {
    sent.length = 0;
    await work();
    return sent.map((query) => query.split(';\n').map((sql) => sql.trim().split(/\s+/).slice(0, 3).join(' ')));
  }

  const SELECT_ITEMS = 'SELECT COUNT(*) AS n FROM purchase_items WHERE sku = ?';
  const items = (sku: string) => [{ purchaseId, sku, name: 'deferred', category: null, quantity: 1, unitPriceMinor: 1 }];
  /** Fails by itself: the purchase RT-0 exists, and externalId is unique. */
  const DUPLICATE_PURCHASE = [
    'INSERT INTO purchases (externalId, requestHash, programId, totalMinor, currency, channel, occurredAt, createdAt) SELECT externalId, requestHash, programId, totalMinor, currency, channel, occurredAt, createdAt FROM purchases WHERE externalId = ?',
    ['RT-0'],
  ] as const;
  const countItems = async (sku: string) => Number(((await t.app.dataSource.query(SELECT_ITEMS, [sku])) as { n: number | string }[])[0].n);

  it('records a purchase with a campaign in 7 round trips over HTTP, for 14 statements', async () => {
    await publishTenAVisit(t, admin);
    const member = await newMember(t, pos);
    const buy = (externalId: string) => t.gql(RECORD_PURCHASE, { input: { externalId, memberId: member.id, totalMinor: 500_00, currency: 'RUB', channel: 'STORE', items: [{ sku: 'LATTE', quantity: 2, unitPriceMinor: 250_00 }] } }, { token: pos });
    await buy('RT-open');
    let statements = 0;
    const packets = await packetsOf(async () => {
      const res = await buy('RT-1');
      expect(res.body.data.recordPurchase).toMatchObject({ __typename: 'PurchaseRecorded', pointsEarned: 500 });
      statements = res.statements;
    });
    expect(statements).toBe(14);
    expect(packets).toEqual([
      ['SELECT `id`, `name`,'], // the API key
      ['START TRANSACTION', 'SELECT (SELECT listenersVersion'], // with the member and account, locked
      ['INSERT INTO `purchases`'], // the claim on its externalId, and its id
      ['INSERT INTO `purchase_items`', 'UPDATE `loyalty_accounts` SET', 'INSERT INTO `ledger_entries`'],
      ['INSERT INTO `point_lots`', 'INSERT INTO `rule_traces`', 'UPDATE `loyalty_accounts` SET', 'INSERT INTO `ledger_entries`'],
      ['INSERT INTO `point_lots`', 'COMMIT'],
      ['INSERT INTO `audit_entries`'],
    ]);
    await expectLedgerInvariants(t, member.dbId);
    const [account] = (await t.app.dataSource.query('SELECT available FROM loyalty_accounts WHERE memberId = ?', [member.dbId])) as { available: number }[];
    expect(account.available).toBe(2 * (500 + 10));
  });

  it('redeems in 7 round trips: the lot taken rides with the balance update and the entry', async () => {
    const member = await newMember(t, pos);
    await t.gql(RECORD_PURCHASE, { input: { externalId: 'RT-R0', memberId: member.id, totalMinor: 500_00, currency: 'RUB', channel: 'STORE' } }, { token: pos });
    const packets = await packetsOf(async () => {
      const res = await t.gql(REDEEM, { input: { externalId: 'RT-X1', memberId: member.id, points: 7 } }, { token: pos });
      expect(res.body.data.redeemPoints.__typename).toBe('PointsRedeemed');
    });
    expect(packets).toHaveLength(7);
    // After the key, START with the member, and the lots read:
    expect(packets[3]).toEqual(['UPDATE `point_lots` SET', 'UPDATE `loyalty_accounts` SET', 'INSERT INTO `ledger_entries`']);
    await expectLedgerInvariants(t, member.dbId);
  });

  it('reads its own deferred writes within the transaction', async () => {
    const seen = await inTransaction(t.app.dataSource, async (em) => {
      await insertRowsWithoutIds(em, PurchaseItem, items('RT-READ'));
      return Number(((await em.query(SELECT_ITEMS, ['RT-READ'])) as { n: number | string }[])[0].n);
    });
    expect(seen).toBe(1);
    expect(await countItems('RT-READ')).toBe(1);
  });

  it('fails the transaction, COMMIT included, when a deferred statement fails, and keeps none of its writes', async () => {
    const attempt = inTransaction(t.app.dataSource, async (em) => {
      await insertRowsWithoutIds(em, PurchaseItem, items('RT-FAIL-1'));
      // A line with no SKU: the column refuses it, in the packet that carries COMMIT.
      await insertRowsWithoutIds(em, PurchaseItem, [{ ...items('RT-FAIL-2')[0], sku: null as unknown as string }]);
    });
    await expect(attempt).rejects.toThrow(/sku.*cannot be null/i);
    expect(await countItems('RT-FAIL-1')).toBe(0);
  });

  it('does not let a caught error hide a deferred statement that failed with it: the transaction can only roll back', async () => {
    const attempt = inTransaction(t.app.dataSource, async (em) => {
      await insertRowsWithoutIds(em, PurchaseItem, items('RT-HIDDEN-1'));
      await insertRowsWithoutIds(em, PurchaseItem, [{ ...items('RT-HIDDEN-2')[0], sku: null as unknown as string }]);
      // Code that takes its own statement's failure for "someone else was first" and goes on.
      await em.query('SELECT 1').catch(() => undefined);
      await insertRowsWithoutIds(em, PurchaseItem, items('RT-HIDDEN-3'));
    });
    await expect(attempt).rejects.toThrow(/can only roll back/);
    expect(await countItems('RT-HIDDEN-1')).toBe(0);
    expect(await countItems('RT-HIDDEN-3')).toBe(0);
  });

  it('lets a statement that failed on its own be caught and the transaction go on, its deferred statements kept', async () => {
    await inTransaction(t.app.dataSource, async (em) => {
      await insertRowsWithoutIds(em, PurchaseItem, items('RT-CARRIED'));
      // Fails on the unique externalId, after the deferred insert ran.
      const duplicate = em.query(...DUPLICATE_PURCHASE);
      await expect(duplicate).rejects.toThrow(/duplicate/i);
      await insertRowsWithoutIds(em, PurchaseItem, items('RT-AFTER'));
    });
    expect(await countItems('RT-CARRIED')).toBe(1);
    expect(await countItems('RT-AFTER')).toBe(1);
  });

  it('still holds a deferred check when the statement that carried it failed on its own and was caught', async () => {
    const attempt = inTransaction(t.app.dataSource, async (em) => {
      await insertRowsWithoutIds(em, PurchaseItem, items('RT-CHECKED'));
      await updateRowsLater(em, LoyaltyAccount, { available: 1 }, { id: 2_000_000_000 }, () => new Error('the guarded row moved'));
      await expect(em.query(...DUPLICATE_PURCHASE)).rejects.toThrow(/duplicate/i);
    });
    await expect(attempt).rejects.toThrow(/can only roll back.*the guarded row moved/);
    expect(await countItems('RT-CHECKED')).toBe(0);
  });

  it('fails a failed check before COMMIT is sent, even when COMMIT is the next statement', async () => {
    const packets = await packetsOf(() =>
      expect(
        inTransaction(t.app.dataSource, async (em) => {
          await insertRowsWithoutIds(em, PurchaseItem, items('RT-CHECK'));
          await updateRowsLater(em, LoyaltyAccount, { available: 1 }, { id: 2_000_000_000 }, () => new Error('the guarded row moved'));
        }),
      ).rejects.toThrow(/the guarded row moved/),
    );
    expect(packets.flat()).not.toContain('COMMIT');
    expect(packets.flat()).toContain('ROLLBACK');
    expect(await countItems('RT-CHECK')).toBe(0);
  });

  it('drops what is pending when the work fails before another statement: the next transaction on the connection never runs it', async () => {
    await expect(
      inTransaction(t.app.dataSource, async (em) => {
        await insertRowsWithoutIds(em, PurchaseItem, items('RT-DROPPED'));
        throw new Error('the till went away');
      }),
    ).rejects.toThrow(/till went away/);
    // Every pooled connection in turn (the pool holds 10): none carries the dropped insert.
    await Promise.all(Array.from({ length: 20 }, () => inTransaction(t.app.dataSource, (em) => em.query('SELECT 1'))));
    expect(await countItems('RT-DROPPED')).toBe(0);
  });

  it('keeps a hostile value a value: the multi-statement packet escapes it like any other', async () => {
    const hostile = "x'); DROP TABLE purchase_items; --";
    await inTransaction(t.app.dataSource, async (em) => {
      await insertRowsWithoutIds(em, PurchaseItem, [{ ...items('RT-HOSTILE')[0], name: hostile }]);
    });
    const [row] = (await t.app.dataSource.query('SELECT name FROM purchase_items WHERE sku = ?', ['RT-HOSTILE'])) as { name: string }[];
    expect(row.name).toBe(hostile);
  });

  it('sends at once where there is no transaction to ride with', async () => {
    expect(deferStatement(t.app.dataSource.manager, 'SELECT 1', [])).toBe(false);
    await insertRowsWithoutIds(t.app.dataSource.manager, PurchaseItem, items('RT-NOW'));
    expect(await countItems('RT-NOW')).toBe(1);
  });
});
