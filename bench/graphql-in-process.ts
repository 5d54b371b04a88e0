// Diagnostic, not part of `npm run bench`: the server's own work for one GraphQL request,
// without sockets or a load generator. Each request is an IncomingMessage and a
// ServerResponse made in memory and handed to the app's request listener (or to a bare
// handler answering the same JSON), one after another, so what is timed is the JavaScript
// of the request path alone, with no kernel and no other thread in the figure: steadier
// than bench/graphql.ts over HTTP when comparing two versions of the request path.
//   npx tsx bench/graphql-in-process.ts      (REQUESTS, WARMUP, ROUNDS, QUERY, ONLY=patron)
import './as-deployed';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { AS_DEPLOYED } from './as-deployed';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const requests = Number(process.env.REQUESTS ?? 50_000);
const warmup = Number(process.env.WARMUP ?? 5000);
const rounds = Number(process.env.ROUNDS ?? 3);
const body = Buffer.from(JSON.stringify({ query: process.env.QUERY ?? '{ __typename }' }));

const app = await createApp(loadConfig({ ...AS_DEPLOYED, DATABASE_URL: 'sqlite::memory:', PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'bench-admin-password', WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', JOBS_POLL_MS: '0' }));
const patron = app.server.listeners('request')[0] as Listener;
const bare: Listener = (req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}'));
};

/** One request through a listener; resolves when the answer is ended. */
function one(listener: Listener): Promise<void> {
  return new Promise((resolve) => {
    const req = new IncomingMessage(new Socket());
    req.method = 'POST';
    req.url = '/graphql';
    req.headers = { host: '127.0.0.1', 'content-type': 'application/json', 'content-length': String(body.length) };
    // As node's parser leaves a request it has read whole (else ending it would abort it).
    req.complete = true;
    const res = new ServerResponse(req);
    // Without a socket a response never finishes: its end() is the answer.
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      const ended = end(...args);
      resolve();
      return ended;
    }) as ServerResponse['end'];
    listener(req, res);
    req.push(body);
    req.push(null);
  });
}

const listeners = process.env.ONLY === 'patron' ? { patron } : { bare, patron };
try {
  for (let round = 0; round < rounds; round++) {
    const line: string[] = [];
    for (const [name, listener] of Object.entries(listeners)) {
      for (let i = 0; i < warmup; i++) await one(listener);
      const started = process.hrtime.bigint();
      for (let i = 0; i < requests; i++) await one(listener);
      line.push(`${name} ${(Number(process.hrtime.bigint() - started) / requests / 1000).toFixed(2)} µs/request`);
    }
    console.log(`round ${round + 1}: ${line.join('; ')}`);
  }
} finally {
  await app.close();
}
