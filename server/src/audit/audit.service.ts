import type { EntityManager } from 'typeorm';
import { InvalidCursorError, type PageRequest } from '../db/keyset-page';
import { insertRowsWithoutIds } from '../db/write-rows';
import { AuditEntry } from './audit-entry.entity';

export type NewAuditEntry = Pick<AuditEntry, 'staffUserId' | 'apiKeyId' | 'role' | 'action' | 'target' | 'outcome' | 'ip'> & { note?: string | null };

type AuditRow = NewAuditEntry & { at: Date };

/** Entries waiting while an insert is in flight, each with its caller's promise. */
interface Waiting {
  rows: AuditRow[];
  done(error?: unknown): void;
}

/** At most this many entries in one insert. */
const BATCH = 200;

/** The audit log of staff and API-key changes: written after each mutation, read by admins. */
export class AuditService {
  private readonly waiting = new Map<EntityManager, Waiting[]>();

  /**
   * Resolves once the entries are written. Outside a transaction, entries that arrive while
   * an insert is in flight go together in the next one (a till's burst of purchases costs a
   * few inserts, not one each); the first is written at once, so a quiet server waits for
   * nothing.
   */
  async record(em: EntityManager, entries: NewAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const at = new Date();
    const rows = entries.map((e) => ({ ...e, action: e.action.slice(0, 64), target: e.target?.slice(0, 191) ?? null, outcome: e.outcome.slice(0, 64), note: e.note?.slice(0, 500) ?? null, at }));
    if (em.queryRunner) {
      await insertRowsWithoutIds(em, AuditEntry, rows);
      return;
    }
    const queue = this.waiting.get(em);
    return new Promise<void>((resolve, reject) => {
      const waiting: Waiting = { rows, done: (error) => (error === undefined ? resolve() : reject(error)) };
      if (queue) queue.push(waiting);
      else {
        this.waiting.set(em, [waiting]);
        void this.writeAll(em);
      }
    });
  }

  private async writeAll(em: EntityManager): Promise<void> {
    const queue = this.waiting.get(em)!;
    while (queue.length > 0) {
      const batch: Waiting[] = [];
      let size = 0;
      while (queue.length > 0 && (batch.length === 0 || size + queue[0].rows.length <= BATCH)) {
        const next = queue.shift()!;
        batch.push(next);
        size += next.rows.length;
      }
      try {
        // One statement built once (db/write-rows.ts), not an insert builder per batch: every API call ends here.
        await insertRowsWithoutIds(em, AuditEntry, batch.flatMap((w) => w.rows));
        for (const w of batch) w.done();
      } catch (error) {
        for (const w of batch) w.done(error ?? new Error('audit insert failed'));
      }
    }
    this.waiting.delete(em);
  }

  /** Newest first, keyset-paginated by id (a cursor is the id of the last entry seen). */
  async page(em: EntityManager, page: PageRequest, staffUserId?: number | null): Promise<AuditEntry[]> {
    const cursor = (value: string | undefined) => {
      if (value === undefined) return undefined;
      if (!Number.isSafeInteger(Number(value))) throw new InvalidCursorError();
      return Number(value);
    };
    const qb = em.getRepository(AuditEntry).createQueryBuilder('a');
    const after = cursor(page.after);
    const before = cursor(page.before);
    if (after !== undefined) qb.andWhere('a.id < :after', { after });
    if (before !== undefined) qb.andWhere('a.id > :before', { before });
    if (staffUserId) qb.andWhere('a.staffUserId = :staffUserId', { staffUserId });
    const rows = await qb.orderBy('a.id', page.inverted ? 'ASC' : 'DESC').take(page.limit).getMany();
    return page.inverted ? rows.reverse() : rows;
  }
}
