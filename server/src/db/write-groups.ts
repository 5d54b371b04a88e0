import type { DataSource, EntityManager } from 'typeorm';
import { dialectOf } from './data-source';
import { sendTogether } from './round-trips';
import { inTransaction } from './transaction';

interface Waiting {
  key: string;
  work: (em: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface WriteGroupOptions {
  /** Groups in flight at once, each on a pooled connection of its own. */
  slots: number;
  /** Most writes in one group. */
  most: number;
}

/**
 * Group commit for the hot writes (a purchase, a redemption): writes that arrive while
 * others are being written wait, and what is waiting when a slot frees runs together in one
 * transaction, the group's writes side by side on its connection. The statements they issue
 * in one turn of the event loop go in one packet (round-trips.ts), those of one shape as one
 * statement: single-row inserts as a multi-row insert, locked reads by id as one read, the
 * held-back rows and guarded updates likewise (merge-statements.ts). At a rate the database
 * keeps up with, a group is one write and waits for nobody; under load the groups grow, and
 * a purchase costs a fraction of the statements (bench/group-commit.ts: what that is worth).
 *
 * - Writes under one key (the member a purchase names) never run in two groups at once, and
 *   in one group they run one after another: each takes the account as the one before left
 *   it, from memory, the member still locked (ledger/held-members.ts): a regular at a busy
 *   till waits neither for a group of their own each time nor for a read.
 * - All or nothing, then again: when any write of a group fails, the group's transaction
 *   rolls back whole; the writes that failed run again each in a transaction of its own,
 *   to answer for themselves, and the others again as a group. When the transaction failed
 *   under all of them (its COMMIT, a merged statement), each runs alone.
 * - Writes of different members share no row, but for code that writes for another member
 *   than the one the write names (a referral's referrer, who may be in the same group): in
 *   one transaction a row lock does not hold one write back from another, so that code calls
 *   `writeAlone` first. In a group it fails the group, whose writes then run alone, and the
 *   next writes for a while too. (Shared counters taken by a guarded update, a reward's stock
 *   or a campaign's cap, need nothing: the update sees the group's earlier ones.)
 * - SQLite runs one transaction at a time anyway: there a write runs alone, at once.
 */
export class WriteGroups {
  private readonly queue: Waiting[] = [];
  private readonly busy = new Set<string>();
  private running = 0;
  /** Until then (ms since the epoch) every write runs alone: a group needed it lately. */
  private aloneUntil = 0;
  /** Whether a multi-row insert's rows take consecutive ids here (asked once). */
  private consecutiveIds: Promise<boolean> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: WriteGroupOptions,
  ) {}

  run<T>(key: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (dialectOf(this.dataSource) !== 'mysql') return inTransaction(this.dataSource, work);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ key, work, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.running < this.options.slots) {
      const group = this.takeGroup();
      if (group.length === 0) return;
      this.running++;
      void this.write(group).finally(() => {
        for (const waiting of group) this.busy.delete(waiting.key);
        this.running--;
        this.pump();
      });
    }
  }

  /** The waiting writes, oldest first, whose keys no group in flight holds. */
  private takeGroup(): Waiting[] {
    const group: Waiting[] = [];
    const mine = new Set<string>();
    const most = Date.now() < this.aloneUntil ? 1 : this.options.most;
    for (let i = 0; i < this.queue.length && group.length < most; ) {
      const waiting = this.queue[i];
      if (this.busy.has(waiting.key) && !mine.has(waiting.key)) {
        i++;
        continue;
      }
      this.busy.add(waiting.key);
      mine.add(waiting.key);
      group.push(waiting);
      this.queue.splice(i, 1);
    }
    return group;
  }

  private async write(group: Waiting[]): Promise<void> {
    if (group.length === 1) return this.alone(group[0]);
    let settled: PromiseSettledResult<unknown>[] = [];
    try {
      const mergeInserts = await this.insertsMayMerge();
      await inTransaction(this.dataSource, async (em) => {
        sendTogether(em, { mergeInserts });
        if (em.queryRunner) grouped.add(em.queryRunner);
        // Side by side, but one key's writes one after another, each reading what the one before wrote.
        const last = new Map<string, Promise<unknown>>();
        const runs = group.map((waiting) => {
          const before = last.get(waiting.key);
          const run = before ? before.then(() => waiting.work(em), () => waiting.work(em)) : waiting.work(em);
          last.set(waiting.key, run);
          return run;
        });
        // Every write settles before the transaction ends, whichever fails.
        settled = await Promise.allSettled(runs);
        const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
        if (failed) throw failed.reason;
      });
    } catch {
      if (settled.some((s) => s.status === 'rejected' && s.reason instanceof WriteAloneError)) this.aloneUntil = Date.now() + ALONE_FOR_MS;
      // The writes that failed run again alone, to answer for themselves, and the others as a group again (a
      // redemption refused for its balance does not cost the rest a transaction each); when none failed on its
      // own (the COMMIT did), or all did, each runs alone.
      const failed = group.filter((_, i) => settled[i]?.status !== 'fulfilled');
      const regroup = failed.length > 0 && failed.length < group.length;
      await Promise.all([...(regroup ? failed : group).map((waiting) => this.alone(waiting)), regroup && this.write(group.filter((waiting) => !failed.includes(waiting)))]);
      return;
    }
    group.forEach((waiting, i) => waiting.resolve((settled[i] as PromiseFulfilledResult<unknown>).value));
  }

  private alone(waiting: Waiting): Promise<void> {
    return inTransaction(this.dataSource, waiting.work).then(waiting.resolve, waiting.reject);
  }

  /**
   * At innodb_autoinc_lock_mode 0 or 1 (MariaDB's default) the rows of a multi-row insert
   * take consecutive ids; at 2 (MySQL 8's) they may not, and single-row inserts stay single.
   */
  private insertsMayMerge(): Promise<boolean> {
    this.consecutiveIds ??= this.dataSource
      .query('SELECT @@innodb_autoinc_lock_mode AS mode')
      .then((rows: { mode: number | string }[]) => Number(rows[0]?.mode) <= 1)
      .catch(() => false);
    return this.consecutiveIds;
  }
}

/** The query runners of group transactions. */
const grouped = new WeakSet<object>();
/** How long the writes run alone after a group met code that must write alone. */
const ALONE_FOR_MS = 10_000;

class WriteAloneError extends Error {
  constructor() {
    super('write-groups: this write takes its turn on a shared row under a lock, and must run in a transaction of its own');
  }
}

/**
 * Called first by code that counts on a row lock to serialise writers of a row that other
 * members' writes share: in a group's transaction it fails the group, whose writes then run
 * alone. Elsewhere it does nothing.
 */
export function writeAlone(em: EntityManager): void {
  if (inWriteGroup(em)) throw new WriteAloneError();
}

/** Whether `em` is a write group's transaction (one shared by several members' writes). */
export function inWriteGroup(em: EntityManager): boolean {
  return Boolean(em.queryRunner && grouped.has(em.queryRunner));
}

const groups = new WeakMap<DataSource, WriteGroups>();

/**
 * How a service writes under `key`: in the data source's write groups (made on first use),
 * or, without options (WRITE_GROUPS=false), undefined, for a transaction of its own.
 */
export function inWriteGroups<T>(dataSource: DataSource, options: WriteGroupOptions | null, key: string): ((work: (em: EntityManager) => Promise<T>) => Promise<T>) | undefined {
  if (!options) return undefined;
  let found = groups.get(dataSource);
  if (!found) groups.set(dataSource, (found = new WriteGroups(dataSource, options)));
  const writeGroups = found;
  return (work) => writeGroups.run(key, work);
}
