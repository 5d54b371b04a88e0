import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';

/** Equality only: `= NULL` matches nothing, so null is not a key value here. */
type Where<T> = Partial<Record<keyof T & string, string | number | boolean | Date>>;

interface FindOptions<T> {
  orderBy?: keyof T & string;
  limit?: number;
  /** MySQL's FOR UPDATE; SQLite has no row locks (a write transaction holds the database). */
  lock?: boolean;
}

interface Prepared {
  sql: string;
  keys: ColumnMetadata[];
  columns: ColumnMetadata[];
}

const prepared = new WeakMap<EntityMetadata, Map<string, Prepared>>();

/**
 * Rows by equality on columns, for the hot paths' lookups (the API key, the member, the
 * program and its tiers, the locked account). The SQL is built once per entity and shape,
 * and the rows are hydrated as TypeORM hydrates them (its driver's conversions and each
 * column's transformer), so they are the same entities `em.find` gives; a query builder per
 * call cost more CPU than the statement itself (bench/ledger.ts).
 */
export async function findRows<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, where: Where<T>, options: FindOptions<T> = {}): Promise<T[]> {
  const metadata = em.connection.getMetadata(entity);
  const { driver } = em.connection;
  const names = Object.keys(where);
  const { sql, keys, columns } = prepare(em, metadata, names, options);
  const parameters = keys.map((column, i) => driver.preparePersistentValue(where[names[i] as keyof T & string], column));
  const raw = (await em.query(sql, parameters)) as Record<string, unknown>[];
  return raw.map((values) => {
    const row = metadata.create(undefined, { fromDeserializer: true }) as T;
    for (const column of columns) column.setEntityValue(row, driver.prepareHydratedValue(values[column.databaseName], column));
    return row;
  });
}

export async function findRow<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, where: Where<T>, options: Omit<FindOptions<T>, 'limit'> = {}): Promise<T | null> {
  const [row] = await findRows(em, entity, where, { ...options, limit: 1 });
  return row ?? null;
}

function prepare<T>(em: EntityManager, metadata: EntityMetadata, names: string[], options: FindOptions<T>): Prepared {
  const lock = options.lock === true && em.connection.options.type !== 'better-sqlite3';
  const shape = `${names.join(',')}|${options.orderBy ?? ''}|${options.limit ?? ''}|${lock}`;
  let byShape = prepared.get(metadata);
  if (!byShape) prepared.set(metadata, (byShape = new Map()));
  const known = byShape.get(shape);
  if (known) return known;
  const { driver } = em.connection;
  const column = (name: string) => {
    const found = metadata.findColumnWithPropertyName(name);
    if (!found) throw new Error(`findRows: ${metadata.name} has no column ${name}`);
    return found;
  };
  // Own columns only: a relation's object is never loaded here, its foreign-key column is.
  const columns = metadata.columns.filter((c) => !c.isVirtual && !(c.relationMetadata && c.propertyName === c.relationMetadata.propertyName));
  const keys = names.map(column);
  let sql = `SELECT ${columns.map((c) => driver.escape(c.databaseName)).join(', ')} FROM ${driver.escape(metadata.tableName)}`;
  if (keys.length) sql += ` WHERE ${keys.map((c) => `${driver.escape(c.databaseName)} = ?`).join(' AND ')}`;
  if (options.orderBy) sql += ` ORDER BY ${driver.escape(column(options.orderBy).databaseName)} ASC`;
  if (options.limit !== undefined) sql += ` LIMIT ${Math.floor(options.limit)}`;
  if (lock) sql += ' FOR UPDATE';
  const made = { sql, keys, columns };
  byShape.set(shape, made);
  return made;
}
