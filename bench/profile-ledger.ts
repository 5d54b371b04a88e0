// Diagnostic, not part of `npm run bench`: lists every SQL statement of one recordPurchase
// and one redeemPoints over HTTP, then runs the same load as bench/ledger.ts so that the
// process can be profiled (`node --cpu-prof --import tsx bench/profile-ledger.ts`).
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { createPool } from 'mysql2/promise';
import { createApp } from '../server/src/app';
import { loadConfig, parseDatabaseUrl } from '../server/src/config';
import { onStatement } from '../server/src/db/query-stats';
import { TEN_A_VISIT } from './ledger';
import { runPool, summarize } from './measure';

const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/patron';
const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const database = parseDatabaseUrl(databaseUrl)!;
if (database.dialect !== 'mysql') throw new Error('mysql only');
const name = `patron_prof_${randomBytes(3).toString('hex')}`;
const admin = createPool({ host: database.host, port: database.port, user: database.user, password: database.password, connectionLimit: 1 });
await admin.query(`CREATE DATABASE \`${name}\``);
const url = new URL(databaseUrl);
url.pathname = `/${name}`;
const app = await createApp(loadConfig({ DATABASE_URL: url.toString(), PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'bench-admin-password', WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', DATABASE_POOL_SIZE: '10' }));
try {
  const base = await app.listen();
  const { services, dataSource } = app;
  await services.programs.create(dataSource.manager, { code: 'bench', name: 'Bench', isDefault: true });
  const { secret } = await services.auth.createApiKey(dataSource.manager, { name: 'bench', scopes: ['members:write', 'purchases:write', 'points:redeem'] }, null);
  if (process.env.PROFILE_CAMPAIGN) {
    // One active campaign on purchases, as the performance issue measures the write path.
    const campaign = await services.campaigns.create(dataSource.manager, { name: 'Ten a visit', graph: TEN_A_VISIT }, null);
    await services.campaigns.publish(dataSource.manager, campaign.id, null, null);
  }
  const memberIds: number[] = [];
  for (let i = 0; i < 500; i++) memberIds.push((await services.members.create(dataSource.manager, { externalId: `B-${i}` })).member.id);
  const gid = (id: number) => Buffer.from(`Member:${id}`).toString('base64');
  const call = async (query: string, variables: unknown) => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: Record<string, { __typename: string }> };
    const result = body.data && Object.values(body.data)[0];
    if (!result || (result.__typename !== 'PurchaseRecorded' && result.__typename !== 'PointsRedeemed')) throw new Error(JSON.stringify(body));
  };
  const PURCHASE = `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { __typename ... on PurchaseRecorded { pointsEarned } } }`;
  const REDEEM = `mutation($input: RedeemPointsInput!) { redeemPoints(input: $input) { __typename } }`;
  const purchase = (id: string, i: number) => call(PURCHASE, { input: { externalId: id, memberId: gid(memberIds[i % memberIds.length]), totalMinor: 500_00 + (i % 1000), currency: 'RUB', channel: 'STORE', items: [{ sku: 'LATTE', quantity: 2, unitPriceMinor: 250_00 }] } });
  const redeem = (id: string, i: number) => call(REDEEM, { input: { externalId: id, memberId: gid(memberIds[i % memberIds.length]), points: 5 } });
  await purchase('first', 1);
  await redeem('first-x', 1);
  for (const [label, run] of [['recordPurchase', () => purchase('trace', 1)], ['redeemPoints', () => redeem('trace-x', 1)]] as const) {
    const seen: string[] = [];
    const off = onStatement((sql) => seen.push(sql.replace(/\s+/g, ' ').slice(0, 220)));
    await run();
    off();
    console.log(`\n${label}: ${seen.length} statements over HTTP`);
    for (const sql of seen) console.log(`  ${sql}`);
  }
  if (process.env.PROFILE_TRACE_ONLY) process.exit(0);
  await runPool(200, concurrency, (i) => purchase(`W-${i}`, i));
  // PROFILE_OUT=file.cpuprofile: a CPU profile of the measured load only (not start-up).
  const session = process.env.PROFILE_OUT ? new Session() : null;
  const post = (method: string, params?: object) => new Promise<unknown>((resolve, reject) => session!.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
  if (session) {
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 500 });
    await post('Profiler.start');
  }
  const p = summarize(await runPool(requests, concurrency, (i) => purchase(`P-${i}`, i)));
  const r = summarize(await runPool(requests, concurrency, (i) => redeem(`X-${i}`, i)));
  if (session) {
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    writeFileSync(process.env.PROFILE_OUT!, JSON.stringify(profile));
  }
  console.log({ purchase: p, redeem: r });
} finally {
  await app.close();
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.end();
}
