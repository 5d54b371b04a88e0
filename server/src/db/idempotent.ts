import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError } from '../errors';
import { inTransaction } from './transaction';
import { isUniqueViolation } from './unique-violation';

/**
 * Runs a write that an outside system may send more than once, once. `replay` finds the
 * earlier result (or throws a ConflictError for a different payload under the same id);
 * `write` does the work, claiming the id with a unique index first. When copies arrive
 * at the same moment, the one whose claim loses re-reads the winner's result after its
 * own transaction rolled back.
 */
export async function idempotent<T>(
  dataSource: DataSource,
  replay: (em: EntityManager) => Promise<T | null>,
  write: (em: EntityManager) => Promise<T>,
): Promise<T> {
  try {
    return await inTransaction(dataSource, async (em) => (await replay(em)) ?? write(em));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const earlier = await replay(dataSource.manager);
    if (earlier === null) throw error;
    return earlier;
  }
}

/**
 * `idempotent` for the hot paths whose write claims the id with a unique index before it
 * commits (a purchase's or a redemption's externalId): the write runs first and the replay
 * is looked for only when it fails, which saves a read on every first request. A copy of
 * an earlier request fails in its write (the unique index, or a check that no longer
 * passes because the first one landed: an insufficient balance) and, its transaction
 * rolled back, answers with the first result, or with the replay's ConflictError.
 */
export async function idempotentClaim<T>(
  dataSource: DataSource,
  replay: (em: EntityManager) => Promise<T | null>,
  write: (em: EntityManager) => Promise<T>,
  transact: (work: (em: EntityManager) => Promise<T>) => Promise<T> = (work) => inTransaction(dataSource, work),
): Promise<T> {
  try {
    return await transact(write);
  } catch (error) {
    let earlier: T | null;
    try {
      earlier = await replay(dataSource.manager);
    } catch (replayError) {
      // A different request under the same id says so; any other failure of the look-up hides nothing new.
      if (replayError instanceof ConflictError) throw replayError;
      throw error;
    }
    if (earlier === null) throw error;
    return earlier;
  }
}

/** A stable fingerprint of a request, to tell a replay from a different request under the same id. */
export function requestHash(value: unknown): string {
  const canonical = JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
  return createHash('sha256').update(canonical).digest('hex');
}
