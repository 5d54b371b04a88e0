import 'reflect-metadata';
import { DataSource, type Logger as TypeOrmLogger, type MixedList, type EntitySchema } from 'typeorm';
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
  poolSize?: number;
  /** Receives TypeORM's warnings and slow-query reports. */
  log?: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };
}

/** Feeds every statement into the query counter; TypeORM calls logQuery for each one. */
class CountingLogger implements TypeOrmLogger {
  constructor(private readonly sink?: DataSourceParams['log']) {}
  logQuery(query: string) {
    recordStatement(query);
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
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
        db.pragma('synchronous = NORMAL');
      },
    });
  }
  return new DataSource({
    ...common,
    type: 'mysql',
    host: database.host,
    port: database.port,
    username: database.user,
    password: database.password,
    database: database.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    poolSize: params.poolSize ?? 10,
    extra: { connectionLimit: params.poolSize ?? 10, waitForConnections: true },
  });
}

export function dialectOf(dataSource: DataSource): Dialect {
  return dataSource.options.type === 'mysql' ? 'mysql' : 'sqlite';
}
