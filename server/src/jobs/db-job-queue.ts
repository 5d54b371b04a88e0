import { randomUUID } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { inTransaction } from '../db/transaction';
import type { Logger } from '../logger';
import { Job } from './job.entity';
import { retryDelayMs, type JobHandler, type JobQueue } from './job-queue';

/**
 * The durable job queue on the database. Due jobs are claimed in a short transaction
 * (FOR UPDATE SKIP LOCKED on MySQL, so several instances never take the same job), then
 * each runs in its own transaction that also marks it done: a crash rolls both back and
 * the job runs again after the lock times out, so its writes happen exactly once.
 */
export class DbJobQueue implements JobQueue {
  readonly kind = 'database';
  readonly workerId = randomUUID().slice(0, 12);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly handlers: Record<string, JobHandler>,
    private readonly logger: Logger,
    private readonly options: { lockTimeoutMs?: number; backoffMs?: number } = {},
  ) {}

  start(pollMs: number) {
    if (pollMs <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.runDue(), pollMs);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Runs the jobs that are due; returns how many ran. One pass at a time per process. */
  runDue(now = new Date(), limit = 50): Promise<number> {
    this.running ??= this.pass(now, limit).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async pass(now: Date, limit: number): Promise<number> {
    const jobs = await this.claim(now, limit);
    for (const job of jobs) await this.run(job);
    return jobs.length;
  }

  private async claim(now: Date, limit: number): Promise<Job[]> {
    const stale = new Date(now.getTime() - (this.options.lockTimeoutMs ?? 5 * 60_000));
    return inTransaction(this.dataSource, async (em) => {
      const qb = em
        .getRepository(Job)
        .createQueryBuilder('j')
        // Also jobs a BullMQ deployment handed over long ago, should the deployment have moved off Redis.
        .where('(j.status = :pending AND j.runAt <= :now) OR (j.status IN (:...taken) AND j.lockedAt < :stale)', { pending: 'pending', taken: ['running', 'queued'], now, stale })
        .orderBy('j.runAt', 'ASC')
        .take(limit);
      if (dialectOf(this.dataSource) === 'mysql') qb.setLock('pessimistic_write').setOnLocked('skip_locked');
      const jobs = await qb.getMany();
      if (jobs.length === 0) return [];
      await em.update(Job, { id: In(jobs.map((j) => j.id)) }, { status: 'running', lockedBy: this.workerId, lockedAt: now });
      return jobs;
    });
  }

  private async run(job: Job) {
    const handler = this.handlers[job.name];
    try {
      if (!handler) throw new Error(`no handler for job "${job.name}"`);
      await inTransaction(this.dataSource, async (em) => {
        await handler(em, job.payload, job);
        await em.update(Job, { id: job.id, lockedBy: this.workerId }, { status: 'done', attempts: job.attempts + 1, lockedBy: null, lockedAt: null });
      });
    } catch (error) {
      const attempts = job.attempts + 1;
      const failed = attempts >= job.maxAttempts;
      await this.dataSource.manager.update(Job, job.id, {
        status: failed ? 'failed' : 'pending',
        attempts,
        runAt: new Date(Date.now() + retryDelayMs(attempts, this.options.backoffMs ?? 1000)),
        lockedBy: null,
        lockedAt: null,
        lastError: String(error instanceof Error ? error.message : error).slice(0, 1000),
      });
      this.logger.warn({ job: job.id, name: job.name, attempts, err: String(error) }, failed ? 'job failed for good' : 'job failed, will retry');
    }
  }
}
