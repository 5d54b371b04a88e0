import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp, type App } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { DEMO_MARKETER } from '../server/src/seed/demo';
import { AS_DEPLOYED } from './as-deployed';
import { startHttpLoad } from './http-load';
import { median, summarize } from './measure';

/**
 * GraphQL overhead: a trivial query through Patron's HTTP server (yoga + Pothos, context,
 * auth, limits) against a bare node:http endpoint answering the same JSON, same client
 * (a worker thread, off the servers' event loop), same concurrency. No database work on
 * either side.
 *
 * Both are warmed up first (V8's compilers; and a query Patron has run twice is hot, as
 * an API client's repeated queries are: see graphql-lane.ts), then measured in `turns`
 * alternating turns, each side reported by its median turn: this host's neighbours come
 * and go within seconds, so one long run each would compare two different machines.
 */
export async function graphqlBench(options: { concurrency: number; requests: number; turns: number; warmup: number }) {
  const app = await createApp(loadConfig({ ...AS_DEPLOYED, DATABASE_URL: 'sqlite::memory:', PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'bench-admin-password', WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', JOBS_POLL_MS: '0' }));
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}'));
  });
  try {
    const patronUrl = `${await app.listen()}/graphql`;
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/graphql`;
    const load = startHttpLoad();
    const body = JSON.stringify({ query: '{ __typename }' });
    const post = (url: string, count: number) =>
      load.run({ url, headers: { 'content-type': 'application/json' }, bodies: Array.from({ length: count }, () => body), concurrency: options.concurrency, expect: ['"__typename":"Query"'] });
    const lanes = async () => Object.fromEntries((await app.metrics.graphqlLane.get()).values.map((v) => [v.labels.lane, v.value]));
    const turns = { patron: [] as ReturnType<typeof summarize>[], floor: [] as ReturnType<typeof summarize>[] };
    let measuredLanes: Record<string, number>;
    try {
      await post(patronUrl, options.warmup);
      await post(bareUrl, options.warmup);
      const before = await lanes();
      for (let turn = 0; turn < options.turns; turn++) {
        turns.patron.push(summarize(await post(patronUrl, options.requests)));
        turns.floor.push(summarize(await post(bareUrl, options.requests)));
      }
      const after = await lanes();
      measuredLanes = Object.fromEntries(Object.keys(after).map((lane) => [lane, after[lane] - (before[lane] ?? 0)]));
    } finally {
      await load.close();
    }
    const medianTurn = (list: ReturnType<typeof summarize>[]) => [...list].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(list.length / 2)];
    return {
      concurrency: options.concurrency,
      requests: options.requests,
      turns: options.turns,
      patron: medianTurn(turns.patron),
      floor: medianTurn(turns.floor),
      shares: turns.patron.map((turn, i) => Math.round((turn.perSecond / turns.floor[i].perSecond) * 100)),
      lanes: measuredLanes,
    };
  } finally {
    bare.close();
    await app.close();
  }
}

/** A staff console read: a page of members with each one's account and tier. */
export const MEMBERS_PAGE = `query MembersPage { members(first: 100) { edges { cursor node { id email name status account { available pending lifetimePoints tier { name } } } } pageInfo { hasNextPage endCursor } } }`;

/**
 * The executor alone, on a real read: MEMBERS_PAGE for a signed-in marketer through yoga's
 * pipeline (yoga.fetch: the same parse cache, context, plugins and serialization), with
 * queries compiled by graphql-jit (GRAPHQL_JIT, the default) and with graphql-js's
 * executor, two servers on one seeded SQLite file, measured in alternating turns.
 */
export async function executorBench(options: { requests: number; turns: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'patron-bench-executor-'));
  const base = { ...AS_DEPLOYED, DATABASE_URL: `sqlite:${join(dir, 'patron.sqlite')}`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'bench-admin-password', WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', JOBS_POLL_MS: '0' };
  const compiled = await createApp(loadConfig({ ...base, SEED_DEMO: 'true' }));
  const plain = await createApp(loadConfig({ ...base, SEED_DEMO: 'false', MIGRATIONS_RUN: 'false', GRAPHQL_JIT: 'false' }));
  try {
    const post = (app: App, body: unknown, token?: string) =>
      app.yoga.fetch('http://patron.bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const login = await post(compiled, { query: `mutation($input: SignInInput!) { login(input: $input) { ... on StaffSession { token } } }`, variables: { input: DEMO_MARKETER } });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    const read = async (app: App) => {
      const text = await (await post(app, { query: MEMBERS_PAGE }, token)).text();
      if (!text.startsWith('{"data":{"members":{"edges":[{')) throw new Error(`members page failed: ${text.slice(0, 200)}`);
      return text;
    };
    if ((await read(compiled)) !== (await read(plain))) throw new Error('the two executors answer the members page differently');
    const turn = async (app: App, count: number) => {
      const started = performance.now();
      for (let i = 0; i < count; i++) await read(app);
      return (performance.now() - started) / count;
    };
    await turn(compiled, 50);
    await turn(plain, 50);
    const times = { compiled: [] as number[], plain: [] as number[] };
    for (let t = 0; t < options.turns; t++) {
      times.compiled.push(await turn(compiled, options.requests));
      times.plain.push(await turn(plain, options.requests));
    }
    const ms = (list: number[]) => Number(median(list).toFixed(3));
    return { query: 'members(first: 100) with account and tier', requests: options.requests, turns: options.turns, compiledMs: ms(times.compiled), graphqlJsMs: ms(times.plain) };
  } finally {
    await plain.close();
    await compiled.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
