import { randomUUID } from 'node:crypto';
import type { Pool } from 'mysql2/promise';

/**
 * Patron's own statements for a purchase and a redemption, issued through raw mysql2 in
 * the packets Patron sends them in (server/src/db/round-trips.ts: what nobody waits for
 * rides with the next statement; START TRANSACTION with the first): what Patron would cost
 * if its code took no time. The pool must allow multiple statements.
 */

/** What Patron reads before the work and writes after it, as it does over HTTP (see ledger-statements.test.ts). */
const KEY = 'SELECT * FROM api_keys WHERE tokenHash = ? LIMIT 1';
const AUDIT = 'INSERT INTO audit_entries (apiKeyId, role, action, target, outcome, at) VALUES (?, ?, ?, ?, ?, ?)';
export const TRACE = 'INSERT INTO rule_traces (id, campaignId, campaignVersion, memberId, eventType, steps, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)';

/** The campaign the campaign rows run with, and the points it gives (TEN_A_VISIT). */
export interface ActiveCampaign {
  id: number;
  version: number;
}
export const CAMPAIGN_POINTS = 10;

/**
 * The member a call names with their account, both locked, and the program's version beside
 * them, in one statement, as Patron reads them: the program and its tiers are kept in memory
 * under that version (ledger.service.ts lockNamedMember).
 */
const MEMBER_AND_ACCOUNT =
  'SELECT (SELECT listenersVersion FROM programs WHERE id = ?) AS version, m.*, a.* FROM members m LEFT JOIN loyalty_accounts a ON a.memberId = m.id AND a.programId = ? WHERE m.id = ? FOR UPDATE';
const PURCHASE = 'INSERT INTO purchases (externalId, requestHash, memberId, programId, totalMinor, currency, channel, pointsEarned, occurredAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const ITEM = 'INSERT INTO purchase_items (purchaseId, sku, name, quantity, unitPriceMinor) VALUES (?, ?, ?, ?, ?)';
const ENTRY =
  'INSERT INTO ledger_entries (accountId, memberId, programId, kind, source, availableChange, availableAfter, pendingAfter, debtAfter, purchaseId, campaignId, campaignVersion, occurredAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const LOT = 'INSERT INTO point_lots (accountId, entryId, purchaseId, points, remaining, state, availableAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)';
/** The guarded balance update: the row must still hold what was read under the lock. */
const BALANCE = 'UPDATE loyalty_accounts SET available = ?, lifetimePoints = lifetimePoints + ?, updatedAt = ? WHERE id = ? AND available = ? AND pending = ? AND debt = ?';
const BALANCE_AND_STATS =
  'UPDATE loyalty_accounts SET purchaseCount = purchaseCount + 1, lifetimeSpendMinor = lifetimeSpendMinor + ?, lastPurchaseAt = ?, available = ?, lifetimePoints = lifetimePoints + ?, updatedAt = ? WHERE id = ? AND available = ? AND pending = ? AND debt = ?';

export type Conn = Awaited<ReturnType<Pool['getConnection']>>;
interface Account {
  id: number;
  available: number;
  pending: number;
  debt: number;
}
type Results = { insertId: number; affectedRows: number }[];

/** One packet of statements; the guarded updates among them must each change one row. */
async function packet(conn: Conn, statements: [sql: string, values: unknown[], guarded?: boolean][]): Promise<Results> {
  const [results] = (await conn.query(statements.map(([sql]) => sql).join(';\n'), statements.flatMap(([, values]) => values))) as unknown as [Results | Results[number]];
  const each = statements.length === 1 ? [results as Results[number]] : (results as Results);
  statements.forEach(([, , guarded], i) => {
    if (guarded && each[i].affectedRows !== 1) throw new Error('the account changed under its lock');
  });
  return each;
}

/** START TRANSACTION with the member and the account, locked; `work` ends with its COMMIT. */
async function inTransaction(pool: Pool, programId: number, memberId: number, work: (conn: Conn, account: Account) => Promise<void>) {
  const conn = await pool.getConnection();
  try {
    // Tables nested: the member's and the account's columns share names.
    const [[, [{ a: account }]]] = (await conn.query({ sql: `START TRANSACTION;\n${MEMBER_AND_ACCOUNT}`, nestTables: true }, [programId, programId, memberId])) as unknown as [[unknown, { a: Account }[]]];
    await work(conn, account);
  } catch (error) {
    await conn.query('ROLLBACK');
    throw error;
  } finally {
    conn.release();
  }
}

