import type { DataSource, EntityManager } from 'typeorm';
import { dialectOf } from './data-source';
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
    return sqliteQueue(dataSource).run(() => dataSource.transaction(work));
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction('READ COMMITTED', work);
    } catch (error) {
      // InnoDB may pick a transaction as a deadlock victim; it was rolled back whole, so run it again.
      if (attempt >= 3 || !isRetryableLockError(error)) throw error;
    }
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
