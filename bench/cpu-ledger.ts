// Diagnostic, not part of `npm run bench`: the server's main-thread time per request
// (event-loop utilisation × wall time ÷ requests) for recordPurchase with a campaign and
// for redeemPoints. Throughput on a shared 2-core box swings with the neighbours; the
// time the server's own thread spends per request is the steadier figure to compare two
// versions of the code by. `npx tsx bench/cpu-ledger.ts` (BENCH_REQUESTS, ROUNDS).
import './as-deployed';
import { performance } from 'node:perf_hooks';
import { createPool, type Pool } from 'mysql2/promise';
import { mysqlConnection } from '../server/src/db/data-source';
import { sha256 } from '../server/src/auth/secrets';
import { startHttpLoad } from './http-load';
import { GRAPHQL_PURCHASE, GRAPHQL_REDEEM } from './ledger';
import { rawPurchaseAsPatron, rawRedeemAsPatron } from './ledger-as-patron';
import { openLedgerApp } from './ledger-app';
import { runPool } from './measure';

const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const rounds = Number(process.env.ROUNDS ?? 3);
const only = process.env.ONLY; // 'patron' or 'raw': only those rows (when profiling)
const { base, database, program, secret, campaign, memberIds, close } = await openLedgerApp('patron_cpu', { campaign: true });
const load = startHttpLoad();
let raw: Pool | undefined;
try {
  const gid = (id: number) => Buffer.from(`Member:${id}`).toString('base64');
  const send = async (query: string, tag: string) => {
    const bodies = Array.from({ length: requests }, (_, i) =>
      JSON.stringify({
        query,
        variables:
          query === GRAPHQL_REDEEM
            ? { input: { externalId: `${tag}-${i}`, memberId: gid(memberIds[i % 500]), points: 5 } }
            : { input: { externalId: `${tag}-${i}`, memberId: gid(memberIds[i % 500]), totalMinor: 500_00 + (i % 1000), currency: 'RUB', channel: 'STORE', items: [{ sku: 'LATTE', quantity: 2, unitPriceMinor: 250_00 }] } },
      }),
    );
    const before = performance.eventLoopUtilization();
    const measurement = await load.run({ url: `${base}/graphql`, headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, bodies, concurrency: 32, expect: ['"PurchaseRecorded"', '"PointsRedeemed"'] });
    const used = performance.eventLoopUtilization(before);
    return { msPerRequest: used.active / requests, perSecond: Math.round(requests / ((used.active + used.idle) / 1000)), measurement };
  };
  raw = createPool({ ...mysqlConnection(database), database: database.database, connectionLimit: 10, timezone: 'Z', multipleStatements: true });
  const keyHash = sha256(secret);
  const rawRun = async (redeem: boolean, tag: string) => {
    const before = performance.eventLoopUtilization();
    await runPool(requests, 32, (i) =>
      redeem ? rawRedeemAsPatron(raw!, keyHash, `${tag}-${i}`, memberIds[i % 500], program.id, 5) : rawPurchaseAsPatron(raw!, keyHash, `${tag}-${i}`, memberIds[i % 500], program.id, 500_00 + (i % 1000), campaign!),
    );
    const used = performance.eventLoopUtilization(before);
    return { msPerRequest: used.active / requests, perSecond: Math.round(requests / ((used.active + used.idle) / 1000)) };
  };
  await send(GRAPHQL_PURCHASE, 'W');
  const rows: string[] = [];
  for (let r = 0; r < rounds; r++) {
    if (only !== 'raw') {
      const p = await send(GRAPHQL_PURCHASE, `P${r}`);
      const x = await send(GRAPHQL_REDEEM, `X${r}`);
      rows.push(`Patron: purchase+campaign ${p.msPerRequest.toFixed(3)} ms/req (${p.perSecond}/s) · redeem ${x.msPerRequest.toFixed(3)} ms/req (${x.perSecond}/s)`);
    }
    if (only !== 'patron') {
      const rp = await rawRun(false, `RP${r}`);
      const rx = await rawRun(true, `RX${r}`);
      rows.push(`raw own statements: purchase+campaign ${rp.msPerRequest.toFixed(3)} ms/req (${rp.perSecond}/s) · redeem ${rx.msPerRequest.toFixed(3)} ms/req (${rx.perSecond}/s)`);
    }
  }
  console.log(rows.join('\n'));
} finally {
  await load.close();
  await raw?.end();
  await close();
}
