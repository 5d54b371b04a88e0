// Diagnostic, not part of `npm run bench`: the time per request of the server's main thread
// (busy: event-loop utilisation × wall time ÷ requests; on a core: its CPU time from /proc,
// which leaves out the time it waited, preempted, for a core) and of the database server,
// for recordPurchase with a campaign and for redeemPoints. Throughput on a shared 2-core
// box swings with the neighbours; the time each side spends per request is the steadier
// figure to compare two versions of the code by. `npx tsx bench/cpu-ledger.ts`
// (BENCH_REQUESTS, ROUNDS).
import './as-deployed';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
/** The database server on this host (MariaDB or MySQL), whose CPU time /proc gives. */
const databasePid = (() => {
  try {
    return execFileSync('pidof', ['mariadbd', 'mysqld']).toString().trim().split(/\s+/)[0] || null;
  } catch {
    return null;
  }
})();
/** CPU time (user + system) so far in ms of a process or thread, from its /proc stat file (in ticks of 1/100 s); NaN where there is none. */
const cpuMsOf = (statFile: string | null) => {
  if (!statFile) return NaN;
  const fields = readFileSync(statFile, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};
const databaseStat = databasePid && `/proc/${databasePid}/stat`;
const mainThreadStat = `/proc/self/task/${process.pid}/stat`;

/** `work`'s `requests` requests, with each side's time per request. */
async function measured(work: () => Promise<unknown>) {
  const before = performance.eventLoopUtilization();
  const database = cpuMsOf(databaseStat);
  const mainThread = cpuMsOf(mainThreadStat);
  await work();
  const used = performance.eventLoopUtilization(before);
  const perRequest = (ms: number) => (ms / requests).toFixed(2);
  return `${perRequest(used.active)} ms/req busy, ${perRequest(cpuMsOf(mainThreadStat) - mainThread)} on a core, database ${perRequest(cpuMsOf(databaseStat) - database)} (${Math.round(requests / ((used.active + used.idle) / 1000))}/s)`;
}
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
    return measured(() => load.run({ url: `${base}/graphql`, headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, bodies, concurrency: 32, expect: ['"PurchaseRecorded"', '"PointsRedeemed"'] }));
  };
  raw = createPool({ ...mysqlConnection(database), database: database.database, connectionLimit: 10, timezone: 'Z', multipleStatements: true });
  const keyHash = sha256(secret);
  const rawRun = (redeem: boolean, tag: string) =>
    measured(() =>
      runPool(requests, 32, (i) =>
        redeem ? rawRedeemAsPatron(raw!, keyHash, `${tag}-${i}`, memberIds[i % 500], program.id, 5) : rawPurchaseAsPatron(raw!, keyHash, `${tag}-${i}`, memberIds[i % 500], program.id, 500_00 + (i % 1000), campaign!),
      ),
    );
  await send(GRAPHQL_PURCHASE, 'W');
  const rows: string[] = [];
  for (let r = 0; r < rounds; r++) {
    if (only !== 'raw') {
      const p = await send(GRAPHQL_PURCHASE, `P${r}`);
      const x = await send(GRAPHQL_REDEEM, `X${r}`);
      rows.push(`Patron: purchase+campaign ${p} · redeem ${x}`);
    }
    if (only !== 'patron') {
      const rp = await rawRun(false, `RP${r}`);
      const rx = await rawRun(true, `RX${r}`);
      rows.push(`raw own statements: purchase+campaign ${rp} · redeem ${rx}`);
    }
  }
  console.log(rows.join('\n'));
} finally {
  await load.close();
  await raw?.end();
  await close();
}
