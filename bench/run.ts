// `npm run bench`: runs the benchmarks and writes bench/results/latest.{json,md}.
// Figures are ratios against a baseline measured in the same run; absolute numbers are
// reported beside them and never asserted.
// First: the server's V8 flags (with-server-flags.ts starts the run again with them when
// missing); then graphql-js reads NODE_ENV when it is first imported (as-deployed.ts).
import { V8_FLAGS } from './with-server-flags';
import './as-deployed';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { executorBench, graphqlBench } from './graphql';
import { importsBench } from './imports';
import { jobsBench } from './jobs';
import { nPlusOneBench, type ListStatements } from './n-plus-one';
import { ledgerBench } from './ledger';
import { rulesBench } from './rules';
import { scaleBench } from './scale';
import { webBench, type WebBench } from './web';

const here = dirname(fileURLToPath(import.meta.url));
const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/patron';
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const requests = Number(process.env.BENCH_REQUESTS ?? 3000);

// `tsx bench/run.ts ledger graphql` runs only the sections named; the others keep their
// figures from the last full run (latest.json), and the report says when each was measured.
const only = new Set(process.argv.slice(2));
const runs = (section: string) => only.size === 0 || only.has(section);
const previousPath = join(here, 'results', 'latest.json');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const previous: any = only.size && existsSync(previousPath) ? JSON.parse(readFileSync(previousPath, 'utf8')) : {};
const measuredAt: Record<string, string> = { ...(previous.measuredAt ?? {}) };
async function section<T>(name: string, run: () => Promise<T>): Promise<T> {
  if (!runs(name)) {
    measuredAt[name] ??= previous.date;
    return previous[name] as T;
  }
  const result = await run();
  measuredAt[name] = new Date().toISOString();
  return result;
}

const rules = await section('rules', () => rulesBench());
const ledger = await section('ledger', async () => (process.env.BENCH_SKIP_LEDGER ? null : await ledgerBench({ databaseUrl, concurrency, requests, members: 500, turns: 5 })));
const graphql = await section('graphql', async () => ({ ...(await graphqlBench({ concurrency, requests: Math.max(requests, 20_000), turns: 5, warmup: 20_000 })), executor: await executorBench({ requests: 100, turns: 5 }) }));
const nPlusOne = await section('nPlusOne', async (): Promise<ListStatements[] | null> => (process.env.BENCH_SKIP_LEDGER ? null : await nPlusOneBench({ databaseUrl })));
const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const jobs = await section('jobs', async () => (process.env.BENCH_SKIP_LEDGER ? null : await jobsBench({ databaseUrl, redisUrl, jobs: Number(process.env.BENCH_JOBS ?? 2000) })));
const imports = await section('imports', async () =>
  process.env.BENCH_SKIP_LEDGER
    ? null
    : await importsBench({ databaseUrl, members: Number(process.env.BENCH_IMPORT_MEMBERS ?? 100_000), purchases: Number(process.env.BENCH_IMPORT_PURCHASES ?? 1_000_000) }),
);
const scale = await section('scale', async () =>
  process.env.BENCH_SKIP_LEDGER ? null : await scaleBench({ databaseUrl, members: Number(process.env.BENCH_SCALE_MEMBERS ?? 1_000_000) }),
);
// BENCH_SKIP_WEB: no browser or no build here. The web section needs `npm run build` first.
const web = await section('web', async (): Promise<WebBench | null> => (process.env.BENCH_SKIP_WEB ? null : await webBench()));
const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, v8Flags: V8_FLAGS, platform: process.platform };
const report = { date: new Date().toISOString(), measuredAt, machine, rules, ledger, graphql, nPlusOne, jobs, imports, scale, web };

