// Diagnostic, not part of `npm run bench`: lists every SQL statement of one recordPurchase
// and one redeemPoints over HTTP, then runs the same load as bench/ledger.ts so that the
// process can be profiled (`node --cpu-prof --import tsx bench/profile-ledger.ts`).
import './as-deployed';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { onStatement } from '../server/src/db/query-stats';
import { GRAPHQL_PURCHASE, GRAPHQL_REDEEM } from './ledger';
import { openLedgerApp } from './ledger-app';
import { runPool, summarize } from './measure';

const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
// One active campaign on purchases (PROFILE_CAMPAIGN), as the performance issue measures the write path.
const { base, secret, memberIds, close } = await openLedgerApp('patron_prof', { campaign: Boolean(process.env.PROFILE_CAMPAIGN) });
try {
  const gid = (id: number) => Buffer.from(`Member:${id}`).toString('base64');
  const call = async (query: string, variables: unknown) => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: Record<string, { __typename: string }> };
    const result = body.data && Object.values(body.data)[0];
    if (!result || (result.__typename !== 'PurchaseRecorded' && result.__typename !== 'PointsRedeemed')) throw new Error(JSON.stringify(body));
  };
  const purchase = (id: string, i: number) => call(GRAPHQL_PURCHASE, { input: { externalId: id, memberId: gid(memberIds[i % memberIds.length]), totalMinor: 500_00 + (i % 1000), currency: 'RUB', channel: 'STORE', items: [{ sku: 'LATTE', quantity: 2, unitPriceMinor: 250_00 }] } });
  const redeem = (id: string, i: number) => call(GRAPHQL_REDEEM, { input: { externalId: id, memberId: gid(memberIds[i % memberIds.length]), points: 5 } });
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
  if (!process.env.PROFILE_TRACE_ONLY) await profileLoad(purchase, redeem);
} finally {
  await close();
}

/** The same load as bench/ledger.ts, profiled on request. */
async function profileLoad(purchase: (id: string, i: number) => Promise<void>, redeem: (id: string, i: number) => Promise<void>) {
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
}
