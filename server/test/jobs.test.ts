import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { inTransaction } from '../src/db/transaction';
import { Job } from '../src/jobs/job.entity';
import { DbJobQueue } from '../src/jobs/db-job-queue';
import { enqueueJob } from '../src/jobs/job-queue';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { createLogger } from '../src/logger';
import { RuleTrace } from '../src/rules/rule-trace.entity';
import { ADMIN, createTestApp, dialect, freshDatabase, type TestApp } from './harness';
import { loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';

const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({ id, kind, params, position: { x: 0, y: 0 } });
const edge = (source: string, target: string, sourcePort = 'out') => ({ id: `${source}-${sourcePort}-${target}`, source, sourcePort, target });
const waitGraph = (minutes: number) => ({
  nodes: [node('t', 'trigger.purchase'), node('w', 'flow.wait', { minutes }), node('a', 'action.awardPoints', { amount: 100 })],
  edges: [edge('t', 'w'), edge('w', 'a')],
});

async function publishCampaign(t: TestApp, admin: string, graph: unknown) {
  const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, { input: { name: 'Thank you, an hour later', graph } }, { token: admin });
  const published = await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename ... on PublishRefusedError { diagnostics { code nodeId } } } }`, { id: created.body.data.createCampaign.id }, { token: admin });
  expect(published.body.data.publishCampaign.__typename).toBe('Campaign');
}

describe(`durable jobs on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('flow.wait defers the rest of the flow, which then runs exactly once', async () => {
    await publishCampaign(t, admin, waitGraph(60));
    const m = await newMember(t, pos);
    const res = await t.gql(RECORD_PURCHASE.replace('pointsEarned', 'pointsEarned campaignPoints'), { input: { externalId: `W-${m.externalId}`, memberExternalId: m.externalId, totalMinor: 100_00, currency: 'RUB', channel: 'STORE' } }, { token: pos });
    expect(res.body.data.recordPurchase.campaignPoints).toBe(0);
    const em = t.app.dataSource.manager;
    expect(await em.countBy(Job, { name: 'flow.resume', status: 'pending' })).toBe(1);
    expect(await t.app.runJobs(new Date(Date.now() + 59 * 60_000))).toBe(0);
    expect(await t.app.runJobs(new Date(Date.now() + 61 * 60_000))).toBe(1);
    expect(await t.app.runJobs(new Date(Date.now() + 120 * 60_000))).toBe(0);
    const entries = await em.findBy(LedgerEntry, { memberId: m.dbId, source: 'campaign' });
    expect(entries.map((e) => e.availableChange)).toEqual([100]);
    expect(entries[0].campaignVersion).toBe(1);
    expect(await em.countBy(Job, { status: 'done' })).toBe(1);
  });

  it('/metrics shows ledger entries, rule evaluations, and the depth and lag of the due jobs', async () => {
    const scrape = async () => t.app.metrics.registry.metrics();
    await inTransaction(t.app.dataSource, (em) => enqueueJob(em, { name: 'flow.resume', payload: { campaignId: 0 }, runAt: new Date(Date.now() - 5000), uniqueKey: 'metrics-probe' }));
    const before = await scrape();
    expect(Number(/^patron_jobs_due (\d+)/m.exec(before)?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(/^patron_jobs_lag_seconds ([\d.]+)/m.exec(before)?.[1])).toBeGreaterThanOrEqual(4);
    expect(before).toMatch(/patron_ledger_entries_total\{kind="earn"\} [1-9]/);
    expect(before).toMatch(/patron_rule_evaluation_duration_seconds_count\{applied="true"\} [1-9]/);
    while ((await t.app.runJobs(new Date())) > 0);
    expect(Number(/^patron_jobs_due (\d+)/m.exec(await scrape())?.[1])).toBe(0);
  });

  it('a failing job is retried with backoff and given up after its attempts', async () => {
    const logger = createLogger('silent');
    let calls = 0;
    const queue = new DbJobQueue(t.app.dataSource, { explode: async () => void (calls += 1, (() => { throw new Error('boom'); })()) }, logger);
    await inTransaction(t.app.dataSource, (em) => enqueueJob(em, { name: 'explode', payload: {}, runAt: new Date(), maxAttempts: 2, uniqueKey: 'explode-1' }));
    await inTransaction(t.app.dataSource, (em) => enqueueJob(em, { name: 'explode', payload: {}, runAt: new Date(), maxAttempts: 2, uniqueKey: 'explode-1' }));
    expect(await queue.runDue(new Date())).toBe(1);
    const job = await t.app.dataSource.manager.findOneByOrFail(Job, { uniqueKey: 'explode-1' });
    expect(job).toMatchObject({ status: 'pending', attempts: 1, lastError: 'boom' });
    expect(job.runAt.getTime()).toBeGreaterThan(Date.now());
    expect(await queue.runDue(new Date(Date.now() + 60_000))).toBe(1);
    expect(await t.app.dataSource.manager.findOneByOrFail(Job, { uniqueKey: 'explode-1' })).toMatchObject({ status: 'failed', attempts: 2 });
    expect(calls).toBe(2);
  });

  it('two workers at once run each job once', async () => {
    const logger = createLogger('silent');
    const handler = async (em: import('typeorm').EntityManager, payload: Record<string, unknown>) => {
      // A second run of the same job would fail on this primary key.
      await em.insert(RuleTrace, { id: `job-${String(payload.n)}`, campaignId: 0, campaignVersion: 0, memberId: 0, eventType: 'test', steps: [], createdAt: new Date() } as never);
    };
    await inTransaction(t.app.dataSource, async (em) => {
      for (let n = 0; n < 40; n++) await enqueueJob(em, { name: 'once', payload: { n }, runAt: new Date(Date.now() - 1000) });
    });
    const workers = Array.from({ length: 4 }, () => new DbJobQueue(t.app.dataSource, { once: handler }, logger));
    const counts = await Promise.all(workers.map((w) => w.runDue(new Date(), 10)));
    let total = counts.reduce((x, y) => x + y, 0);
    for (let round = 0; round < 10 && total < 40; round++) total += (await Promise.all(workers.map((w) => w.runDue(new Date(), 10)))).reduce((x, y) => x + y, 0);
    expect(total).toBe(40);
    expect(await t.app.dataSource.manager.countBy(Job, { name: 'once', status: 'done' })).toBe(40);
  });
});

