import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts SQL statements per unit of work (a GraphQL request, a job). Tests use it to
 * prove that a list query makes the same number of statements for 10 rows and 100;
 * /metrics exposes the process-wide total as patron_db_queries_total.
 */
export interface QueryStats {
  statements: number;
}

const storage = new AsyncLocalStorage<QueryStats>();
const listeners = new Set<(sql: string, parameters?: readonly unknown[]) => void>();

export function withQueryStats<T>(stats: QueryStats, work: () => T): T {
  return storage.run(stats, work);
}

export function currentQueryStats(): QueryStats | undefined {
  return storage.getStore();
}

/** Registers a callback for every statement in the process (metrics; the scale benchmark EXPLAINs them). */
export function onStatement(listener: (sql: string, parameters?: readonly unknown[]) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function recordStatement(sql: string, parameters?: readonly unknown[]): void {
  const stats = storage.getStore();
  if (stats) stats.statements += 1;
  for (const listener of listeners) listener(sql, parameters);
}