const ratio = (a: number, b: number) => `${((a / b) * 100).toFixed(0)} %`;
const times = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
const rulesMd = `## Rule evaluation (${rules.nodes}-node flow, one process, same inputs)

| implementation | evaluations/s | µs each | vs json-rules-engine | vs hand-written |
| --- | ---: | ---: | ---: | ---: |
| ${rules.compiled.label} | ${rules.compiled.opsPerSecond} | ${rules.compiled.microsPerOp} | ${times(rules.compiled.opsPerSecond, rules.json.opsPerSecond)} | ${ratio(rules.compiled.opsPerSecond, rules.hand.opsPerSecond)} |
${rules.traced ? `| ${rules.traced.label} | ${rules.traced.opsPerSecond} | ${rules.traced.microsPerOp} | ${times(rules.traced.opsPerSecond, rules.json.opsPerSecond)} | ${ratio(rules.traced.opsPerSecond, rules.hand.opsPerSecond)} |\n` : ''}| ${rules.hand.label} | ${rules.hand.opsPerSecond} | ${rules.hand.microsPerOp} | ${times(rules.hand.opsPerSecond, rules.json.opsPerSecond)} | 100 % |
| ${rules.json.label} 7.3.1 | ${rules.json.opsPerSecond} | ${rules.json.microsPerOp} | 1× | ${ratio(rules.json.opsPerSecond, rules.hand.opsPerSecond)} |

1,000 active campaigns on one trigger, one event: p50 ${rules.thousandCampaigns.p50Ms} ms, p99 ${rules.thousandCampaigns.p99Ms} ms${rules.thousandCampaigns.roundsP99Ms ? ` (the median of five rounds of 1,000 events; p99 of each round: ${rules.thousandCampaigns.roundsP99Ms.join(', ')} ms)` : ''}.${rules.thousandCampaigns.scavenges !== undefined ? ` Young-generation collections in the 5,000 events: ${rules.thousandCampaigns.scavenges}, median ${rules.thousandCampaigns.scavengeMedianMs} ms each: one in every ${Math.round(5000 / Math.max(1, rules.thousandCampaigns.scavenges))} events${rules.thousandCampaigns.scavenges > 50 ? ', more than 1 %: the p99 is an event that holds one' : ''}.` : ''}
Goals (performance issue): ≥ 50× json-rules-engine, ≥ 50 % of hand-written, 1,000 campaigns < 1 ms p99.
`;
const r = ledger?.results;
/** One row of the open-loop table; none where the run did not measure it. */
const openRow = (label: string, offered: string | number, m: { perSecond: number; p50Ms: number; p95Ms: number; p99Ms: number } | undefined) =>
  m ? `| ${label} | ${offered} | ${m.perSecond} | ${m.p50Ms} | ${m.p95Ms} | ${m.p99Ms} |\n` : '';
/** Patron's share of its floor in each turn, as "path a %, b %, c %" per pair. */
const turnShares = (perTurn: Record<string, number[]>, pairs: [string, string, string][]) =>
  pairs.map(([label, patron, floor]) => `${label} ${perTurn[patron].map((rate, t) => ratio(rate, perTurn[floor][t])).join(', ')}`).join('; ');
/** The open-loop rows (at 1,000/s, each beside its floor, and at half rate), and every 1,000/s turn's p99. */
const openLoopMd = !ledger || !r
  ? ''
  : `${(
      [
        ['recordPurchase, campaign active', 1000, r.openPurchaseCampaignAt1000],
        ['purchase with the campaign (raw floor)', 1000, r.openRawPurchaseCampaignAt1000],
        ['recordPurchase, campaign active', `${ledger.openLoopRates.purchaseHalf} (half of the above's)`, r.openPurchaseCampaignAtHalf],
        ['redeemPoints', 1000, r.openRedeemAt1000],
        ['redeem (raw floor)', 1000, r.openRawRedeemAt1000],
        ['redeemPoints', `${ledger.openLoopRates.redeemHalf} (half of the above's)`, r.openRedeemAtHalf],
      ] as const
    )
      .map(([label, offered, m]) => openRow(label, offered, m))
      .join('')}${
      ledger.openP99PerTurn?.openPurchaseCampaignAt1000
        ? `
The 1,000/s rows: each at its median turn by p99 of ${ledger.turns} alternating turns, Patron's and the floor's (the
least SQL for the same work, sent from the benchmark's process with no server between). p99 in each turn:
${[
  ['recordPurchase', 'openPurchaseCampaignAt1000'],
  ['its floor', 'openRawPurchaseCampaignAt1000'],
  ['redeemPoints', 'openRedeemAt1000'],
  ['its floor', 'openRawRedeemAt1000'],
]
  .map(([label, key]) => `${label} ${(ledger.openP99PerTurn[key] as number[]).join(', ')} ms`)
  .join('; ')}.
`
        : ''
    }`;
const ledgerMd = !ledger || !r
  ? 'Ledger benchmark skipped (BENCH_SKIP_LEDGER).\n'
  : `## Ledger write path (${ledger.requests} requests per row${ledger.turns > 1 ? ` a turn, each row at its median of ${ledger.turns} alternating turns` : ''}, concurrency ${ledger.concurrency}, ${ledger.members} members, pool ${ledger.poolSize}, database over ${ledger.transport ?? 'TCP'})

