import type { DataSource, EntityManager } from 'typeorm';
import { dialectOf } from './data-source';
import { startLazily } from './round-trips';
import { isRetryableLockError } from './unique-violation';

/**
 * Runs `work` in one database transaction and hands it the EntityManager to pass to
 * every service involved, so that a purchase, its ledger entries and its effects commit
 * or roll back together.
 *
 * SQLite has one connection in embedded mode: two interleaved BEGINs on it would fail,
 * so transactions there are queued one after another. MySQL uses its pool.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (dialectOf(dataSource) === 'sqlite') {
    // A fresh manager per transaction on the one shared connection, so that what a service
    // keeps for a transaction, keyed by its manager, ends with it (as it does on MySQL).
    return sqliteQueue(dataSource).run(() => dataSource.transaction((em) => work(dataSource.createEntityManager(em.queryRunner))));
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await readCommitted(dataSource, work);
    } catch (error) {
      // InnoDB may pick a transaction as a deadlock victim; it was rolled back whole, so run it again.
      if (attempt >= 3 || !isRetryableLockError(error)) throw error;
    }
  }
}

/**
 * Pooled connections that already run every transaction at READ COMMITTED. Setting it once
 * per connection, for the session, saves the `SET TRANSACTION ISOLATION LEVEL` that
 * `dataSource.transaction('READ COMMITTED', …)` sends before every START TRANSACTION.
 */
const readCommittedSessions = new WeakSet<object>();

async function readCommitted<T>(dataSource: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner('master');
  try {
    await runner.connect();
    // The pooled driver connection, the same object each time the pool hands it out.
    const connection = (runner as unknown as { databaseConnection: object }).databaseConnection;
    if (!readCommittedSessions.has(connection)) {
      await runner.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
      readCommittedSessions.add(connection);
    }
    // START TRANSACTION rides with the transaction's first statement (round-trips.ts).
    startLazily(connection);
    await runner.startTransaction();
    const result = await work(runner.manager);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}

class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

const queues = new WeakMap<DataSource, SerialQueue>();
function sqliteQueue(dataSource: DataSource): SerialQueue {
  let queue = queues.get(dataSource);
  if (!queue) {
    queue = new SerialQueue();
    queues.set(dataSource, queue);
  }
  return queue;
}
