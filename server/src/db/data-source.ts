import 'reflect-metadata';
import { DataSource, type EntityManager, type Logger as TypeOrmLogger, type MixedList, type EntitySchema } from 'typeorm';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DatabaseOptions } from '../config';
import { recordStatement } from './query-stats';

export type Dialect = DatabaseOptions['dialect'];

export interface DataSourceParams {
  database: DatabaseOptions;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Entity subscribers (classes decorated with @EventSubscriber). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  subscribers?: Function[];
  poolSize?: number;
  /** MySQL read replicas: only what asks for them (`onReplica`) reads there; everything else stays on the primary. */
  replicas?: Extract<DatabaseOptions, { dialect: 'mysql' }>[];
  /** True for MariaDB (see `detectMariaDb`). */
  mariadb?: boolean;
  /** Receives TypeORM's warnings and slow-query reports. */
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

/** Feeds every statement into the query counter; TypeORM calls logQuery for each one. */
class CountingLogger implements TypeOrmLogger {
  constructor(private readonly sink?: DataSourceParams['log']) {}
  logQuery(query: string, parameters?: unknown[]) {
    recordStatement(query, parameters);
  }
  logQueryError(error: string | Error, query: string) {
    this.sink?.warn({ err: String(error), sql: query.slice(0, 500) }, 'query failed');
  }
  logQuerySlow(time: number, query: string) {
    this.sink?.warn({ ms: time, sql: query.slice(0, 500) }, 'slow query');
  }
  logSchemaBuild() {}
  logMigration(message: string) {
    this.sink?.info({}, message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown) {
    if (level === 'warn') this.sink?.warn({}, String(message));
  }
}

/**
 * One DataSource for both dialects. `synchronize` is never on: the schema changes only
 * through migrations/, which the caller runs.
 */
export function createDataSource(params: DataSourceParams): DataSource {
  const { database } = params;
  const common = {
    entities: params.entities,
    migrations: params.migrations,
    subscribers: params.subscribers ?? [],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logger: new CountingLogger(params.log),
    maxQueryExecutionTime: 1000,
  };
  if (database.dialect === 'sqlite') {
    const path = database.path === ':memory:' ? ':memory:' : resolve(database.path);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    return new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: path,
      enableWAL: path !== ':memory:',
      prepareDatabase: (db: { pragma(sql: string): unknown; function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => unknown): unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
        db.pragma('synchronous = NORMAL');
        // SQLite's own LOWER() knows only ASCII; names are mostly Cyrillic. MySQL's is Unicode.
        db.function('lower', { deterministic: true }, (value) => (typeof value === 'string' ? value.toLowerCase() : value));
      },
    });
  }
  return new DataSource({
    ...common,
    // TypeORM reads MariaDB's information_schema differently (quoted defaults, NULL as
    // 'NULL'), so it has to be told which server it talks to.
    type: params.mariadb ? 'mariadb' : 'mysql',
    ...(params.replicas?.length
      ? {
          replication: {
            master: credentials(database),
            slaves: params.replicas.map(credentials),
            // Reads go to the primary unless they ask for a replica: the ledger must read its own writes.
            defaultMode: 'master' as const,
            // A node that failed is tried again after a second (the default would drop it for good).
            restoreNodeTimeout: 1000,
            removeNodeErrorCount: 1_000_000,
          },
        }
      : credentials(database)),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    // A transaction's deferred statements ride in one packet with its next one (round-trips.ts).
    // Every value still goes through mysql2's escaping; no statement is built from input.
    multipleStatements: true,
    poolSize: params.poolSize ?? 10,
    extra: { connectionLimit: params.poolSize ?? 10, waitForConnections: true },
  });
}

function credentials(database: Extract<DatabaseOptions, { dialect: 'mysql' }>) {
  const { user, ...rest } = mysqlConnection(database);
  return { ...rest, username: user, database: database.database };
}

/** Where and as whom mysql2 connects: the Unix socket when the URL names one (`?socket=`), else host and port. */
export function mysqlConnection(database: Extract<DatabaseOptions, { dialect: 'mysql' }>): { host: string; port: number; socketPath?: string; user: string; password: string } {
  const where = database.socketPath ? { host: database.host, port: database.port, socketPath: database.socketPath } : { host: database.host, port: database.port };
  return { ...where, user: database.user, password: database.password };
}

/**
 * Runs read-only work on a read replica when the DataSource has some, else on `em`.
 * Replicas lag: use it for analytics, never for what a request has just written.
 */
export async function onReplica<T>(dataSource: DataSource, em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T> {
  const replication = (dataSource.options as { replication?: unknown }).replication;
  if (!replication || em.queryRunner?.isTransactionActive) return work(em);
  const runner = dataSource.createQueryRunner('slave');
  try {
    return await work(runner.manager);
  } finally {
    await runner.release();
  }
}

export function dialectOf(dataSource: DataSource): Dialect {
  return dataSource.options.type === 'mysql' || dataSource.options.type === 'mariadb' ? 'mysql' : 'sqlite';
}

/** Asks a mysql:// server whether it is MariaDB; a mariadb:// URL says so itself. */
export async function detectMariaDb(database: DatabaseOptions): Promise<boolean> {
  if (database.dialect !== 'mysql') return false;
  if (database.url.startsWith('mariadb:')) return true;
  const { createConnection } = await import('mysql2/promise');
  const connection = await createConnection({ ...mysqlConnection(database), connectTimeout: 10_000 });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return /mariadb/i.test(String((rows as { version: string }[])[0]?.version));
  } finally {
    await connection.end();
  }
}

/** Creates and connects a DataSource, detecting MariaDB first. */
export async function openDataSource(params: Omit<DataSourceParams, 'mariadb'>): Promise<DataSource> {
  const mariadb = await detectMariaDb(params.database);
  return createDataSource({ ...params, mariadb }).initialize();
}
