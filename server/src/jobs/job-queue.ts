import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { inTransaction } from '../db/transaction';
import { isUniqueViolation } from '../db/unique-violation';
import type { Logger } from '../logger';
import { Job } from './job.entity';

/** A job handler writes through `em`, in the same transaction that marks the job done. */
export type JobHandler = (em: EntityManager, payload: Record<string, unknown>, job: Job) => Promise<void>;

/**
 * Schedules a job in the caller's transaction, so that it exists exactly when the work
 * that asked for it committed. A uniqueKey already scheduled is not scheduled again.
 */
export async function enqueueJob(em: EntityManager, job: { name: string; payload: Record<string, unknown>; runAt: Date; uniqueKey?: string | null; maxAttempts?: number }): Promise<void> {
  if (job.uniqueKey && (await em.exists(Job, { where: { uniqueKey: job.uniqueKey } }))) return;
  try {
    await em.insert(Job, { name: job.name, payload: job.payload, runAt: job.runAt, uniqueKey: job.uniqueKey ?? null, maxAttempts: job.maxAttempts ?? 5, createdAt: new Date() } as never);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/**
 * The durable job queue on the database. Due jobs are claimed in a short transaction
 * (FOR UPDATE SKIP LOCKED on MySQL, so several instances never take the same job), then
 * each runs in its own transaction that also marks it done: a crash rolls both back and
 * the job runs again after the lock times out, so its writes happen exactly once.
 */
export class DbJobQueue {
  readonly workerId = randomUUID().slice(0, 12);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly handlers: Record<string, JobHandler>,
    private readonly logger: Logger,
    private readonly lockTimeoutMs = 5 * 60_000,
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
    const stale = new Date(now.getTime() - this.lockTimeoutMs);
    return inTransaction(this.dataSource, async (em) => {
      const qb = em
        .getRepository(Job)
        .createQueryBuilder('j')
        .where('(j.status = :pending AND j.runAt <= :now) OR (j.status = :running AND j.lockedAt < :stale)', { pending: 'pending', running: 'running', now, stale })
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
      // Back off 2^n seconds between attempts.
      await this.dataSource.manager.update(Job, job.id, {
        status: failed ? 'failed' : 'pending',
        attempts,
        runAt: new Date(Date.now() + 2 ** attempts * 1000),
        lockedBy: null,
        lockedAt: null,
        lastError: String(error instanceof Error ? error.message : error).slice(0, 1000),
      });
      this.logger.warn({ job: job.id, name: job.name, attempts, err: String(error) }, failed ? 'job failed for good' : 'job failed, will retry');
    }
  }
}
