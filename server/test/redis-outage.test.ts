import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { Job } from '../src/jobs/job.entity';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { ADMIN, freshDatabase, type FreshDatabase, type TestApp } from './harness';
import { loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';

const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find(existsSync);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A Redis of this test's own (so that stopping it disturbs no other test). */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(REDIS_SERVER!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    const up = await fetch(`http://127.0.0.1:${port}`).then(
      () => true,
      (error: { cause?: { code?: string } }) => error.cause?.code !== 'ECONNREFUSED',
    );
    if (up) return child;
    await sleep(100);
  }
  throw new Error('redis did not start');
}

/**
 * Redis lost under a server using it for jobs and rate limits: sign-ins and purchases keep
 * being served, a job due while Redis is gone waits in the database, and runs once when
 * Redis is back (a new, empty Redis: nothing was kept there).
 */
describe.skipIf(!REDIS_SERVER || !process.env.REDIS_URL)('Redis outage', () => {
  let redis: ChildProcess | undefined;
  let app: App | undefined;
  let database: FreshDatabase | undefined;
  afterAll(async () => {
    await app?.close();
    redis?.kill('SIGKILL');
    await database?.drop();
  });

  it('keeps serving, and the job that came due meanwhile runs once Redis is back', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    redis = await startRedis(port);
    database = await freshDatabase();
    app = await createApp(
      loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, REDIS_URL: `redis://127.0.0.1:${port}`, JOBS_QUEUE: 'bullmq', JOBS_POLL_MS: '50', JOBS_INTERVAL_SECONDS: '0', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SEED_DEMO: 'false', LOG_LEVEL: 'silent', WEB_DIST: '' }),
    );
    const a = app;
    const t: TestApp = {
      app: a,
      gql: async (query, variables, options = {}) => {
        const response = await a.yoga.fetch('http://patron.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) }, body: JSON.stringify({ query, variables }) });
        return { status: response.status, body: await response.json(), headers: response.headers, statements: 0 };
      },
      signInStaff: async () => (await t.gql(`mutation { login(input: { email: "${ADMIN.email}", password: "${ADMIN.password}" }) { ... on StaffSession { token } } }`)).body.data.login.token,
      close: async () => undefined,
    };
    const { admin, pos } = await loyaltySetup(t);
    const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, {
      input: { name: 'Later', graph: { nodes: [{ id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } }, { id: 'w', kind: 'flow.wait', params: { minutes: 1 }, position: { x: 0, y: 0 } }, { id: 'a', kind: 'action.awardPoints', params: { amount: 70 }, position: { x: 0, y: 0 } }], edges: [{ id: 'e1', source: 't', sourcePort: 'out', target: 'w' }, { id: 'e2', source: 'w', sourcePort: 'out', target: 'a' }] } },
    }, { token: admin });
    await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename } }`, { id: created.body.data.createCampaign.id }, { token: admin });
    const m = await newMember(t, pos);

    redis.kill('SIGKILL');
    await sleep(200);
    // Served without Redis: a wrong password is still a typed answer, a purchase still records.
    const wrong = await t.gql(`mutation { login(input: { email: "${ADMIN.email}", password: "not-the-password" }) { __typename } }`);
    expect(wrong.body.data.login.__typename).toBe('InvalidCredentialsError');
    const bought = await t.gql(RECORD_PURCHASE, { input: { externalId: 'RO-1', memberExternalId: m.externalId, totalMinor: 100_00, currency: 'RUB', channel: 'STORE' } }, { token: pos });
    expect(bought.body.data.recordPurchase.__typename).toBe('PurchaseRecorded');
    // The wait is over while Redis is away: the job stays in the database.
    await a.dataSource.manager.update(Job, { name: 'flow.resume' }, { runAt: new Date(Date.now() - 1000) });
    await sleep(500);
    expect(await a.dataSource.manager.countBy(Job, { name: 'flow.resume', status: 'pending' })).toBe(1);

    redis = await startRedis(port);
    let done = 0;
    for (let i = 0; i < 600 && done === 0; i++) {
      await sleep(50);
      done = await a.dataSource.manager.countBy(Job, { name: 'flow.resume', status: 'done' });
    }
    expect(done).toBe(1);
    await sleep(500);
    const awards = await a.dataSource.manager.findBy(LedgerEntry, { memberId: m.dbId, source: 'campaign' });
    expect(awards.map((e) => e.availableChange)).toEqual([70]);
  }, 60_000);
});
