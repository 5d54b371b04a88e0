// `npm run bench`: runs the benchmarks and writes bench/results/latest.{json,md}.
// Figures are ratios against a baseline measured in the same run; absolute numbers are
// reported beside them and never asserted.
import { writeFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ledgerBench } from './ledger';

const here = dirname(fileURLToPath(import.meta.url));
const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/patron';
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const requests = Number(process.env.BENCH_REQUESTS ?? 3000);

const ledger = await ledgerBench({ databaseUrl, concurrency, requests, members: 500 });
const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform };
const report = { date: new Date().toISOString(), machine, ledger };

const ratio = (a: number, b: number) => `${((a / b) * 100).toFixed(0)} %`;
const r = ledger.results;
const md = `# Benchmarks

Run ${report.date} on ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}; database ${ledger.database}.

## Ledger write path (${ledger.requests} requests per row, concurrency ${ledger.concurrency}, ${ledger.members} members, pool ${ledger.poolSize})

Patron: HTTP + GraphQL (yoga, Pothos) + services + TypeORM, each call in one transaction.
Floor: a raw mysql2 script issuing the least SQL for the same work in one transaction.

| path | requests/s | p50 ms | p95 ms | p99 ms | SQL statements | share of floor |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
| recordPurchase (Patron) | ${r.patronPurchase.perSecond} | ${r.patronPurchase.p50Ms} | ${r.patronPurchase.p95Ms} | ${r.patronPurchase.p99Ms} | ${ledger.statementsPerRequest.patronPurchase} | ${ratio(r.patronPurchase.perSecond, r.rawPurchase.perSecond)} |
| purchase (raw floor) | ${r.rawPurchase.perSecond} | ${r.rawPurchase.p50Ms} | ${r.rawPurchase.p95Ms} | ${r.rawPurchase.p99Ms} | ${ledger.statementsPerRequest.rawPurchase} | 100 % |
| redeemPoints (Patron) | ${r.patronRedeem.perSecond} | ${r.patronRedeem.p50Ms} | ${r.patronRedeem.p95Ms} | ${r.patronRedeem.p99Ms} | ${ledger.statementsPerRequest.patronRedeem} | ${ratio(r.patronRedeem.perSecond, r.rawRedeem.perSecond)} |
| redeem (raw floor) | ${r.rawRedeem.perSecond} | ${r.rawRedeem.p50Ms} | ${r.rawRedeem.p95Ms} | ${r.rawRedeem.p99Ms} | ${ledger.statementsPerRequest.rawRedeem} | 100 % |

Goal (performance issue): at least 50 % of the floor.
`;

mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(here, 'results', 'latest.md'), md);
console.log(md);
