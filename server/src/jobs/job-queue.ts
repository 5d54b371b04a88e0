import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { isUniqueViolation } from '../db/unique-violation';
import { Job } from './job.entity';

/** A job handler writes through `em`, in the same transaction that marks the job done. */
export type JobHandler = (em: EntityManager, payload: Record<string, unknown>, job: Job) => Promise<void>;

/**
 * What runs the jobs: the database itself (polling with SKIP LOCKED) or BullMQ on Redis.
 * Either way the jobs table is the record: a job is written there in the transaction that
 * asked for it, and marked done in the transaction that did its work, so it runs once.
 */
export interface JobQueue {
  readonly kind: 'database' | 'bullmq';
  /** Starts the worker; `pollMs` is how often the database is read for due jobs. */
  start(pollMs: number): void;
  stop(): Promise<void>;
  /** Runs the jobs due by `now` and resolves when they have had their attempt: how many. */
  runDue(now?: Date, limit?: number): Promise<number>;
}

export interface NewJob {
  name: string;
  payload: Record<string, unknown>;
  runAt: Date;
  uniqueKey?: string | null;
  maxAttempts?: number;
}

/**
 * Schedules a job in the caller's transaction, so that it exists exactly when the work
 * that asked for it committed. A uniqueKey already scheduled is not scheduled again.
 */
export async function enqueueJob(em: EntityManager, job: NewJob): Promise<void> {
  await enqueueJobs(em, [job]);
}

/** Schedules many jobs with two statements; keys already scheduled are skipped. */
export async function enqueueJobs(em: EntityManager, jobs: NewJob[]): Promise<number> {
  const keys = jobs.map((j) => j.uniqueKey).filter((k): k is string => Boolean(k));
  const taken = new Set(keys.length ? (await em.find(Job, { select: { uniqueKey: true }, where: { uniqueKey: In(keys) } })).map((j) => j.uniqueKey) : []);
  const fresh: NewJob[] = [];
  for (const job of jobs) {
    if (job.uniqueKey) {
      if (taken.has(job.uniqueKey)) continue;
      taken.add(job.uniqueKey);
    }
    fresh.push(job);
  }
  if (fresh.length === 0) return 0;
  const now = new Date();
  const rows = fresh.map((j) => ({ name: j.name, payload: j.payload, runAt: j.runAt, uniqueKey: j.uniqueKey ?? null, maxAttempts: j.maxAttempts ?? 5, createdAt: now }));
  try {
    await em.insert(Job, rows as never);
    return rows.length;
  } catch (error) {
    // Another transaction scheduled one of the keys meanwhile: fall back to one by one.
    if (!isUniqueViolation(error) || rows.length === 1) {
      if (isUniqueViolation(error)) return 0;
      throw error;
    }
    let inserted = 0;
    for (const job of fresh) inserted += await enqueueJobs(em, [job]);
    return inserted;
  }
}

/** Backoff between attempts: 2^attempts × base. */
export const retryDelayMs = (attempts: number, baseMs: number) => 2 ** attempts * baseMs;