Patron: HTTP + GraphQL (yoga, Pothos) + services + TypeORM, configured as deployed (NODE_ENV=production): purchases and
redemptions that arrive while others are being written are written together, in one transaction whose rows go in
multi-row statements (WRITE_GROUPS, db/write-groups.ts); a call that arrives alone is written alone. Its SQL statements
below are those of one call written alone.
Floor: a raw mysql2 script issuing the least SQL for the same work in one transaction, one statement at a time (with the campaign:
its trace, and its own entry and lot, its points on the same balance update; which campaigns run is known
without a read, as Patron knows it between two changes by staff).
Patron's own statements: the statements Patron sends (the API key, the reads, the writes, the audit entry),
issued through raw mysql2 in the same transactions and in Patron's packets (what no one waits for rides with the next
statement, START TRANSACTION with the first: 6 round trips for a purchase, 7 with the campaign or redeeming; db/round-trips.ts):
Patron's cost if its code took no time (+ 2: the key read and the audit entry, which the other rows' counts leave out).

| path | requests/s | p50 ms | p95 ms | p99 ms | SQL statements | share of floor |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
| recordPurchase (Patron) | ${r.patronPurchase.perSecond} | ${r.patronPurchase.p50Ms} | ${r.patronPurchase.p95Ms} | ${r.patronPurchase.p99Ms} | ${ledger.statementsPerRequest.patronPurchase} | ${ratio(r.patronPurchase.perSecond, r.rawPurchase.perSecond)} |
| purchase (raw floor) | ${r.rawPurchase.perSecond} | ${r.rawPurchase.p50Ms} | ${r.rawPurchase.p95Ms} | ${r.rawPurchase.p99Ms} | ${ledger.statementsPerRequest.rawPurchase} | 100 % |
| recordPurchase, hot members (Zipf 1.1) | ${r.patronPurchaseSkewed.perSecond} | ${r.patronPurchaseSkewed.p50Ms} | ${r.patronPurchaseSkewed.p95Ms} | ${r.patronPurchaseSkewed.p99Ms} | ${ledger.statementsPerRequest.patronPurchase} | ${ratio(r.patronPurchaseSkewed.perSecond, r.rawPurchaseSkewed.perSecond)} of the skewed floor; ${ratio(r.patronPurchaseSkewed.perSecond, r.patronPurchase.perSecond)} of uniform |
| purchase, hot members (raw floor) | ${r.rawPurchaseSkewed.perSecond} | ${r.rawPurchaseSkewed.p50Ms} | ${r.rawPurchaseSkewed.p95Ms} | ${r.rawPurchaseSkewed.p99Ms} | ${ledger.statementsPerRequest.rawPurchase} | 100 %; ${ratio(r.rawPurchaseSkewed.perSecond, r.rawPurchase.perSecond)} of uniform |
| purchase (raw, Patron's own statements) | ${r.rawPurchaseAsPatron.perSecond} | ${r.rawPurchaseAsPatron.p50Ms} | ${r.rawPurchaseAsPatron.p95Ms} | ${r.rawPurchaseAsPatron.p99Ms} | ${ledger.statementsPerRequest.rawPurchaseAsPatron} | Patron: ${ratio(r.patronPurchase.perSecond, r.rawPurchaseAsPatron.perSecond)} of this |
| recordPurchase, one campaign active (Patron) | ${r.patronPurchaseCampaign.perSecond} | ${r.patronPurchaseCampaign.p50Ms} | ${r.patronPurchaseCampaign.p95Ms} | ${r.patronPurchaseCampaign.p99Ms} | ${ledger.statementsPerRequest.patronPurchaseCampaign} | ${ratio(r.patronPurchaseCampaign.perSecond, r.rawPurchaseCampaign.perSecond)} |
| purchase with the campaign (raw floor) | ${r.rawPurchaseCampaign.perSecond} | ${r.rawPurchaseCampaign.p50Ms} | ${r.rawPurchaseCampaign.p95Ms} | ${r.rawPurchaseCampaign.p99Ms} | ${ledger.statementsPerRequest.rawPurchaseCampaign} | 100 % |
| purchase with the campaign (raw, Patron's own statements) | ${r.rawPurchaseCampaignAsPatron.perSecond} | ${r.rawPurchaseCampaignAsPatron.p50Ms} | ${r.rawPurchaseCampaignAsPatron.p95Ms} | ${r.rawPurchaseCampaignAsPatron.p99Ms} | ${ledger.statementsPerRequest.rawPurchaseCampaignAsPatron} | Patron: ${ratio(r.patronPurchaseCampaign.perSecond, r.rawPurchaseCampaignAsPatron.perSecond)} of this |
| redeemPoints (Patron) | ${r.patronRedeem.perSecond} | ${r.patronRedeem.p50Ms} | ${r.patronRedeem.p95Ms} | ${r.patronRedeem.p99Ms} | ${ledger.statementsPerRequest.patronRedeem} | ${ratio(r.patronRedeem.perSecond, r.rawRedeem.perSecond)} |
| redeem (raw floor) | ${r.rawRedeem.perSecond} | ${r.rawRedeem.p50Ms} | ${r.rawRedeem.p95Ms} | ${r.rawRedeem.p99Ms} | ${ledger.statementsPerRequest.rawRedeem} | 100 % |
| redeem (raw, Patron's own statements) | ${r.rawRedeemAsPatron.perSecond} | ${r.rawRedeemAsPatron.p50Ms} | ${r.rawRedeemAsPatron.p95Ms} | ${r.rawRedeemAsPatron.p99Ms} | ${ledger.statementsPerRequest.rawRedeemAsPatron} | Patron: ${ratio(r.patronRedeem.perSecond, r.rawRedeemAsPatron.perSecond)} of this |

Goals (performance issue): at least 50 % of the floor; with hot members, at least 80 % of the uniform throughput.
${ledger.perTurn?.patronPurchase?.length > 1 ? `Share of the floor in each turn: ${turnShares(ledger.perTurn, [['recordPurchase', 'patronPurchase', 'rawPurchase'], ['with the campaign', 'patronPurchaseCampaign', 'rawPurchaseCampaign'], ['redeemPoints', 'patronRedeem', 'rawRedeem'], ['hot members', 'patronPurchaseSkewed', 'rawPurchaseSkewed']])}.\n` : ''}${
  r.openPurchaseCampaignAt1000
    ? `
Latency at a fixed arrival rate (open loop: each request is sent when due, whatever the answers before it, and
its latency counts from then, so a server that falls behind shows it):

| path | offered /s | answered /s | p50 ms | p95 ms | p99 ms |
| --- | ---: | ---: | ---: | ---: | ---: |
${openLoopMd}
Goal (performance issue): p99 ≤ 50 ms at 1,000 events/s. Where this box sustains less than 1,000 a second, the
backlog grows for as long as the load lasts and the 1,000/s latencies measure the queue, not the server.
`
    : ''
}`;
const graphqlMd = `## GraphQL overhead (\`{ __typename }\`, ${graphql.requests} requests a turn${graphql.turns ? `, the median of ${graphql.turns} alternating turns` : ''}, concurrency ${graphql.concurrency})

| path | requests/s | p50 ms | p99 ms | share of floor |
| --- | ---: | ---: | ---: | ---: |
| Patron HTTP + yoga + Pothos | ${graphql.patron.perSecond} | ${graphql.patron.p50Ms} | ${graphql.patron.p99Ms} | ${ratio(graphql.patron.perSecond, graphql.floor.perSecond)} |
| bare node:http, same JSON (floor) | ${graphql.floor.perSecond} | ${graphql.floor.p50Ms} | ${graphql.floor.p99Ms} | 100 % |

Goal (performance issue): ≥ 60 % of the bare endpoint.${graphql.shares ? ` Share in each turn: ${graphql.shares.join(' %, ')} %.` : ''}${
  graphql.lanes ? ` Patron's requests by lane while measured (patron_graphql_requests_total): ${Object.entries(graphql.lanes as Record<string, number>).map(([lane, count]) => `${lane} ${count}`).join(', ')}.` : ''
}
${
  graphql.executor
    ? `
The executor on a real read (${graphql.executor.query}, a signed-in marketer, through yoga in-process on a seeded
SQLite file, ${graphql.executor.requests} requests a turn, median of ${graphql.executor.turns ?? 5} alternating turns):

| executor | ms per request | share of graphql-js's time |
| --- | ---: | ---: |
| graphql-jit, each operation compiled once (GRAPHQL_JIT=true, the default) | ${graphql.executor.compiledMs} | ${ratio(graphql.executor.compiledMs, graphql.executor.graphqlJsMs)} |
| graphql-js's executor, as yoga ships (GRAPHQL_JIT=false) | ${graphql.executor.graphqlJsMs} | 100 % |
`
    : ''
}`;
/** A goal met or not. */
const mark = (met: boolean) => (met ? '✅' : '❌');
const nPlusOneMd = !nPlusOne
  ? ''
  : `## N+1 (SQL statements of one read at two sizes, through GraphQL as staff, on MariaDB with the demo data)

| read | rows | statements | rows | statements | equal |
| --- | ---: | ---: | ---: | ---: | :---: |
${nPlusOne.map((l) => `| ${l.read} | ${l.small.rows} | ${l.small.statements} | ${l.large.rows} | ${l.large.statements} | ${mark(l.small.statements === l.large.statements)} |`).join('\n')}

Goal (performance issue): equal counts. The tests hold them too (loyalty-loaders, community-live).
`;
const jobsMd = !jobs
  ? 'Jobs benchmark skipped (BENCH_SKIP_LEDGER).\n'
  : `## Job queue (${jobs.jobs} jobs, each one insert in its transaction, two instances)

| runner | jobs/s | share of floor |
| --- | ---: | ---: |
| database queue (SKIP LOCKED, batches of 50) | ${jobs.databaseQueue.jobsPerSecond} | ${ratio(jobs.databaseQueue.jobsPerSecond, jobs.floor.jobsPerSecond)} |
| BullMQ (Redis relay, 4 per instance) | ${jobs.bullmq.jobsPerSecond} | ${ratio(jobs.bullmq.jobsPerSecond, jobs.floor.jobsPerSecond)} |
| the same transactions run directly, 8 at once (floor) | ${jobs.floor.jobsPerSecond} | 100 % |
`;
const importsMd = !imports
  ? ''
  : `## Bulk import from CSV (over HTTP, streamed, MariaDB)

| file | rows | seconds | rows/s | share of floor |
| --- | ---: | ---: | ---: | ---: |
| members (with consents) | ${imports.members.rows} | ${imports.members.seconds} | ${imports.members.rowsPerSecond} | |
| receipts (validated, idempotent, account totals, tiers) | ${imports.purchases.rows} | ${imports.purchases.seconds} | ${imports.purchases.rowsPerSecond} | ${ratio(imports.purchases.rowsPerSecond, imports.floor.rowsPerSecond)} |
| the same receipts, raw multi-row INSERTs of 1,000 (floor) | ${imports.purchases.rows} | ${imports.floor.seconds} | ${imports.floor.rowsPerSecond} | 100 % |

Goal (self-hosting issue): a million receipts in minutes, not hours.
`;
const scaleMd = !scale
  ? ''
  : `## Scale (${scale.counts.members.toLocaleString('en')} members, ${scale.counts.entries.toLocaleString('en')} ledger entries, ${scale.counts.purchases.toLocaleString('en')} purchases, ${scale.counts.lots.toLocaleString('en')} point lots; ${scale.database})

Each read through GraphQL as the console or an API client sends it, after one warm-up call; the plan of each SELECT from EXPLAIN (table, access type, index, estimated rows).${scale.generatedSeconds ? ` Generating the data took ${scale.generatedSeconds} s.` : ''}

| read | runs | p50 ms | max ms | statements | full scans of big tables |
| --- | ---: | ---: | ---: | ---: | --- |
${scale.timings.map((t: { label: string; runs: number; p50Ms: number; maxMs: number; statements: number; fullScans: string[] }) => `| ${t.label} | ${t.runs} | ${t.p50Ms} | ${t.maxMs} | ${t.statements} | ${t.fullScans.join(', ') || 'none'} |`).join('\n')}
| expiry batch (maintenance run) | 1 | ${scale.expiry.seconds * 1000} | | | ${scale.expiry.accounts} accounts with due lots, ${scale.expiry.accountsPerSecond} accounts/s |

Plans:
${scale.timings.map((t: { label: string; plans: string[] }) => `- ${t.label}: ${[...new Set(t.plans)].map((p) => `\`${p}\``).join('; ')}`).join('\n')}

Slowest statements (50 ms or more, each run alone):
${scale.timings.flatMap((t: { label: string; slowest?: { ms: number; sql: string }[] }) => (t.slowest ?? []).map((s) => `- ${t.label}: ${s.ms} ms — \`${s.sql}\``)).join('\n') || '- none'}

