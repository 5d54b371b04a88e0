import type { DataSource } from 'typeorm';

/** The parts of mysql2's pool and connections that the tuning below touches. */
interface Mysql2Connection {
  config: { trace?: boolean };
  promise(): unknown;
  patronPromise?: unknown;
}
interface Mysql2Pool {
  config: { connectionConfig: { trace?: boolean } };
  on(event: 'connection', listener: (connection: Mysql2Connection) => void): void;
  _allConnections?: { toArray(): Mysql2Connection[] };
}

/**
 * Per-statement costs of mysql2 under TypeORM that a profile of the ledger write path
 * showed (about 8 % of the server's CPU at concurrency 32):
 *
 * - TypeORM calls `connection.promise()` for every statement, and each call `require`s
 *   mysql2's promise wrapper anew and builds one (a module resolution per statement).
 *   Each pooled connection now builds its wrapper once.
 * - mysql2 captures a stack trace on every statement (`trace`, on by default) to decorate
 *   errors with the caller's frames. TypeORM's QueryFailedError already carries the SQL,
 *   and the logs show that; the capture is turned off.
 *
 * Both apply to connections open now and to those the pool opens later. A replicated
 * DataSource (a pool cluster) is left as it is.
 */
export function tuneMysqlDriver(dataSource: DataSource): void {
  const pool = (dataSource.driver as unknown as { pool?: Mysql2Pool }).pool;
  if (!pool || typeof pool.on !== 'function' || !pool.config?.connectionConfig) return;
  // Connections share their pool's connectionConfig object: this reaches the open ones too.
  pool.config.connectionConfig.trace = false;
  const tune = (connection: Mysql2Connection) => {
    connection.config.trace = false;
    if (connection.patronPromise) return;
    const wrapper = connection.promise();
    connection.patronPromise = wrapper;
    connection.promise = () => wrapper;
  };
  for (const connection of pool._allConnections?.toArray() ?? []) tune(connection);
  pool.on('connection', tune);
}
