import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { runPool, summarize } from './measure';

/**
 * GraphQL overhead: a trivial query through Patron's HTTP server (yoga + Pothos, context,
 * auth, limits) against a bare node:http endpoint answering the same JSON, same client,
 * same concurrency. No database work on either side.
 */
export async function graphqlBench(options: { concurrency: number; requests: number }) {
  const app = await createApp(loadConfig({ DATABASE_URL: 'sqlite::memory:', PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'bench-admin-password', WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', JOBS_POLL_MS: '0' }));
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}'));
  });
  try {
    const patronUrl = `${await app.listen()}/graphql`;
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/graphql`;
    const body = JSON.stringify({ query: '{ __typename }' });
    const post = (url: string) => async () => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      await res.text();
    };
    // Warm both up, then measure.
    await runPool(500, options.concurrency, post(patronUrl));
    await runPool(500, options.concurrency, post(bareUrl));
    const patron = summarize(await runPool(options.requests, options.concurrency, post(patronUrl)));
    const floor = summarize(await runPool(options.requests, options.concurrency, post(bareUrl)));
    return { concurrency: options.concurrency, requests: options.requests, patron, floor };
  } finally {
    bare.close();
    await app.close();
  }
}
