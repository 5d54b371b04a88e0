// Diagnostic, not part of `npm run bench`: what the database allows when purchases that
// arrive together are written together. The floor of bench/ledger.ts writes each purchase
// with a campaign in its own transaction, ten statements; here a writer queues the
// purchases and writes each group that is waiting in one transaction of five statements
// whatever its size: the accounts locked in one read (in id order, as settleDue locks a
// batch), then multi-row inserts of the purchases, items, entries, lots and traces and one
// balance update for every account. At a rate the box sustains a group is one purchase
// and waits for nobody; under load the groups grow and each purchase costs less.
// It is the raw form of Patron's write groups (server/src/db/write-groups.ts), which send
// the same shapes of statement from the services' own code: what group commit can be worth
// on this box, with no server between. `npx tsx bench/group-commit.ts` (ROUNDS).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createPool, type Pool } from 'mysql2/promise';
import { mysqlConnection } from '../server/src/db/data-source';
import { CAMPAIGN_POINTS, type ActiveCampaign } from './ledger-as-patron';
import { openLedgerApp } from './ledger-app';
import { rawPurchase } from './ledger';
import { runOpenLoop, runPool, summarize } from './measure';

interface Purchase {
  externalId: string;
  memberId: number;
  totalMinor: number;
  done: (error?: unknown) => void;
}
interface Account {
  id: number;
  memberId: number;
  available: number;
  pending: number;
  debt: number;
}

/** At most this many groups in flight (each on its own connection), and purchases in a group. */
const SLOTS = 3;
const MOST_IN_A_GROUP = 64;

/**
 * Queues purchases and writes what is waiting as one group whenever a slot is free. A member
 * appears once in a group (a second purchase of theirs waits for the next), so that each
 * account's figures are read once under its lock.
 */
class GroupWriter {
  private readonly queue: Purchase[] = [];
  private running = 0;
  readonly sizes: number[] = [];

  constructor(
    private readonly pool: Pool,
    private readonly programId: number,
    private readonly campaign: ActiveCampaign,
  ) {}

  record(externalId: string, memberId: number, totalMinor: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ externalId, memberId, totalMinor, done: (error) => (error ? reject(error) : resolve()) });
      this.pump();
    });
  }

  private pump() {
    while (this.running < SLOTS && this.queue.length > 0) {
      const members = new Set<number>();
      const group: Purchase[] = [];
      for (let i = 0; i < this.queue.length && group.length < MOST_IN_A_GROUP; ) {
        if (members.has(this.queue[i].memberId)) i++;
        else {
          members.add(this.queue[i].memberId);
          group.push(...this.queue.splice(i, 1));
        }
      }
      this.running++;
      this.sizes.push(group.length);
      writeGroup(this.pool, this.programId, this.campaign, group)
        .then(
          () => group.forEach((p) => p.done()),
          (error) => group.forEach((p) => p.done(error)),
        )
        .finally(() => {
          this.running--;
          this.pump();
        });
    }
  }
}

/** `(?, ?, …)` for `columns` values, `rows` times. */
const valueRows = (columns: number, rows: number) => new Array(rows).fill(`(${new Array(columns).fill('?').join(', ')})`).join(', ');

/**
 * One transaction for the group, in three round trips. The ids of a multi-row insert are
 * consecutive at innodb_autoinc_lock_mode 0 or 1 (MariaDB's default), which the run checks.
 */