Goals, set from the first run (see the performance issue): a member's balance and history under 20 ms, members search under 100 ms for any term, the dashboard under 2 s, the expiry batch at 1,000 accounts/s or more.
`;
const webMd = !web
  ? ''
  : `## Web (production build, ${web.browser})

Initial load per route: a new browser context (empty cache, already signed in where the route needs it) opens the route
and waits until the page is drawn and the network is quiet; every script and stylesheet it fetched is gzipped here
(zlib, default level), whatever the server sent.

| route | path | JS gzip KB | CSS gzip KB | JS raw KB | scripts | stylesheets |
| --- | --- | ---: | ---: | ---: | ---: | ---: |
${web.routes.map((r) => `| ${r.route} | \`${r.path}\` | ${r.jsGzipKB}${r.area === 'portal' ? ` ${mark(r.jsGzipKB <= 150)}` : ''} | ${r.cssGzipKB} | ${r.jsRawKB} | ${r.scripts} | ${r.stylesheets} |`).join('\n')}

Flow editor: a chain of amount conditions with an award on each false branch. Open: click in the campaigns list until
the nodes are visible and the diagnostics computed, measured in the page, the editor's code from the HTTP cache.
Drag: one node moved by ${web.dragSteps} mouse steps; frame times from requestAnimationFrame timestamps during the drag;
step: wall time per mouse move as Playwright waits for each. Median of ${web.runs} runs each.

