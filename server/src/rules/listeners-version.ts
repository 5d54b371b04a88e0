import type { EntityManager, EntitySubscriberInterface, InsertEvent, QueryRunner, RemoveEvent, SoftRemoveEvent, TransactionCommitEvent, TransactionRollbackEvent, UpdateEvent } from 'typeorm';
import { EventSubscriber } from 'typeorm';
import type { Campaign } from '../campaigns/campaign.entity';

/**
 * Before an event's campaigns and listeners run, the rules read which campaigns are active
 * and whether each listener has anything to do (an active offer, a pending referral…). Those
 * rows change when staff change the programme, not with every purchase, so the rules keep
 * that read in memory, per program and event type, under the program's `listenersVersion`.
 * The programs and their tiers are kept under it too (ProgramsService, read by
 * LedgerService.lockNamedMember beside the member a purchase or a redemption locks).
 *
 * The version moves in the same transaction as every write to a table the read depends on
 * (the subscriber below), and every event's transaction reads it with the program row it
 * reads anyway. So a change committed on any instance is seen by the next event on every
 * instance, with no message between them and no time-to-live: the version it reads is one
 * the memory does not hold, and the rows are read again.
 */

/** Whether an update with these values (null: unknown) can change what the rules read. */
export type UpdateMatters = (changed: Record<string, unknown> | null) => boolean;

/** The entities the read depends on, and which of their updates matter. Filled as domains are wired (RulesService). */
const watched = new Map<unknown, UpdateMatters>();

export function watchForListeners(entity: unknown, matters: UpdateMatters = () => true): void {
  watched.set(entity, matters);
}

/**
 * The transactions that moved the version, with the depth they moved at (a savepoint rolled
 * back takes its move with it): what they read of the watched tables is their own,
 * uncommitted, and is kept by no one. A query runner can outlive its transaction (SQLite's
 * is the one runner of the connection), so the mark is cleared when the transaction ends.
 * (Not in the runner's `data`: save() puts back the object it found there when it is done.)
 */
const movedAtDepth = new WeakMap<QueryRunner, number>();

/** Whether the transaction `em` runs in has written a watched table (and so must read them itself). */
export function movedIn(em: EntityManager): boolean {
  return em.queryRunner?.isTransactionActive === true && movedAtDepth.has(em.queryRunner);
}

/** TypeORM's transaction depth: 1 in a transaction, one more per savepoint. */
const depthOf = (queryRunner: QueryRunner) => (queryRunner as unknown as { transactionDepth: number }).transactionDepth;

@EventSubscriber()
export class ListenersVersionSubscriber implements EntitySubscriberInterface {
  afterInsert(event: InsertEvent<unknown>) {
    return moveVersion(event.metadata.target, event.manager, event.queryRunner, null);
  }

  afterUpdate(event: UpdateEvent<unknown>) {
    return moveVersion(event.metadata.target, event.manager, event.queryRunner, changedValues(event));
  }

  afterRemove(event: RemoveEvent<unknown>) {
    return moveVersion(event.metadata.target, event.manager, event.queryRunner, null);
  }

  afterSoftRemove(event: SoftRemoveEvent<unknown>) {
    return moveVersion(event.metadata.target, event.manager, event.queryRunner, null);
  }

  /** A savepoint released hands its move to the transaction around it; the end of the transaction clears it. */
  afterTransactionCommit({ queryRunner }: TransactionCommitEvent) {
    const at = movedAtDepth.get(queryRunner);
    if (at === undefined) return;
    if (!queryRunner.isTransactionActive) movedAtDepth.delete(queryRunner);
    else if (at > depthOf(queryRunner)) movedAtDepth.set(queryRunner, depthOf(queryRunner));
  }

  /** A savepoint rolled back takes its move with it; so does the whole transaction. */
  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent) {
    const at = movedAtDepth.get(queryRunner);
    if (at !== undefined && (!queryRunner.isTransactionActive || at > depthOf(queryRunner))) movedAtDepth.delete(queryRunner);
  }
}

/** An update through save() names its changed columns; one through a query builder gives the values it sets. */
function changedValues(event: UpdateEvent<unknown>): Record<string, unknown> | null {
  const entity = event.entity as Record<string, unknown> | undefined;
  if (!entity) return null;
  if (event.updatedColumns.length === 0) return entity;
  return Object.fromEntries(event.updatedColumns.map((column) => [column.propertyName, entity[column.propertyName]]));
}

async function moveVersion(target: unknown, manager: EntityManager, queryRunner: QueryRunner, changed: Record<string, unknown> | null): Promise<void> {
  const matters = watched.get(target);
  if (!matters || (changed !== null && !matters(changed))) return;
  // Once per transaction: readers see the move when it commits, whatever the count.
  if (queryRunner.isTransactionActive && movedAtDepth.has(queryRunner)) return;
  // Every program's: a webhook subscription is everyone's, and programs are few.
  await manager.query('UPDATE programs SET listenersVersion = listenersVersion + 1');
  if (queryRunner.isTransactionActive) movedAtDepth.set(queryRunner, depthOf(queryRunner));
}

/** What the rules read before an event: the campaigns that may run (any time window), and which listeners to call (by the order they were added). */
export interface ListenedRows {
  version: number;
  campaigns: Campaign[];
  wanted: boolean[];
}

/**
 * The last read per program and event type. An entry answers a transaction that read the
 * program's version itself (`versionRead`) and found it no newer than the entry's: nothing
 * has changed between the entry's read and that one. A transaction that did not (a program
 * object held from earlier, in a long job) reads, and what it reads may still be kept: the
 * version comes in the same statement as the rows.
 */
export class ListenedRowsCache {
  private readonly entries = new Map<string, ListenedRows>();

  async read(em: EntityManager, programId: number, eventType: string, versionRead: number | undefined, load: () => Promise<ListenedRows>): Promise<ListenedRows> {
    if (movedIn(em)) return load();
    const key = `${programId}:${eventType}`;
    const known = this.entries.get(key);
    if (known && versionRead !== undefined && known.version >= versionRead) return known;
    const rows = await load();
    // Kept only if newer: two reads at once may come back in either order.
    if (!known || rows.version > known.version) this.entries.set(key, rows);
    return rows;
  }
}