async function writeGroup(pool: Pool, programId: number, campaign: ActiveCampaign, group: Purchase[]) {
  const conn = await pool.getConnection();
  try {
    const now = new Date();
    const n = group.length;
    const memberIds = group.map((p) => p.memberId).sort((a, b) => a - b);
    const [[, locked]] = (await conn.query(
      `START TRANSACTION; SELECT id, memberId, available, pending, debt FROM loyalty_accounts WHERE programId = ? AND memberId IN (${memberIds.map(() => '?').join(', ')}) ORDER BY id FOR UPDATE`,
      [programId, ...memberIds],
    )) as unknown as [[unknown, Account[]]];
    const accounts = new Map(locked.map((a) => [a.memberId, a]));
    const accountOf = (p: Purchase) => accounts.get(p.memberId) ?? raise(`no account for member ${p.memberId}`);
    const points = (p: Purchase) => Math.floor(p.totalMinor / 100);
    const [purchases] = (await conn.query(
      `INSERT INTO purchases (externalId, requestHash, memberId, programId, totalMinor, currency, channel, pointsEarned, occurredAt, createdAt) VALUES ${valueRows(10, n)}`,
      group.flatMap((p) => [p.externalId, 'x', p.memberId, programId, p.totalMinor, 'RUB', 'store', points(p), now, now]),
    )) as unknown as [{ insertId: number }];
    const purchaseId = (i: number) => purchases.insertId + i;
    const byAccount = (value: (p: Purchase, a: Account) => number) => ({
      sql: `CASE id ${group.map(() => 'WHEN ? THEN ?').join(' ')} END`,
      values: group.flatMap((p) => [accountOf(p).id, value(p, accountOf(p))]),
    });
    const available = byAccount((p, a) => a.available + points(p) + CAMPAIGN_POINTS);
    const lifetime = byAccount((p) => points(p) + CAMPAIGN_POINTS);
    const spend = byAccount((p) => p.totalMinor);
    const [[, balances, entries]] = (await conn.query(
      `INSERT INTO purchase_items (purchaseId, sku, name, quantity, unitPriceMinor) VALUES ${valueRows(5, n)};
       UPDATE loyalty_accounts SET available = ${available.sql}, lifetimePoints = lifetimePoints + ${lifetime.sql}, purchaseCount = purchaseCount + 1, lifetimeSpendMinor = lifetimeSpendMinor + ${spend.sql}, lastPurchaseAt = ?, updatedAt = ? WHERE id IN (${group.map(() => '?').join(', ')});
       INSERT INTO ledger_entries (accountId, memberId, programId, kind, source, availableChange, availableAfter, pendingAfter, debtAfter, purchaseId, campaignId, campaignVersion, occurredAt, createdAt) VALUES ${valueRows(14, 2 * n)}`,
      [
        ...group.flatMap((p, i) => [purchaseId(i), 'LATTE', '', 2, 250_00]),
        ...available.values,
        ...lifetime.values,
        ...spend.values,
        now,
        now,
        ...group.map((p) => accountOf(p).id),
        ...group.flatMap((p, i) => {
          const a = accountOf(p);
          const earned = a.available + points(p);
          return [
            ...[a.id, p.memberId, programId, 'earn', 'purchase', points(p), earned, a.pending, a.debt, purchaseId(i), null, null, now, now],
            ...[a.id, p.memberId, programId, 'earn', 'campaign', CAMPAIGN_POINTS, earned + CAMPAIGN_POINTS, a.pending, a.debt, purchaseId(i), campaign.id, campaign.version, now, now],
          ];
        }),
      ],
    )) as unknown as [[unknown, { affectedRows: number }, { insertId: number }]];
    if (balances.affectedRows !== n) raise(`${n - balances.affectedRows} of ${n} balances not updated`);
    await conn.query(
      `INSERT INTO point_lots (accountId, entryId, purchaseId, points, remaining, state, availableAt, createdAt) VALUES ${valueRows(8, 2 * n)};
       INSERT INTO rule_traces (id, campaignId, campaignVersion, memberId, eventType, steps, createdAt) VALUES ${valueRows(7, n)};
       COMMIT`,
      [
        ...group.flatMap((p, i) => {
          const a = accountOf(p);
          return [...[a.id, entries.insertId + 2 * i, purchaseId(i), points(p), points(p), 'available', now, now], ...[a.id, entries.insertId + 2 * i + 1, purchaseId(i), CAMPAIGN_POINTS, CAMPAIGN_POINTS, 'available', now, now]];
        }),
        ...group.flatMap((p) => [randomUUID(), campaign.id, campaign.version, p.memberId, 'purchase', '[]', now]),
      ],
    );
  } catch (error) {
    await conn.query('ROLLBACK');
    throw error;
  } finally {
    conn.release();
  }
}

function raise(message: string): never {
  throw new Error(`group-commit: ${message}`);
}

