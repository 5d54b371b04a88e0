import type { EntityManager } from 'typeorm';
import { InvalidCursorError, type PageRequest } from '../db/keyset-page';
import { AuditEntry } from './audit-entry.entity';

export type NewAuditEntry = Pick<AuditEntry, 'staffUserId' | 'apiKeyId' | 'role' | 'action' | 'target' | 'outcome' | 'ip'> & { note?: string | null };

/** The audit log of staff and API-key changes: written after each mutation, read by admins. */
export class AuditService {
  async record(em: EntityManager, entries: NewAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const at = new Date();
    await em.insert(AuditEntry, entries.map((e) => ({ ...e, action: e.action.slice(0, 64), target: e.target?.slice(0, 191) ?? null, outcome: e.outcome.slice(0, 64), note: e.note?.slice(0, 500) ?? null, at })));
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
