import { performance } from 'node:perf_hooks';
import { createPool, type Pool } from 'mysql2/promise';
import { mysqlConnection } from '../server/src/db/data-source';
import webOperations from '@patron/schema/persisted-operations.json';
import { createApp, type App } from '../server/src/app';
import { loadConfig, parseDatabaseUrl } from '../server/src/config';
import { onStatement } from '../server/src/db/query-stats';

/**
 * The scale benchmark: a generated brand of `members` members (1M by default) with ten
 * ledger entries each, on MariaDB, and the reads that must stay fast at that size — a
 * member's balance and history, members search, the expiry batch and the dashboard —
 * timed through GraphQL as the console and the API call them, with the EXPLAIN plan of
 * every SELECT they ran. The dataset is generated once per size and kept (database
 * `patron_scale_<members>`); BENCH_SCALE_FRESH=1 generates it again.
 */
export interface ScaleBenchOptions {
  databaseUrl: string;
  members: number;
}

const ADMIN_PASSWORD = 'scale-admin-password';
const BALANCE = `query($id: ID!) { member(id: $id) { id name account { available pending lifetimePoints tier { name } } } }`;
const HISTORY = `query($id: ID!) { member(id: $id) { ledger(first: 20) { edges { node { id kind availableChange availableAfter occurredAt } } } } }`;
const SEARCH = `query($search: String) { members(first: 25, search: $search) { edges { node { id email name } } } }`;
const operations: Record<string, string> = webOperations;
const DASHBOARD = Object.values(operations).find((text) => /\bquery DashboardAnalytics\b/.test(text));

interface Timing {
  label: string;
  runs: number;
  p50Ms: number;
  maxMs: number;
  statements: number;
  plans: string[];
  fullScans: string[];
  /** The SELECTs that took 50 ms or more on their own, slowest first. */
  slowest: { ms: number; sql: string }[];
}

