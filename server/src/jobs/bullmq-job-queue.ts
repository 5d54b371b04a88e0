import { randomUUID } from 'node:crypto';
import { Queue, Worker, type Job as BullJob } from 'bullmq';
import { Redis } from 'ioredis';
import { In, LessThan, LessThanOrEqual, type DataSource } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { inTransaction } from '../db/transaction';
import type { Logger } from '../logger';
import { Job } from './job.entity';
import { retryDelayMs, type JobHandler, type JobQueue } from './job-queue';

interface BullJobQueueOptions {
  redisUrl: string;
  /** Namespaces the Redis keys (REDIS_PREFIX). */
  prefix: string;
  /**
   * How far ahead of its time a job is handed to Redis (which then fires it on time). 0 by
   * default: a job handed over early would not see a later change of its time in the database.
   */
  lookaheadMs?: number;
  backoffMs?: number;
  concurrency?: number;
  /** A job handed over this long ago and still not run is handed over again (Redis lost it). */
  staleMs?: number;
}

/**
 * The job queue on BullMQ: the jobs table stays the record (an outbox written in the
 * caller's transaction), a relay hands due jobs to Redis, and BullMQ's workers, on any
 * instance, run them with retries and backoff. The handler's transaction re-reads the
 * job under a lock and marks it done, so a job handed over twice still runs once.
 */