const queues = process.env.REDIS_URL ? (['database', 'bullmq'] as const) : (['database'] as const);

describe.each(queues)(`a wait across a restart, %s queue on ${dialect}`, (queue) => {
  it('fires once after the server that scheduled it is gone', async () => {
    const database = await freshDatabase();
    const redis = queue === 'bullmq' ? { REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: `patron-test:${process.pid}-${Date.now()}:` } : {};
    const config = (extra: Record<string, string> = {}) =>
      loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, ADMIN_PASSWORD: ADMIN.password, ADMIN_EMAIL: ADMIN.email, SEED_DEMO: 'false', LOG_LEVEL: 'silent', WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', JOBS_POLL_MS: '0', JOBS_QUEUE: queue, ...redis, ...extra });
    try {
      const first = await createApp(config());
      const wrapped: TestApp = {
        app: first,
        gql: async (query, variables, options = {}) => {
          const response = await first.yoga.fetch('http://patron.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) }, body: JSON.stringify({ query, variables }) });
          return { status: response.status, body: await response.json(), headers: response.headers, statements: 0 };
        },
        signInStaff: async () => {
          const res = await wrapped.gql(`mutation { login(input: { email: "${ADMIN.email}", password: "${ADMIN.password}" }) { ... on StaffSession { token } } }`);
          return res.body.data.login.token;
        },
        close: async () => first.close(),
      };
      const { admin, pos } = await loyaltySetup(wrapped);
      await publishCampaign(wrapped, admin, waitGraph(1));
      const m = await newMember(wrapped, pos);
      await wrapped.gql(RECORD_PURCHASE, { input: { externalId: 'RESTART-1', memberExternalId: m.externalId, totalMinor: 100_00, currency: 'RUB', channel: 'STORE' } }, { token: pos });
      await first.close();

      // A minute passes while no server runs; a new one starts with its worker polling.
      const second = await createApp(config({ JOBS_POLL_MS: '50' }));
      expect(second.jobs.kind).toBe(queue);
      await second.dataSource.manager.update(Job, { name: 'flow.resume' }, { runAt: new Date(Date.now() - 1000) });
      let done = 0;
      for (let i = 0; i < 600 && done === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        done = await second.dataSource.manager.countBy(Job, { status: 'done' });
      }
      await second.close();
      const third = await createApp(config());
      expect(await third.runJobs(new Date(Date.now() + 3_600_000))).toBe(0);
      const entries = await third.dataSource.manager.findBy(LedgerEntry, { memberId: m.dbId, source: 'campaign' });
      await third.close();
      expect(entries.map((e) => e.availableChange)).toEqual([100]);
    } finally {
      await database.drop();
    }
  });
});