export async function scaleBench(options: ScaleBenchOptions) {
  const database = parseDatabaseUrl(options.databaseUrl);
  if (database?.dialect !== 'mysql') throw new Error('the scale benchmark needs a mysql:// DATABASE_URL (MariaDB)');
  const name = `patron_scale_${options.members}`;
  const admin = createPool({ ...mysqlConnection(database), connectionLimit: 2 });
  const [[{ hasSequence }]] = (await admin.query(`SELECT COUNT(*) AS hasSequence FROM information_schema.ENGINES WHERE ENGINE = 'SEQUENCE' AND SUPPORT IN ('YES', 'DEFAULT')`)) as unknown as [[{ hasSequence: number }]];
  if (!hasSequence) throw new Error('the scale benchmark generates its data with MariaDB’s SEQUENCE engine');
  if (process.env.BENCH_SCALE_FRESH) await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(options.databaseUrl.replace(/^mariadb:/, 'mysql:'));
  url.pathname = `/${name}`;
  const raw = createPool({ ...mysqlConnection(database), database: name, connectionLimit: 2, timezone: 'Z' });
  let app: App | undefined;
  try {
    app = await createApp(loadConfig({ DATABASE_URL: url.toString(), PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD, WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', JOBS_POLL_MS: '0' }));
    const generatedSeconds = await generate(app, raw, options.members);
    const [[counts]] = (await raw.query('SELECT (SELECT COUNT(*) FROM members) AS members, (SELECT COUNT(*) FROM ledger_entries) AS entries, (SELECT COUNT(*) FROM purchases) AS purchases, (SELECT COUNT(*) FROM point_lots) AS lots')) as unknown as [[Record<string, number>]];

    const gql = async (query: string, variables: Record<string, unknown>, token: string) => {
      const res = await app!.yoga.fetch('http://patron.bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: unknown; errors?: { message: string }[] };
      if (body.errors?.length) throw new Error(`${body.errors[0].message} in ${query.slice(0, 80)}`);
      return body.data;
    };
    const login = (await gql(`mutation($input: SignInInput!) { login(input: $input) { ... on StaffSession { token } } }`, { input: { email: 'admin@patron.local', password: ADMIN_PASSWORD } }, '')) as { login: { token: string } };
    const token = login.login.token;
    const gid = (id: number) => Buffer.from(`Member:${id}`).toString('base64');
    const someMember = (i: number) => 1 + ((i * 7919 + 104_729) % options.members);

    const timings: Timing[] = [];
    const measure = async (label: string, runs: number, work: (i: number) => Promise<unknown>) => {
      await work(runs); // warm: plans, pools, caches, as a server that has been running
      const seen: { sql: string; parameters?: readonly unknown[] }[] = [];
      const off = onStatement((sql, parameters) => seen.push({ sql, parameters }));
      const ms: number[] = [];
      try {
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          await work(i);
          ms.push(performance.now() - t0);
        }
      } finally {
        off();
      }
      ms.sort((a, b) => a - b);
      const { plans, fullScans, slowest } = await explain(raw, seen.slice(0, Math.ceil(seen.length / runs)));
      timings.push({ label, runs, p50Ms: round(ms[Math.floor(ms.length / 2)]), maxMs: round(ms[ms.length - 1]), statements: Math.round(seen.length / runs), plans, fullScans, slowest });
    };

    await measure('member balance (API)', 200, (i) => gql(BALANCE, { id: gid(someMember(i)) }, token));
    await measure('member history, 20 entries', 100, (i) => gql(HISTORY, { id: gid(someMember(i)) }, token));
    await measure('members search: email prefix', 20, (i) => gql(SEARCH, { search: `member${someMember(i)}@` }, token));
    await measure('members search: external id', 20, (i) => gql(SEARCH, { search: `S${someMember(i)}` }, token));
    await measure('members search: part of a name', 20, () => gql(SEARCH, { search: 'ивано' }, token));
    await measure('members search: no match', 5, () => gql(SEARCH, { search: 'nobody-by-this-name' }, token));
    const to = new Date();
    const from = new Date(to.getTime() - 30 * 86_400_000);
    if (DASHBOARD) await measure('dashboard (the console’s query, 30 days)', 3, () => gql(DASHBOARD, { from: from.toISOString(), to: to.toISOString() }, token));

    // The expiry batch: lots that came due on 1 in 200 members.
    const dueAccounts = await countDue(raw);
    const t0 = performance.now();
    const report = await app.services.maintenance.run(app.dataSource, new Date());
    const expiry = { accounts: report.accounts, expiredPoints: report.expiredPoints, seconds: round((performance.now() - t0) / 1000), accountsPerSecond: round(report.accounts / ((performance.now() - t0) / 1000)), dueBefore: dueAccounts };
    await restoreDueLots(raw);

    const [[version]] = (await raw.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];
    return { database: version.v, generatedSeconds, counts, timings, expiry };
  } finally {
    await app?.close();
    await raw.end();
    await admin.end();
  }
}

const round = (n: number) => Number(n.toFixed(2));

/**
 * One line per SELECT: table, access type and key, as EXPLAIN tells them; type ALL on a big
 * table is a full scan. Each SELECT is also run again on its own and timed, so that the
 * slowest can be named.
 */
async function explain(pool: Pool, statements: { sql: string; parameters?: readonly unknown[] }[]) {
  const plans: string[] = [];
  const fullScans: string[] = [];
  const slowest: { ms: number; sql: string }[] = [];
  for (const { sql, parameters } of statements) {
    if (!/^\s*SELECT/i.test(sql)) continue;
    const t0 = performance.now();
    await pool.query(sql, parameters as unknown[]);
    slowest.push({ ms: round(performance.now() - t0), sql: sql.replace(/\s+/g, ' ').slice(0, 160) });
    const [rows] = (await pool.query(`EXPLAIN ${sql}`, parameters as unknown[])) as unknown as [{ table: string | null; type: string | null; key: string | null; rows: number | null }[]];
    const steps = rows.filter((r) => r.table && !r.table.startsWith('<')).map((r) => `${r.table} ${r.type}${r.key ? ` ${r.key.replace(/^IDX_(\w{6})\w+$/, 'IDX_$1…')}` : ''} ~${r.rows}`);
    plans.push(steps.join(' → '));
    for (const r of rows) if (r.type === 'ALL' && (r.rows ?? 0) > 10_000) fullScans.push(`${r.table} (~${r.rows} rows)`);
  }
  slowest.sort((a, b) => b.ms - a.ms);
  return { plans, fullScans, slowest: slowest.slice(0, 3).filter((s) => s.ms >= 50) };
}

async function countDue(pool: Pool): Promise<number> {
  const [[row]] = (await pool.query(`SELECT COUNT(DISTINCT accountId) AS n FROM point_lots WHERE state = 'available' AND remaining > 0 AND expiresAt <= UTC_TIMESTAMP()`)) as unknown as [[{ n: number }]];
  return Number(row.n);
}

/** Puts the expired lots and balances back, so that the next run has the same work to do. */
async function restoreDueLots(pool: Pool) {
  await pool.query(`DELETE FROM ledger_entries WHERE kind = 'expire'`);
  await pool.query(`UPDATE point_lots l JOIN purchases p ON p.id = l.purchaseId SET l.remaining = l.points, l.state = 'available' WHERE l.expiresAt <= UTC_TIMESTAMP() AND l.state = 'closed'`);
  await pool.query(`UPDATE loyalty_accounts a SET a.available = (SELECT COALESCE(SUM(l.remaining), 0) FROM point_lots l WHERE l.accountId = a.id AND l.state = 'available') WHERE a.memberId % 200 = 0`);
}

/**
 * Generates the brand with set-based SQL (MariaDB's seq_1_to_N tables): per member one
 * account, three purchases with their earn entries and point lots, and seven more entries
 * (bonuses and corrections) — ten ledger entries each. Balances equal the live lots.
 */
async function generate(app: App, pool: Pool, members: number): Promise<number | null> {
  const [[existing]] = (await pool.query('SELECT COUNT(*) AS n FROM members')) as unknown as [[{ n: number }]];
  if (Number(existing.n) === members) return null;
  const started = performance.now();
  const em = app.dataSource.manager;
  const program = await app.services.programs.create(em, { code: 'scale', name: 'Scale', isDefault: true, expiryPolicy: 'days', expiryDays: 365 });
  const p = program.id;
  const names = `ELT(1 + s.seq % 8, 'Анна', 'Иван', 'Мария', 'Пётр', 'Ольга', 'Сергей', 'Елена', 'Дмитрий')`;
  const surnames = `ELT(1 + (s.seq DIV 8) % 6, 'Иванова', 'Петров', 'Смирнова', 'Кузнецов', 'Попова', 'Соколов')`;
  const steps: [string, string][] = [
    ['members', `INSERT INTO members (externalId, email, name, phone, locale, status, createdAt, updatedAt, consentEmail)
      SELECT CONCAT('S', s.seq), CONCAT('member', s.seq, '@scale.test'), CONCAT(${names}, ' ', ${surnames}), CONCAT('+7900', LPAD(s.seq, 7, '0')), 'ru', 'active',
             UTC_TIMESTAMP() - INTERVAL (s.seq % 730) DAY, UTC_TIMESTAMP(), s.seq % 2
      FROM seq_1_to_${members} s`],
    ['accounts', `INSERT INTO loyalty_accounts (memberId, programId, available, lifetimePoints, lifetimeSpendMinor, purchaseCount, lastPurchaseAt, joinedAt, updatedAt)
      SELECT m.id, ${p}, 0, 0, 0, 3, UTC_TIMESTAMP() - INTERVAL (m.id % 90) DAY, m.createdAt, UTC_TIMESTAMP() FROM members m`],
    ['purchases', `INSERT INTO purchases (externalId, requestHash, memberId, programId, totalMinor, currency, channel, pointsEarned, occurredAt, createdAt)
      SELECT CONCAT('P', m.id, '-', s.seq), 'generated', m.id, ${p}, 10000 + (m.id * 7 + s.seq * 13) % 500000, 'RUB', 'store', (10000 + (m.id * 7 + s.seq * 13) % 500000) DIV 100,
             UTC_TIMESTAMP() - INTERVAL ((m.id + s.seq * 31) % 365) DAY, UTC_TIMESTAMP()
      FROM members m JOIN seq_1_to_3 s`],
    ['earn entries', `INSERT INTO ledger_entries (accountId, memberId, programId, kind, source, availableChange, availableAfter, pendingAfter, debtAfter, purchaseId, occurredAt, createdAt)
      SELECT a.id, pu.memberId, ${p}, 'earn', 'purchase', pu.pointsEarned, 0, 0, 0, pu.id, pu.occurredAt, pu.occurredAt
      FROM purchases pu JOIN loyalty_accounts a ON a.memberId = pu.memberId`],
    ['lots', `INSERT INTO point_lots (accountId, entryId, purchaseId, points, remaining, state, availableAt, expiresAt, createdAt)
      SELECT e.accountId, e.id, e.purchaseId, e.availableChange, e.availableChange, 'available', e.occurredAt,
             CASE WHEN e.memberId % 200 = 0 AND e.purchaseId % 3 = 1 THEN UTC_TIMESTAMP() - INTERVAL 1 DAY ELSE e.occurredAt + INTERVAL 365 DAY END, e.occurredAt
      FROM ledger_entries e`],
    ['other entries', `INSERT INTO ledger_entries (accountId, memberId, programId, kind, source, availableChange, availableAfter, pendingAfter, debtAfter, reason, occurredAt, createdAt)
      SELECT a.id, a.memberId, ${p}, 'adjust', 'staff', IF(s.seq % 2 = 1, 10, -10), 0, 0, 0, 'generated', UTC_TIMESTAMP() - INTERVAL (s.seq * 11 + a.id % 300) DAY, UTC_TIMESTAMP()
      FROM loyalty_accounts a JOIN seq_1_to_7 s`],
    ['bonus lots', `INSERT INTO point_lots (accountId, entryId, points, remaining, state, availableAt, expiresAt, createdAt)
      SELECT e.accountId, MIN(e.id), 10, 10, 'available', UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 365 DAY, UTC_TIMESTAMP() FROM ledger_entries e WHERE e.kind = 'adjust' GROUP BY e.accountId`],
    ['balances', `UPDATE loyalty_accounts a JOIN (SELECT accountId, SUM(remaining) AS live FROM point_lots GROUP BY accountId) l ON l.accountId = a.id
      SET a.available = l.live, a.lifetimePoints = l.live`],
  ];
  for (const [label, sql] of steps) {
    const t0 = performance.now();
    await pool.query(sql);
    console.error(`scale: ${label} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  await pool.query('ANALYZE TABLE members, loyalty_accounts, purchases, ledger_entries, point_lots');
  return round((performance.now() - started) / 1000);
}