export class BullJobQueue implements JobQueue {
  readonly kind = 'bullmq';
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  /** The worker's own connection: BullMQ leaves a connection it was given open when the worker closes. */
  private workerConnection: Redis | null = null;
  private timer: NodeJS.Timeout | null = null;
  private relaying: Promise<number[]> | null = null;
  private readonly options: Required<BullJobQueueOptions>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly handlers: Record<string, JobHandler>,
    private readonly logger: Logger,
    options: BullJobQueueOptions,
  ) {
    this.options = { lookaheadMs: 0, backoffMs: 1000, concurrency: 4, staleMs: 10 * 60_000, ...options };
    // The relay's connection fails fast while Redis is away: its transaction (which holds the
    // jobs' row locks) rolls back at once and the jobs wait in the database, instead of the
    // command queueing until Redis returns.
    // Named after the prefix, so that an operator (and a test) tells this queue's clients apart in CLIENT LIST.
    this.connection = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectionName: this.clientName() });
    this.connection.on('error', (err) => logger.warn({ err: err.message }, 'job queue redis error'));
    this.queue = new Queue('jobs', { connection: this.connection, prefix: this.bullPrefix() });
    // Without a listener BullMQ prints each connection error; they are logged (and retried) here.
    this.queue.on('error', (err) => logger.warn({ err: err.message }, 'job queue error'));
  }

  start(pollMs: number) {
    if (pollMs <= 0 || this.timer) return;
    this.startWorker();
    this.timer = setInterval(() => void this.relay(new Date(), this.options.lookaheadMs).catch((err) => this.logger.warn({ err: String(err) }, 'job relay failed')), pollMs);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.relaying?.catch(() => undefined);
    await this.worker?.close();
    this.worker = null;
    this.workerConnection?.disconnect();
    this.workerConnection = null;
    await this.queue.close();
    this.connection.disconnect();
  }

  async runDue(now = new Date(), limit = 50): Promise<number> {
    this.startWorker();
    const ids = await this.relay(now, 0, limit);
    if (ids.length === 0) return 0;
    // Wait until each job has had its attempt here or on another instance.
    const before = new Map((await this.dataSource.manager.findBy(Job, { id: In(ids) })).map((j) => [j.id, j.attempts]));
    for (let waited = 0; waited < 60_000; waited += 20) {
      const rows = await this.dataSource.manager.findBy(Job, { id: In(ids) });
      if (rows.every((j) => j.status === 'done' || j.status === 'failed' || j.attempts > (before.get(j.id) ?? 0))) return ids.length;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`jobs ${ids.join(', ')} did not run within a minute`);
  }

  private clientName() {
    return `${this.options.prefix}jobs`;
  }

  private bullPrefix() {
    return `${this.options.prefix}bull`;
  }

  private startWorker() {
    if (this.worker) return;
    // BullMQ's blocking commands need ioredis to retry for ever rather than give up.
    const connection = new Redis(this.options.redisUrl, { maxRetriesPerRequest: null, connectionName: this.clientName() });
    connection.on('error', (err) => this.logger.warn({ err: err.message }, 'job worker redis error'));
    this.workerConnection = connection;
    this.worker = new Worker('jobs', (bullJob) => this.process(bullJob), { connection, prefix: this.bullPrefix(), concurrency: this.options.concurrency });
    this.worker.on('error', (err) => this.logger.warn({ err: err.message }, 'job worker error'));
  }

  /**
   * Hands the pending jobs due by now + lookahead to BullMQ, and again those handed over
   * long ago that never ran. One relay pass at a time per process; SKIP LOCKED between instances.
   */
  private relay(now: Date, lookaheadMs: number, limit = 500): Promise<number[]> {
    this.relaying ??= this.handOver(now, lookaheadMs, limit).finally(() => {
      this.relaying = null;
    });
    return this.relaying;
  }

  private async handOver(now: Date, lookaheadMs: number, limit: number): Promise<number[]> {
    const horizon = new Date(now.getTime() + lookaheadMs);
    const stale = new Date(now.getTime() - this.options.staleMs);
    return inTransaction(this.dataSource, async (em) => {
      const lock = dialectOf(this.dataSource) === 'mysql' ? { lock: { mode: 'pessimistic_write' as const, onLocked: 'skip_locked' as const } } : {};
      const jobs = await em.find(Job, {
        where: [
          { status: 'pending', runAt: LessThanOrEqual(horizon) },
          { status: 'queued', runAt: LessThan(stale) },
        ],
        order: { runAt: 'ASC' },
        take: limit,
        ...lock,
      });
      if (jobs.length === 0) return [];
      await withTimeout(10_000, this.queue.addBulk(
        jobs.map((job) => ({
          name: job.name,
          data: { id: job.id },
          opts: {
            jobId: `job-${job.id}`,
            delay: Math.max(0, job.runAt.getTime() - now.getTime()),
            attempts: Math.max(1, job.maxAttempts - job.attempts),
            backoff: { type: 'exponential', delay: this.options.backoffMs },
            removeOnComplete: true,
            removeOnFail: { age: 7 * 86_400 },
          },
        })),
      ));
      await em.update(Job, { id: In(jobs.map((j) => j.id)) }, { status: 'queued', lockedAt: now });
      return jobs.map((j) => j.id);
    });
  }

  private async process(bullJob: BullJob<{ id: number }>) {
    const id = bullJob.data.id;
    const workerId = `bull-${randomUUID().slice(0, 8)}`;
    try {
      await inTransaction(this.dataSource, async (em) => {
        const job = await em.findOne(Job, { where: { id }, ...(dialectOf(this.dataSource) === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
        // Done already: this is a second hand-over of a job that ran.
        if (!job || job.status === 'done' || job.status === 'failed') return;
        const handler = this.handlers[job.name];
        if (!handler) throw new Error(`no handler for job "${job.name}"`);
        await handler(em, job.payload, job);
        await em.update(Job, { id }, { status: 'done', attempts: job.attempts + 1, lockedBy: workerId, lockedAt: null });
      });
    } catch (error) {
      const job = await this.dataSource.manager.findOneBy(Job, { id });
      if (job) {
        const attempts = job.attempts + 1;
        const failed = attempts >= job.maxAttempts || bullJob.attemptsMade + 1 >= (bullJob.opts.attempts ?? 1);
        await this.dataSource.manager.update(Job, { id }, {
          status: failed ? 'failed' : 'queued',
          attempts,
          runAt: new Date(Date.now() + retryDelayMs(bullJob.attemptsMade, this.options.backoffMs)),
          lastError: String(error instanceof Error ? error.message : error).slice(0, 1000),
        });
        this.logger.warn({ job: id, name: job.name, attempts, err: String(error) }, failed ? 'job failed for good' : 'job failed, will retry');
      }
      throw error;
    }
  }
}

/** Rejects when `promise` takes longer than `ms`: a hung Redis must not hold a database transaction open. */
function withTimeout<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
