import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { EntityManager } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/transaction';
import { BullJobQueue } from '../src/jobs/bullmq-job-queue';
import { DbJobQueue } from '../src/jobs/db-job-queue';
import { enqueueJob, enqueueJobs, type JobHandler, type JobQueue } from '../src/jobs/job-queue';
import { Job } from '../src/jobs/job.entity';
import { createLogger } from '../src/logger';
import { RuleTrace } from '../src/rules/rule-trace.entity';
import { createTestApp, dialect, type TestApp } from './harness';

const redisUrl = process.env.REDIS_URL;
const kinds = ['database', ...(redisUrl ? ['bullmq'] : [])] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const logger = createLogger('silent');

/** A handler whose writes a second run of the same job would collide with (primary key). */
const writeTrace = (calls: { n: number }): JobHandler => async (em: EntityManager, payload) => {
  calls.n += 1;
  await em.insert(RuleTrace, { id: String(payload.trace), campaignId: 0, campaignVersion: 0, memberId: 0, eventType: 'test', steps: [], createdAt: new Date() } as never);
};

describe.each(kinds)(`the %s job queue on ${dialect}`, (kind) => {
  let t: TestApp;
  const prefix = `patron-test:${randomBytes(4).toString('hex')}:`;
  const queues: JobQueue[] = [];
  const makeQueue = (handlers: Record<string, JobHandler>): JobQueue => {
    const queue =
      kind === 'database'
        ? new DbJobQueue(t.app.dataSource, handlers, logger, { backoffMs: 10 })
        : new BullJobQueue(t.app.dataSource, handlers, logger, { redisUrl: redisUrl!, prefix, backoffMs: 10 });
    queues.push(queue);
    return queue;
  };
  const jobs = (where: { uniqueKey: string }) => t.app.dataSource.manager.findBy(Job, where);
  const enqueue = (job: Parameters<typeof enqueueJob>[1]) => inTransaction(t.app.dataSource, (em) => enqueueJob(em, job));
  /** Waits for `check`, driving the database queue meanwhile (BullMQ retries on its own). */
  async function until(queue: JobQueue, check: () => Promise<boolean>) {
    for (let i = 0; i < 1500; i++) {
      if (await check()) return;
      if (queue.kind === 'database') await queue.runDue(new Date(Date.now() + 3_600_000));
      await sleep(20);
    }
    throw new Error('timed out');
  }

  beforeAll(async () => {
    t = await createTestApp();
  });
  // Each test's workers stop with it, so that none picks up the next test's jobs.
  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.stop();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs a due job once, its writes committed with it; a key scheduled twice is one job', async () => {
    const calls = { n: 0 };
    const queue = makeQueue({ once: writeTrace(calls) });
    await enqueue({ name: 'once', payload: { trace: `${kind}-once` }, runAt: new Date(Date.now() - 1000), uniqueKey: `${kind}-once` });
    await enqueue({ name: 'once', payload: { trace: `${kind}-once` }, runAt: new Date(Date.now() - 1000), uniqueKey: `${kind}-once` });
    expect(await queue.runDue()).toBe(1);
    expect(await queue.runDue()).toBe(0);
    expect(calls.n).toBe(1);
    expect(await t.app.dataSource.manager.countBy(RuleTrace, { id: `${kind}-once` })).toBe(1);
    expect(await jobs({ uniqueKey: `${kind}-once` })).toMatchObject([{ status: 'done', attempts: 1 }]);
  });

  it('leaves a job alone until its time', async () => {
    const calls = { n: 0 };
    const queue = makeQueue({ later: writeTrace(calls) });
    await enqueue({ name: 'later', payload: { trace: `${kind}-later` }, runAt: new Date(Date.now() + 3_600_000), uniqueKey: `${kind}-later` });
    expect(await queue.runDue(new Date())).toBe(0);
    expect(calls.n).toBe(0);
    expect(await queue.runDue(new Date(Date.now() + 2 * 3_600_000))).toBe(1);
    expect(calls.n).toBe(1);
  });

  it('retries a failing job with backoff, rolls back each failed attempt, and gives up after maxAttempts', async () => {
    const flaky = { n: 0 };
    const hopeless = { n: 0 };
    const queue = makeQueue({
      flaky: async (em, payload) => {
        flaky.n += 1;
        await em.insert(RuleTrace, { id: `${kind}-flaky-${flaky.n}`, campaignId: 0, campaignVersion: 0, memberId: 0, eventType: 'test', steps: [], createdAt: new Date() } as never);
        if (flaky.n < 3) throw new Error(`flaky ${String(payload.n)}`);
      },
      hopeless: async () => {
        hopeless.n += 1;
        throw new Error('boom');
      },
    });
    await enqueue({ name: 'flaky', payload: { n: 1 }, runAt: new Date(), maxAttempts: 5, uniqueKey: `${kind}-flaky` });
    await enqueue({ name: 'hopeless', payload: {}, runAt: new Date(), maxAttempts: 2, uniqueKey: `${kind}-hopeless` });
    expect(await queue.runDue()).toBe(2);
    await until(queue, async () => (await jobs({ uniqueKey: `${kind}-flaky` }))[0].status === 'done' && (await jobs({ uniqueKey: `${kind}-hopeless` }))[0].status === 'failed');
    expect(await jobs({ uniqueKey: `${kind}-flaky` })).toMatchObject([{ status: 'done', attempts: 3 }]);
    expect(await jobs({ uniqueKey: `${kind}-hopeless` })).toMatchObject([{ status: 'failed', attempts: 2, lastError: 'boom' }]);
    expect([flaky.n, hopeless.n]).toEqual([3, 2]);
    // Only the attempt that succeeded left its write.
    const traces = await t.app.dataSource.manager.find(RuleTrace, { where: { eventType: 'test' } });
    expect(traces.map((r) => r.id).filter((id) => id.startsWith(`${kind}-flaky`))).toEqual([`${kind}-flaky-3`]);
  });

  it('with four workers at once, runs each of 60 jobs exactly once', async () => {
    const calls = { n: 0 };
    await inTransaction(t.app.dataSource, (em) =>
      enqueueJobs(em, Array.from({ length: 60 }, (_, n) => ({ name: 'crowd', payload: { trace: `${kind}-crowd-${n}` }, runAt: new Date(Date.now() - 1000) }))),
    );
    const workers = Array.from({ length: 4 }, () => makeQueue({ crowd: writeTrace(calls) }));
    if (kind === 'database') {
      for (let round = 0; round < 20 && calls.n < 60; round++) await Promise.all(workers.map((w) => w.runDue(new Date(), 7)));
    } else {
      for (const w of workers) w.start(20);
    }
    await until(workers[0], async () => (await t.app.dataSource.manager.countBy(Job, { name: 'crowd', status: 'done' })) === 60);
    expect(calls.n).toBe(60);
  });

  it('a job scheduled before a restart runs after it, once', async () => {
    const calls = { n: 0 };
    const first = makeQueue({ restart: writeTrace(calls) });
    await enqueue({ name: 'restart', payload: { trace: `${kind}-restart` }, runAt: new Date(Date.now() + 2000), uniqueKey: `${kind}-restart` });
    // The first instance may already have handed the job over (BullMQ holds it in Redis); it stops before the job is due.
    // (2 s ahead: MySQL keeps whole seconds.)
    first.start(20);
    await sleep(60);
    await first.stop();
    queues.splice(queues.indexOf(first), 1);
    expect(calls.n).toBe(0);
    const second = makeQueue({ restart: writeTrace(calls) });
    second.start(20);
    await until(second, async () => (await jobs({ uniqueKey: `${kind}-restart` }))[0].status === 'done');
    await sleep(100);
    expect(calls.n).toBe(1);
  });

  it.runIf(kind === 'bullmq')('stopping closes every connection it opened to Redis', async () => {
    const own = `${prefix}closing:`;
    const queue = new BullJobQueue(t.app.dataSource, { noop: async () => undefined }, logger, { redisUrl: redisUrl!, prefix: own });
    const admin = new Redis(redisUrl!);
    try {
      const clients = async () => ((await admin.client('LIST')) as string).split('\n').filter((line) => line.includes(` name=${own}jobs `)).length;
      // The relay's connection and, once it runs jobs, the worker's.
      expect(await queue.runDue()).toBe(0);
      expect(await clients()).toBeGreaterThanOrEqual(2);
      await queue.stop();
      await sleep(100);
      expect(await clients()).toBe(0);
    } finally {
      admin.disconnect();
    }
  });

  it.runIf(kind === 'bullmq')('a job Redis delivers twice still runs once', async () => {
    const calls = { n: 0 };
    const queue = makeQueue({ twice: writeTrace(calls) });
    await enqueue({ name: 'twice', payload: { trace: `${kind}-twice` }, runAt: new Date(), uniqueKey: `${kind}-twice` });
    expect(await queue.runDue()).toBe(1);
    const [job] = await jobs({ uniqueKey: `${kind}-twice` });
    // A second delivery of the same database job, under another BullMQ id.
    const raw = new Queue('jobs', { connection: { url: redisUrl }, prefix: `${prefix}bull` });
    await raw.add('twice', { id: job.id }, { jobId: `replay-${job.id}` });
    await raw.close();
    await sleep(300);
    expect(calls.n).toBe(1);
    expect(await jobs({ uniqueKey: `${kind}-twice` })).toMatchObject([{ status: 'done', attempts: 1 }]);
  });
});
