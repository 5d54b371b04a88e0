import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { AS_DEPLOYED } from './as-deployed';
import { startHttpLoad } from './http-load';
import { summarize } from './measure';

/**
 * GraphQL overhead: a trivial query through Patron's HTTP server (yoga + Pothos, context,
 * auth, limits) against a bare node:http endpoint answering the same JSON, same client
 * (a worker thread, off the servers' event loop), same concurrency. No database work on
 * either side.
 */
export async function graphqlBench(options: { concurrency: number; requests: number }) {
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
    let measured: { patron: ReturnType<typeof summarize>; floor: ReturnType<typeof summarize> };
    try {
      // Warm both up, then measure.
      await post(patronUrl, 500);
      await post(bareUrl, 500);
      measured = { patron: summarize(await post(patronUrl, options.requests)), floor: summarize(await post(bareUrl, options.requests)) };
    } finally {
      await load.close();
    }
    return { concurrency: options.concurrency, requests: options.requests, ...measured };
  } finally {
    bare.close();
    await app.close();
  }
}
