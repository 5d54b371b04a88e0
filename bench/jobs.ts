import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { EntityManager } from 'typeorm';
import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { benchDatabase } from './bench-database';
import { inTransaction } from '../server/src/db/transaction';
import { BullJobQueue } from '../server/src/jobs/bullmq-job-queue';
import { DbJobQueue } from '../server/src/jobs/db-job-queue';
import { enqueueJobs, type JobQueue } from '../server/src/jobs/job-queue';
import { Job } from '../server/src/jobs/job.entity';
import { createLogger } from '../server/src/logger';
import { RuleTrace } from '../server/src/rules/rule-trace.entity';
import { runPool } from './measure';

/**
 * Job throughput on MariaDB: `jobs` small jobs (each inserts one row in its transaction)
 * drained by two instances of the database queue and of the BullMQ queue, against the
 * floor of the same transactions run directly at the same concurrency.
 */
export async function jobsBench(options: { databaseUrl: string; redisUrl: string; jobs: number }) {
  const benchDb = await benchDatabase(options.databaseUrl, 'patron_bench_jobs', 'the jobs benchmark');
  const app = await createApp(loadConfig({ DATABASE_URL: benchDb.url, PORT: '0', SEED_DEMO: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'bench-admin-password', WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', JOBS_POLL_MS: '0', JOBS_QUEUE: 'database' }));
  const logger = createLogger('silent');
  const work = async (em: EntityManager, payload: Record<string, unknown>) => {
    await em.insert(RuleTrace, { id: String(payload.trace), campaignId: 0, campaignVersion: 0, memberId: 0, eventType: 'bench', steps: [], createdAt: new Date() } as never);
  };
  const schedule = (prefix: string) =>
    inTransaction(app.dataSource, async (em) => {
      for (let i = 0; i < options.jobs; i += 500) {
        await enqueueJobs(em, Array.from({ length: Math.min(500, options.jobs - i) }, (_, k) => ({ name: 'bench', payload: { trace: `${prefix}-${i + k}` }, runAt: new Date(Date.now() - 1000) })));
      }
    });
  const drained = async (queues: JobQueue[], drive: () => Promise<void>) => {
    const started = performance.now();
    await drive();
    for (;;) {
      if ((await app.dataSource.manager.countBy(Job, { status: 'done' })) >= options.jobs) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const ms = performance.now() - started;
    for (const q of queues) await q.stop();
    await app.dataSource.manager.clear(Job);
    return { jobsPerSecond: Number(((options.jobs / ms) * 1000).toFixed(1)), ms: Math.round(ms) };
  };
  try {
    const floorStarted = performance.now();
    await runPool(options.jobs, 8, (i) => inTransaction(app.dataSource, (em) => work(em, { trace: `floor-${i}` })));
    const floor = { jobsPerSecond: Number(((options.jobs / (performance.now() - floorStarted)) * 1000).toFixed(1)) };

    await schedule('db');
    const dbQueues = [0, 1].map(() => new DbJobQueue(app.dataSource, { bench: work }, logger));
    const databaseQueue = await drained(dbQueues, async () => {
      await Promise.all(
        dbQueues.map(async (q) => {
          while ((await q.runDue(new Date(), 50)) > 0);
        }),
      );
    });

    await schedule('bull');
    const prefix = `patron-bench:${randomBytes(3).toString('hex')}:`;
    const bullQueues = [0, 1].map(() => new BullJobQueue(app.dataSource, { bench: work }, logger, { redisUrl: options.redisUrl, prefix, concurrency: 4 }));
    const bullmq = await drained(bullQueues, async () => {
      for (const q of bullQueues) q.start(20);
    });
    return { jobs: options.jobs, floor, databaseQueue, bullmq };
  } finally {
    await app.close();
    await benchDb.drop();
  }
}
