// Diagnostic, not part of `npm run bench`: the GraphQL overhead load of bench/graphql.ts
// (`{ __typename }` through the real app, and the bare node:http floor), reporting the
// server thread's CPU time per request — steadier than requests/s on a busy machine —
// and, with PROFILE=1, writing a CPU profile of the Patron runs (graphql.cpuprofile) and
// printing its heaviest functions by self time.
//   npx tsx bench/profile-graphql.ts            (BENCH_REQUESTS, BENCH_CONCURRENCY, ROUNDS)
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session, type Profiler } from 'node:inspector';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { startHttpLoad } from './http-load';

const requests = Number(process.env.BENCH_REQUESTS ?? 5000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const rounds = Number(process.env.ROUNDS ?? 2);
const profile = process.env.PROFILE === '1';

/**
 * CPU time of this process's main thread in ms, in user space and in the kernel (utime and
 * stime of its task); the load worker's thread is not counted. The kernel's share (the
 * sockets: both servers make the same system calls per request) is alike on both sides, so
 * the user time is where Patron's own cost shows.
 */
function mainThreadCpuMs(): { user: number; kernel: number } {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: (Number(fields[11]) * 1000) / 100, kernel: (Number(fields[12]) * 1000) / 100 };
}

const app = await createApp(loadConfig({ DATABASE_URL: 'sqlite::memory:', PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'bench-admin-password', WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', JOBS_POLL_MS: '0' }));
const bare = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}'));
});
const patronUrl = `${await app.listen()}/graphql`;
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/graphql`;
const load = startHttpLoad();
const body = JSON.stringify({ query: '{ __typename }' });
const post = (url: string, count: number) => load.run({ url, headers: { 'content-type': 'application/json' }, bodies: Array.from({ length: count }, () => body), concurrency, expect: ['"__typename":"Query"'] });
const session = new Session();
session.connect();
const inspect = <T>(method: string, params?: object) => new Promise<T>((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))));

async function measure(url: string, profiled: boolean) {
  if (profiled) await inspect('Profiler.enable').then(() => inspect('Profiler.setSamplingInterval', { interval: 100 })).then(() => inspect('Profiler.start'));
  const cpu0 = mainThreadCpuMs();
  const m = await post(url, requests);
  const cpu1 = mainThreadCpuMs();
  const per = (ms: number) => Math.round((ms * 1000) / m.latenciesMs.length);
  const result = {
    perSecond: Math.round((m.latenciesMs.length / m.wallMs) * 1000),
    cpuMicrosPerRequest: per(cpu1.user + cpu1.kernel - cpu0.user - cpu0.kernel),
    userMicrosPerRequest: per(cpu1.user - cpu0.user),
  };
  if (profiled) {
    const { profile: p } = await inspect<{ profile: Profiler.Profile }>('Profiler.stop');
    return { ...result, profile: p };
  }
  return result;
}

try {
  await post(patronUrl, 1000);
  await post(bareUrl, 1000);
  let last: Profiler.Profile | undefined;
  for (let round = 0; round < rounds; round++) {
    const patron = await measure(patronUrl, profile && round === rounds - 1);
    const floor = await measure(bareUrl, false);
    if ('profile' in patron) last = patron.profile;
    console.log(
      `round ${round + 1}: Patron ${patron.perSecond} req/s, ${patron.cpuMicrosPerRequest} µs CPU/request (${patron.userMicrosPerRequest} in user space); bare ${floor.perSecond} req/s, ${floor.cpuMicrosPerRequest} µs CPU/request (${floor.userMicrosPerRequest} in user space); share ${Math.round((patron.perSecond / floor.perSecond) * 100)} % (CPU ratio ${Math.round((floor.cpuMicrosPerRequest / patron.cpuMicrosPerRequest) * 100)} %)`,
    );
  }
  if (last) {
    writeFileSync('graphql.cpuprofile', JSON.stringify(last));
    printHeaviest(last);
  }
} finally {
  await load.close();
  bare.close();
  await app.close();
}

/** Self time by function and by package, from the samples of a CPU profile. */
function printHeaviest(p: Profiler.Profile) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const deltas = p.timeDeltas ?? [];
  const self = new Map<number, number>();
  (p.samples ?? []).forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id)!;
    const file = callFrame.url.replace(/^file:\/\//, '').replace(process.cwd(), '.');
    const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (file.startsWith('./') ? file.split('/').slice(0, 4).join('/') : file || `(${callFrame.functionName || 'native'})`);
    const fn = `${callFrame.functionName || '(anonymous)'} ${file}:${callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `  ${((us / total) * 100).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  console.log(`\nself time by package:\n${top(byPackage, 25)}\n\nself time by function:\n${top(byFunction, 40)}`);
}