/** A purchase: 10 statements (14 with the campaign) in 6 round trips (7). The program, its tiers, the campaigns and the listeners' probes are read once per change (rules/listeners-version.ts), not here. */
export async function rawPurchaseAsPatron(pool: Pool, keyHash: string, externalId: string, memberId: number, programId: number, totalMinor: number, campaign?: ActiveCampaign) {
  const [[key]] = (await pool.query(KEY, [keyHash])) as unknown as [{ id: number }[]];
  await inTransaction(pool, programId, memberId, async (conn, account) => {
    const now = new Date();
    const points = Math.floor(totalMinor / 100);
    const [{ insertId: purchaseId }] = await packet(conn, [[PURCHASE, [externalId, 'x', memberId, programId, totalMinor, 'RUB', 'store', points, now, now]]]);
    const earned = account.available + points;
    const entryOf = (source: string, change: number, after: number, campaignId: number | null, version: number | null) => [account.id, memberId, programId, 'earn', source, change, after, account.pending, account.debt, purchaseId, campaignId, version, now, now];
    const [, , { insertId: entryId }] = await packet(conn, [
      [ITEM, [purchaseId, 'LATTE', '', 2, 250_00]],
      [BALANCE_AND_STATS, [totalMinor, now, earned, points, now, account.id, account.available, account.pending, account.debt], true],
      [ENTRY, entryOf('purchase', points, earned, null, null)],
    ]);
    const lot = (entry: number, lotPoints: number) => [account.id, entry, purchaseId, lotPoints, lotPoints, 'available', now, now];
    if (!campaign) {
      await packet(conn, [[LOT, lot(entryId, points)], ['COMMIT', []]]);
      return;
    }
    const after = earned + CAMPAIGN_POINTS;
    const [, , , { insertId: campaignEntryId }] = await packet(conn, [
      [LOT, lot(entryId, points)],
      [TRACE, [randomUUID(), campaign.id, campaign.version, memberId, 'purchase', '[]', now]],
      [BALANCE, [after, CAMPAIGN_POINTS, now, account.id, earned, account.pending, account.debt], true],
      [ENTRY, entryOf('campaign', CAMPAIGN_POINTS, after, campaign.id, campaign.version)],
    ]);
    await packet(conn, [[LOT, lot(campaignEntryId, CAMPAIGN_POINTS)], ['COMMIT', []]]);
  });
  await pool.query(AUDIT, [key.id, 'apiKey', 'recordPurchase', null, 'ok', new Date()]);
}

/** A redemption: 10 statements in 7 round trips. */
export async function rawRedeemAsPatron(pool: Pool, keyHash: string, externalId: string, memberId: number, programId: number, points: number) {
  const [[key]] = (await pool.query(KEY, [keyHash])) as unknown as [{ id: number }[]];
  await inTransaction(pool, programId, memberId, async (conn, account) => {
    const now = new Date();
    if (account.available < points) throw new Error('insufficient');
    const [lots] = (await conn.query(
      "SELECT * FROM point_lots WHERE accountId = ? AND state = 'available' AND (remaining > 0 OR expiresAt <= ?) ORDER BY neverExpires, expiresAt, id LIMIT 20",
      [account.id, now],
    )) as unknown as [{ id: number; remaining: number }[]];
    const lot = lots.find((l) => l.remaining >= points)!;
    const left = account.available - points;
    const [, , { insertId: entryId }] = await packet(conn, [
      ['UPDATE point_lots SET remaining = ?, state = ? WHERE id = ?', [lot.remaining - points, lot.remaining === points ? 'closed' : 'available', lot.id]],
      ['UPDATE loyalty_accounts SET available = ?, updatedAt = ? WHERE id = ? AND available = ? AND pending = ? AND debt = ?', [left, now, account.id, account.available, account.pending, account.debt], true],
      [
        'INSERT INTO ledger_entries (accountId, memberId, programId, kind, source, availableChange, availableAfter, pendingAfter, debtAfter, occurredAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [account.id, memberId, programId, 'redeem', 'checkout', -points, left, account.pending, account.debt, now, now],
      ],
    ]);
    await packet(conn, [['INSERT INTO redemptions (externalId, requestHash, accountId, points, valueMinor, entryId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)', [externalId, 'x', account.id, points, points * 100, entryId, now]]]);
    await packet(conn, [['COMMIT', []]]);
  });
  await pool.query(AUDIT, [key.id, 'apiKey', 'redeemPoints', null, 'ok', new Date()]);
}
