import { QueryFailedError, type EntityManager } from 'typeorm';

/** What the hot path needs of mysql2's connection: its callback query. */
interface Mysql2Connection {
  query(sql: string, values: unknown[], callback: (error: Error | null, result: unknown) => void): void;
}

interface OpenRunner {
  isReleased: boolean;
  databaseConnection?: Mysql2Connection;
}

/**
 * One statement of the hot write paths, answered as TypeORM's `query()` answers it: rows
 * for a read, the driver's result for a write (MySQL's packet with insertId and
 * affectedRows; on SQLite TypeORM's structured result).
 *
 * Inside a MySQL transaction the statement goes to the transaction's mysql2 connection
 * directly. TypeORM's `query()` wraps each statement in two event broadcasts (no subscriber
 * here listens), five awaits and a copy of the rows; with twenty statements to a purchase
 * that was a tenth of the server's time on the write path (bench/cpu-ledger.ts). What it
 * does that matters is kept: the statement is logged (and so counted), a slow one is
 * reported, and a failure is logged and thrown as the QueryFailedError callers test for.
 * Elsewhere (SQLite, no transaction, a released runner) TypeORM's own path runs.
 */
export function statement(em: EntityManager, sql: string, parameters: unknown[]): Promise<unknown> {
  const runner = em.queryRunner as unknown as OpenRunner | undefined;
  const connection = runner && !runner.isReleased && onMysql(em) ? runner.databaseConnection : undefined;
  if (!connection) return em.query(sql, parameters);
  const { logger, options } = em.connection;
  logger.logQuery(sql, parameters);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    connection.query(sql, parameters, (error, result) => {
      const ms = Date.now() - started;
      if (options.maxQueryExecutionTime && ms > options.maxQueryExecutionTime) logger.logQuerySlow(ms, sql, parameters);
      if (error) {
        logger.logQueryError(error, sql, parameters);
        reject(new QueryFailedError(sql, parameters, error));
      } else resolve(result);
    });
  });
}

/** Rows of a read through `statement`. */
export async function rowsOf(em: EntityManager, sql: string, parameters: unknown[]): Promise<Record<string, unknown>[]> {
  return (await statement(em, sql, parameters)) as Record<string, unknown>[];
}

export function onMysql(em: EntityManager): boolean {
  const type = em.connection.options.type;
  return type === 'mysql' || type === 'mariadb';
}