| nodes | nodes drawn | open ms | drag frame mean ms | drag frame p95 ms | ms per drag step | open runs ms |
| ---: | ---: | ---: | ---: | ---: | ---: | --- |
${web.editor.map((e) => `| ${e.nodes} | ${e.renderedNodes} | ${e.loadMs} | ${e.dragFrameMeanMs} | ${e.dragFrameP95Ms} | ${e.dragStepMs} | ${e.loadRunsMs.join(', ')} |`).join('\n')}

Goals (performance issue): portal first load ≤ ${web.goals.portalFirstLoadKB.limit} KB gzip (largest portal route ${web.goals.portalFirstLoadKB.value} KB ${mark(web.goals.portalFirstLoadKB.met)});
800 nodes open ≤ 1.8 s (${web.goals.load800Ms ? `${web.goals.load800Ms.value} ms ${mark(web.goals.load800Ms.met)}` : 'not measured'});
drag frame time at 500 nodes ≤ 2× at 50 (${web.goals.drag500vs50 ? `${web.goals.drag500vs50.value}× ${mark(web.goals.drag500vs50.met)}` : 'not measured'}).
Caveats: ${machine.cpus} cores shared with other work, headless Chromium with software rendering (no GPU), so absolute
times are high and noisy; the ratios between sizes are the better guide.
`;
const md = `# Benchmarks

Run ${report.date} on ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node} (${machine.v8Flags.join(' ') || 'no V8 flags'}, as the server runs)${ledger ? `; database ${ledger.database}` : ''}.
${only.size ? `\nThis run measured ${[...only].join(', ')}; the other sections are from earlier runs (${Object.entries(measuredAt).filter(([k]) => !only.has(k)).map(([k, d]) => `${k} ${d}`).join(', ')}).\n` : ''}
${rulesMd}
${ledgerMd}
${graphqlMd}
${nPlusOneMd}
${jobsMd}
${importsMd}
${scaleMd}
${webMd}`;

// BENCH_WRITE=0: print only, for trying a change without replacing the recorded results.
if (process.env.BENCH_WRITE !== '0') {
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(here, 'results', 'latest.md'), md);
}
console.log(md);