const databasePid = execFileSync('pidof', ['mariadbd', 'mysqld']).toString().trim().split(/\s+/)[0];
/** CPU time so far in ms of a process, from /proc (ticks of 1/100 s). */
const cpuMsOf = (statFile: string) => {
  const fields = readFileSync(statFile, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

const rounds = Number(process.env.ROUNDS ?? 3);
const { database, program, memberIds, campaign, close } = await openLedgerApp('patron_group', { campaign: true });
const pool = createPool({ ...mysqlConnection(database), database: database.database, connectionLimit: 10, timezone: 'Z', multipleStatements: true });
try {
  const [[{ mode }]] = (await pool.query('SELECT @@innodb_autoinc_lock_mode AS mode')) as unknown as [[{ mode: number }]];
  if (Number(mode) > 1) raise(`innodb_autoinc_lock_mode is ${mode}: a multi-row insert's ids may not be consecutive`);
  const now = new Date();
  await pool.query('INSERT INTO loyalty_accounts (memberId, programId, joinedAt, updatedAt) SELECT id, ?, ?, ? FROM members', [program.id, now, now]);
  const writer = new GroupWriter(pool, program.id, campaign!);
  const ways = {
    floor: (externalId: string, memberId: number, totalMinor: number) => rawPurchase(pool, externalId, memberId, program.id, totalMinor, campaign!),
    grouped: (externalId: string, memberId: number, totalMinor: number) => writer.record(externalId, memberId, totalMinor),
  };
  const groups = (count: number, before: number) => (writer.sizes.length > before ? `, ${(count / (writer.sizes.length - before)).toFixed(1)} purchases a group` : '');
  const closedLoop = async (way: keyof typeof ways, tag: string, count = 4000) => {
    const groupsBefore = writer.sizes.length;
    const database = cpuMsOf(`/proc/${databasePid}/stat`);
    const client = cpuMsOf('/proc/self/stat');
    const started = performance.now();
    await runPool(count, 32, (i) => ways[way](`${tag}-${i}`, memberIds[i % memberIds.length], 500_00 + (i % 1000)));
    const perSecond = Math.round(count / ((performance.now() - started) / 1000));
    const perPurchase = (ms: number) => (ms / count).toFixed(3);
    return `${way}, concurrency 32: ${perSecond}/s, database ${perPurchase(cpuMsOf(`/proc/${databasePid}/stat`) - database)} ms and client ${perPurchase(cpuMsOf('/proc/self/stat') - client)} ms of CPU a purchase${groups(count, groupsBefore)}`;
  };
  /** Two seconds at `rate` purchases a second. */
  const openLoop = async (way: keyof typeof ways, tag: string, rate: number) => {
    const groupsBefore = writer.sizes.length;
    const m = summarize(await runOpenLoop(2 * rate, rate, (i) => ways[way](`${tag}-${i}`, memberIds[i % memberIds.length], 500_00 + (i % 1000))));
    return `${way}, open loop ${rate}/s: answered ${m.perSecond}/s, p50 ${m.p50Ms} ms, p99 ${m.p99Ms} ms${groups(2 * rate, groupsBefore)}`;
  };
  await closedLoop('floor', 'WF', 1000);
  await closedLoop('grouped', 'WG', 1000);
  for (let r = 0; r < rounds; r++) {
    for (const way of ['floor', 'grouped'] as const) console.log(await closedLoop(way, `C${way}${r}`));
    // The issue's rate, and one past what the floor sustains.
    for (const rate of [1000, 2500]) for (const way of ['floor', 'grouped'] as const) console.log(await openLoop(way, `O${way}${rate}-${r}`, rate));
  }
  // Both ways leave the ledger whole: each balance is its entries' sum and its open lots' remainder.
  const [[{ off }]] = (await pool.query(
    `SELECT COUNT(*) AS off FROM loyalty_accounts a WHERE a.available <> (SELECT COALESCE(SUM(e.availableChange), 0) FROM ledger_entries e WHERE e.accountId = a.id)
       OR a.available <> (SELECT COALESCE(SUM(l.remaining), 0) FROM point_lots l WHERE l.accountId = a.id AND l.state = 'available')`,
  )) as unknown as [[{ off: number }]];
  if (Number(off) !== 0) raise(`${off} accounts whose balance is not their entries' or lots' sum`);
  console.log(`ledger checked: every balance is its entries' sum and its lots' remainder (${memberIds.length} accounts)`);
} finally {
  await pool.end();
  await close();
}
