import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { enqueueJob, retryDelayMs } from '../jobs/job-queue';
import { MessageDelivery } from './message-delivery.entity';
import { WebhookDelivery } from './webhook-delivery.entity';

export interface AttemptOutcome {
  ok: boolean;
  error?: string | null;
  /** Columns to write with the outcome (response status, duration…). */
  fields?: Record<string, unknown>;
}

type Delivery = MessageDelivery | WebhookDelivery;

export interface Channel<T extends Delivery> {
  entity: typeof MessageDelivery | typeof WebhookDelivery;
  jobName: string;
  /** The status a successful attempt leaves. */
  success: 'sent' | 'delivered';
  /** `em` reads outside any transaction (no transaction is open while sending). */
  send(row: T, em: EntityManager): Promise<AttemptOutcome>;
}

export interface DispatchOptions {
  maxAttempts: number;
  retryBaseMs: number;
  /** An attempt still "sending" after this long was cut short (a crash): it may be taken again. */
  staleMs: number;
}

/**
 * Runs delivery attempts outside every database transaction: the job (written in the
 * caller's transaction) only starts the attempt, which claims the row in a short
 * transaction, talks to the mail server or receiver with no transaction open, and records
 * the outcome in another. A slow receiver therefore holds no lock and, on SQLite, does
 * not queue the other writes behind it. A failed attempt schedules the next one on the
 * durable queue with the queue's backoff (retryDelayMs); the queue's own retry is not
 * used because it rolls the handler's writes back, and with them the delivery log.
 */
export class Dispatcher {
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: DispatchOptions) {}

  /** Called by a job handler: the attempt begins once the handler's transaction is done. */
  start<T extends Delivery>(dataSource: DataSource, channel: Channel<T>, id: number): void {
    const task: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.attempt(dataSource, channel, id))
      .catch(() => undefined)
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  /** Resolves when every attempt this process started has finished (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Schedules the first attempt, in the caller's transaction. */
  async enqueue(em: EntityManager, jobName: string, id: number, runAt = new Date()): Promise<void> {
    await enqueueJob(em, { name: jobName, runAt, uniqueKey: `${jobName}:${id}:0`, payload: { id }, maxAttempts: 3 });
  }

  async attempt<T extends Delivery>(dataSource: DataSource, channel: Channel<T>, id: number): Promise<void> {
    const now = new Date();
    const claimed = await inTransaction(dataSource, async (em) => {
      const result = await em
        .createQueryBuilder()
        .update(channel.entity)
        .set({ status: 'sending', attempts: () => 'attempts + 1', lastAttemptAt: now, nextAttemptAt: null })
        .where('id = :id AND (status = :queued OR (status = :sending AND lastAttemptAt < :stale))', { id, queued: 'queued', sending: 'sending', stale: new Date(now.getTime() - this.options.staleMs) })
        .execute();
      if (result.affected !== 1) return null;
      const row = (await em.findOneByOrFail(channel.entity, { id })) as T;
      // Should this process stop mid-attempt, this job takes the delivery up again.
      await enqueueJob(em, { name: channel.jobName, runAt: new Date(now.getTime() + this.options.staleMs + 1000), uniqueKey: `${channel.jobName}:${id}:rescue:${row.attempts}`, payload: { id }, maxAttempts: 3 });
      return row;
    });
    if (!claimed) return;
    const outcome = await channel.send(claimed, dataSource.manager).catch((error: unknown): AttemptOutcome => ({ ok: false, error: error instanceof Error ? error.message : String(error) }));
    await inTransaction(dataSource, async (em) => {
      const finished = new Date();
      const last = claimed.attempts >= this.options.maxAttempts;
      const nextAttemptAt = outcome.ok || last ? null : new Date(finished.getTime() + retryDelayMs(claimed.attempts, this.options.retryBaseMs));
      const status = outcome.ok ? channel.success : last ? 'failed' : 'queued';
      const changes: Record<string, unknown> = { ...outcome.fields, status, lastError: outcome.ok ? null : String(outcome.error ?? 'failed').slice(0, 1000), nextAttemptAt };
      if (outcome.ok) changes[channel.success === 'sent' ? 'sentAt' : 'deliveredAt'] = finished;
      // Only the attempt that claimed the row records on it (a late one after a rescue does not).
      const result = await em.createQueryBuilder().update(channel.entity).set(changes).where('id = :id AND status = :sending AND attempts = :attempts', { id, sending: 'sending', attempts: claimed.attempts }).execute();
      if (result.affected === 1 && nextAttemptAt) {
        await enqueueJob(em, { name: channel.jobName, runAt: nextAttemptAt, uniqueKey: `${channel.jobName}:${id}:${claimed.attempts}`, payload: { id }, maxAttempts: 3 });
      }
    });
  }
}
