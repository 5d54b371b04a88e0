import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { once } from 'node:events';
import { createPool } from 'mysql2/promise';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { benchDatabase } from './bench-database';

/** Writes `rows` CSV lines made by `line` to a file, respecting the stream's backpressure. */
async function writeCsv(path: string, header: string, rows: number, line: (i: number) => string) {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  for (let i = 0; i < rows; i++) if (!out.write(`${line(i)}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

/** Uploads a file to the import endpoint as a stream and waits for the finished job. */
function upload(base: string, path: string, kind: 'members' | 'purchases', token: string): Promise<Record<string, number | string>> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/import/${kind}.csv`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv', 'content-length': statSync(path).size } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(JSON.parse(body)));
    });
    req.on('error', reject);
    createReadStream(path).pipe(req);
  });
}

/**
 * Bulk import on MariaDB: `members` members and `purchases` receipts uploaded as CSV over
 * HTTP, against the floor of the same receipts inserted by a raw mysql2 script in
 * multi-row INSERTs of the same batch size (no parsing, validation or account totals).
 */
export async function importsBench(options: { databaseUrl: string; members: number; purchases: number }) {
  const benchDb = await benchDatabase(options.databaseUrl, 'patron_bench_import', 'the import benchmark');
  const { name, admin } = benchDb;
  const password = 'bench-admin-password';
  const app = await createApp(loadConfig({ DATABASE_URL: benchDb.url, PORT: '0', SEED_DEMO: 'false', LOG_LEVEL: 'silent', ADMIN_EMAIL: 'admin@bench.local', ADMIN_PASSWORD: password, WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', JOBS_POLL_MS: '0', JOBS_QUEUE: 'database' }));
  const dir = mkdtempSync(join(tmpdir(), 'patron-bench-import-'));
  try {
    await app.services.programs.create(app.dataSource.manager, { code: 'bench', name: 'Bench', isDefault: true });
    const base = await app.listen();
    const signIn = await app.yoga.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `mutation { login(input: { email: "admin@bench.local", password: "${password}" }) { ... on StaffSession { token } } }` }) });
    const token = ((await signIn.json()) as { data: { login: { token: string } } }).data.login.token;
    const membersCsv = join(dir, 'members.csv');
    const purchasesCsv = join(dir, 'purchases.csv');
    await writeCsv(membersCsv, 'externalId,email,name,consentEmail', options.members, (i) => `B-${i},b${i}@example.com,Member ${i},yes`);
    const day = 86_400_000;
    const start = Date.UTC(2022, 0, 1);
    await writeCsv(purchasesCsv, 'externalId,memberExternalId,total,occurredAt,storeId', options.purchases, (i) => `R-${i},B-${(i * 7919) % options.members},${100 + (i % 5000)}.${String(i % 100).padStart(2, '0')},${new Date(start + (i % 1000) * day).toISOString()},s${i % 40}`);

    let started = performance.now();
    const members = await upload(base, membersCsv, 'members', token);
    const membersMs = performance.now() - started;
    started = performance.now();
    const purchases = await upload(base, purchasesCsv, 'purchases', token);
    const purchasesMs = performance.now() - started;

    // The floor: the same receipts straight into the table, 1,000 rows an INSERT.
    await admin.query(`CREATE TABLE \`${name}\`.floor_purchases LIKE \`${name}\`.purchases`);
    const pool = createPool({ ...benchDb.connection, connectionLimit: 1 });
    started = performance.now();
    for (let i = 0; i < options.purchases; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, options.purchases - i) }, (_, k) => {
        const n = i + k;
        return [`R-${n}`, 'x', (n * 7919) % options.members, 1, 10000 + (n % 5000), 'RUB', 'store', `s${n % 40}`, new Date(start + (n % 1000) * day), new Date()];
      });
      await pool.query('INSERT INTO floor_purchases (externalId, requestHash, memberId, programId, totalMinor, currency, channel, storeId, occurredAt, createdAt) VALUES ?', [rows]);
    }
    const floorMs = performance.now() - started;
    await pool.end();
    const perSecond = (rows: number, ms: number) => Math.round((rows / ms) * 1000);
    return {
      members: { rows: options.members, imported: members.rowsImported, seconds: Number((membersMs / 1000).toFixed(1)), rowsPerSecond: perSecond(options.members, membersMs) },
      purchases: { rows: options.purchases, imported: purchases.rowsImported, failed: purchases.rowsFailed, seconds: Number((purchasesMs / 1000).toFixed(1)), rowsPerSecond: perSecond(options.purchases, purchasesMs) },
      floor: { seconds: Number((floorMs / 1000).toFixed(1)), rowsPerSecond: perSecond(options.purchases, floorMs) },
    };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
    await benchDb.drop();
  }
}
