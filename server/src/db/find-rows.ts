import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { mayReadByKeyTogether } from './merge-statements';
import { rowsOf } from './statement';

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
  const raw = await rowsOf(em, sql, parameters);
  return raw.map((values) => hydrate<T>(em, metadata, columns, (column) => values[column.databaseName]));
}

/** A hot read's condition: fixed text with `?` for each value, each value with the column it is compared to. */
interface Selection<T> {
  where: string;
  parameters: [keyof T & string, unknown][];
  exclude?: (keyof T & string)[];
}

/**
 * Rows by a condition of the caller's own (fixed text, with `?` for each value), for hot
 * reads that equality alone cannot say: the campaigns active now. Each value comes with
 * the column it is compared to, so it is converted as that column's values are (a date
 * on SQLite is text). Columns in `exclude` are left out of the read (a campaign's draft).
 */
export async function selectRows<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, query: Selection<T> & { orderBy: string; page?: { limit: number; offset: number } }): Promise<T[]> {
  return (await select(em, entity, query, [], [], query.page)).rows;
}

/**
 * `selectRows` with a head: a few SQL expressions (`head`, their values in `headParameters`)
 * read in the same statement as the rows, and answered even when no row matches (the rows
 * are LEFT JOINed to the one-row head). The head's values come back in order; it is how the
 * rules read the campaigns and their listeners' probes in one round trip. The condition
 * names the rows' columns unqualified: the head's own columns are h0, h1… The rows come
 * unordered: with a head, MariaDB would sort them through a temporary table; the caller
 * sorts the few rows instead.
 */
export function selectRowsWithHead<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  query: Selection<T>,
  head: readonly string[],
  headParameters: readonly unknown[],
): Promise<{ head: unknown[]; rows: T[] }> {
  return select(em, entity, query, head, headParameters);
}

async function select<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  query: Selection<T> & { orderBy?: string },
  head: readonly string[],
  headParameters: readonly unknown[],
  page?: { limit: number; offset: number },
): Promise<{ head: unknown[]; rows: T[] }> {
  if (page && !(Number.isSafeInteger(page.limit) && page.limit > 0 && Number.isSafeInteger(page.offset) && page.offset >= 0)) throw new Error(`selectRows: a bad page ${JSON.stringify(page)}`);
  const metadata = em.connection.getMetadata(entity);
  const { driver } = em.connection;
  const shape = `select|${query.where}|${query.orderBy ?? ''}|${(query.exclude ?? []).join(',')}|${head.join('|')}`;
  let byShape = prepared.get(metadata);
  if (!byShape) prepared.set(metadata, (byShape = new Map()));
  let plan = byShape.get(shape);
  if (!plan) {
    const columns = ownColumns(metadata).filter((c) => !query.exclude?.includes(c.propertyName as keyof T & string));
    const table = driver.escape(metadata.tableName);
    const list = columns.map((c) => driver.escape(c.databaseName)).join(', ');
    const sql =
      head.length === 0
        ? `SELECT ${list} FROM ${table} WHERE ${query.where}${query.orderBy ? ` ORDER BY ${query.orderBy}` : ''}`
        : `SELECT ${head.map((_, i) => `h.h${i}`).join(', ')}, ${columns.map((c) => `r.${driver.escape(c.databaseName)}`).join(', ')}` +
          ` FROM (SELECT ${head.map((expression, i) => `${expression} AS h${i}`).join(', ')}) h LEFT JOIN ${table} r ON ${query.where}`;
    plan = { sql, keys: [], columns };
    byShape.set(shape, plan);
  }
  const parameters = [...headParameters, ...query.parameters.map(([name, value]) => driver.preparePersistentValue(value, columnOf(metadata, name, 'selectRows')))];
  // The page is written in (whole numbers, checked above), not bound: MySQL takes no LIMIT parameter in a text query.
  const raw = await rowsOf(em, page ? `${plan.sql} LIMIT ${page.limit} OFFSET ${page.offset}` : plan.sql, parameters);
  const { columns } = plan;
  const primary = metadata.primaryColumns[0].databaseName;
  // With a head, no match is one row of the head and NULLs.
  const matched = head.length === 0 ? raw : raw.filter((values) => values[primary] != null);
  return {
    head: head.map((_, i) => raw[0]?.[`h${i}`]),
    rows: matched.map((values) => hydrate<T>(em, metadata, columns, (column) => values[column.databaseName])),
  };
}

/**
 * Rows whose `key` is one of `values` (and equal on `where`'s columns), for the
 * DataLoaders: a page of members reads each one's account, tier and the rest through
 * here. Hydrated as findRows hydrates, without a query builder per batch (at a hundred
 * rows that took more of the request than the rows themselves). No values, no statement.
 */
export async function findRowsIn<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, key: keyof T & string, values: readonly unknown[], where: Where<T> = {}): Promise<T[]> {
  if (values.length === 0) return [];
  const metadata = em.connection.getMetadata(entity);
  const { driver } = em.connection;
  const names = Object.keys(where);
  const { sql, keys, columns } = prepare(em, metadata, names, {});
  const column = columnOf(metadata, key, 'findRowsIn');
  const list = `${driver.escape(column.databaseName)} IN (${values.map(() => '?').join(', ')})`;
  const parameters = [...keys.map((c, i) => driver.preparePersistentValue(where[names[i] as keyof T & string], c)), ...values.map((value) => driver.preparePersistentValue(value, column))];
  const raw = await rowsOf(em, keys.length ? `${sql} AND ${list}` : `${sql} WHERE ${list}`, parameters);
  return raw.map((row) => hydrate<T>(em, metadata, columns, (c) => row[c.databaseName]));
}

/**
 * A row and its children in one statement (a LEFT JOIN; the children in `orderBy` order):
 * the program a purchase names with its tiers. Null when no row matches; a row without
 * children comes with none. `beside`: one more row of another table, found by equality and
 * LEFT JOINed to each, so that it comes in the same round trip (the member the purchase
 * names); `besideRow` is null when it does not exist.
 */
export async function findRowWithChildren<P extends ObjectLiteral, C extends ObjectLiteral, B extends ObjectLiteral = never>(
  em: EntityManager,
  parent: EntityTarget<P>,
  where: Where<P>,
  child: { entity: EntityTarget<C>; link: keyof C & string; orderBy: keyof C & string },
  beside?: { entity: EntityTarget<B>; where: Where<B> },
): Promise<{ row: P; children: C[]; besideRow: B | null } | null> {
  const parentMeta = em.connection.getMetadata(parent);
  const childMeta = em.connection.getMetadata(child.entity);
  const besideMeta = beside ? em.connection.getMetadata(beside.entity) : null;
  const { driver } = em.connection;
  const names = Object.keys(where);
  const besideNames = beside ? Object.keys(beside.where) : [];
  if (beside && besideNames.length === 0) throw new Error('findRowWithChildren: the row beside needs a key');
  const plan = joinPlan(em, parentMeta, childMeta, names, child.link, child.orderBy, besideMeta, besideNames);
  const parameters = [
    ...plan.besideKeys.map((column, i) => driver.preparePersistentValue(beside!.where[besideNames[i] as keyof B & string], column)),
    ...plan.keys.map((column, i) => driver.preparePersistentValue(where[names[i] as keyof P & string], column)),
  ];
  const raw = await rowsOf(em, plan.sql, parameters);
  if (raw.length === 0) return null;
  const row = hydrate<P>(em, parentMeta, plan.parentColumns, (_, i) => raw[0][`p${i}`]);
  const parentKey = raw[0][plan.parentKey];
  // Rows of another parent (a key that is not unique) are not this row's children.
  const mine = raw.filter((values) => values[plan.parentKey] === parentKey && values[plan.childKey] != null);
  const children = mine.map((values) => hydrate<C>(em, childMeta, plan.childColumns, (_, i) => values[`c${i}`]));
  const order = (child: C) => plan.orderBy.getEntityValue(child) as number | string;
  const besideRow = besideMeta && raw[0][plan.besideKey] != null ? hydrate<B>(em, besideMeta, plan.besideColumns, (_, i) => raw[0][`b${i}`]) : null;
  return { row, children: children.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0)), besideRow };
}

/**
 * A row found by equality, locked, with one row of another table LEFT JOINed to it (its
 * `link` column equal to the row's primary key, and equal on `joined.where`), locked too;
 * and the values of a few SQL expressions (`head`) in the same statement, which lock
 * nothing (MariaDB takes no lock for a subquery in the select list). The member a purchase
 * names, their account in its program, and the program's version: one round trip where
 * there were two. Null when no row matches; `joined` is null when the other row does not
 * exist. SQLite has no row locks (a write transaction holds the database).
 */
export async function lockRowWithJoined<R extends ObjectLiteral, J extends ObjectLiteral>(
  em: EntityManager,
  row: { entity: EntityTarget<R>; where: Where<R> },
  joined: { entity: EntityTarget<J>; link: keyof J & string; where: Where<J> },
  head: readonly string[],
  headParameters: readonly unknown[],
): Promise<{ head: unknown[]; row: R; joined: J | null } | null> {
  const rowMeta = em.connection.getMetadata(row.entity);
  const joinedMeta = em.connection.getMetadata(joined.entity);
  const { driver } = em.connection;
  const names = Object.keys(row.where);
  const joinedNames = Object.keys(joined.where);
  if (names.length === 0) throw new Error('lockRowWithJoined: the row needs a key');
  const shape = `${joinedMeta.name}|${names.join(',')}|${joined.link}|${joinedNames.join(',')}|${head.join('|')}`;
  let byShape = lockedPlans.get(rowMeta);
  if (!byShape) lockedPlans.set(rowMeta, (byShape = new Map()));
  let plan = byShape.get(shape);
  if (!plan) {
    const rowColumns = ownColumns(rowMeta);
    const joinedColumns = ownColumns(joinedMeta);
    const keys = names.map((name) => columnOf(rowMeta, name, 'lockRowWithJoined'));
    const joinedKeys = joinedNames.map((name) => columnOf(joinedMeta, name, 'lockRowWithJoined'));
    const link = columnOf(joinedMeta, joined.link, 'lockRowWithJoined');
    const select = [
      ...head.map((expression, i) => `${expression} AS h${i}`),
      ...rowColumns.map((c, i) => `r.${driver.escape(c.databaseName)} AS r${i}`),
      ...joinedColumns.map((c, i) => `j.${driver.escape(c.databaseName)} AS j${i}`),
    ].join(', ');
    const sql =
      `SELECT ${select} FROM ${driver.escape(rowMeta.tableName)} r` +
      ` LEFT JOIN ${driver.escape(joinedMeta.tableName)} j ON j.${driver.escape(link.databaseName)} = r.${driver.escape(rowMeta.primaryColumns[0].databaseName)}` +
      joinedKeys.map((c) => ` AND j.${driver.escape(c.databaseName)} = ?`).join('') +
      ` WHERE ${keys.map((c) => `r.${driver.escape(c.databaseName)} = ?`).join(' AND ')}` +
      (em.connection.options.type === 'better-sqlite3' ? '' : ' FOR UPDATE');
    plan = { sql, keys, joinedKeys, rowColumns, joinedColumns, joinedKey: `j${joinedColumns.indexOf(joinedMeta.primaryColumns[0])}` };
    byShape.set(shape, plan);
    // By its numeric id, in a group's transaction, with others of its shape as one read (merge-statements.ts).
    const [key] = keys;
    if (keys.length === 1 && key === rowMeta.primaryColumns[0] && (key.type === 'int' || key.type === 'integer') && sql.endsWith(' FOR UPDATE')) {
      const column = `r.${driver.escape(key.databaseName)}`;
      mayReadByKeyTogether(sql, { before: sql.slice(0, sql.lastIndexOf(' WHERE ')), column, after: ' FOR UPDATE', alias: `r${rowColumns.indexOf(key)}` });
    }
  }
  const parameters = [
    ...headParameters,
    ...plan.joinedKeys.map((column, i) => driver.preparePersistentValue(joined.where[joinedNames[i] as keyof J & string], column)),
    ...plan.keys.map((column, i) => driver.preparePersistentValue(row.where[names[i] as keyof R & string], column)),
  ];
  const raw = await rowsOf(em, plan.sql, parameters);
  if (raw.length === 0) return null;
  const values = raw[0];
  const { rowColumns, joinedColumns } = plan;
  return {
    head: head.map((_, i) => values[`h${i}`]),
    row: hydrate<R>(em, rowMeta, rowColumns, (_, i) => values[`r${i}`]),
    joined: values[plan.joinedKey] == null ? null : hydrate<J>(em, joinedMeta, joinedColumns, (_, i) => values[`j${i}`]),
  };
}

interface LockedJoinPlan {
  sql: string;
  keys: ColumnMetadata[];
  joinedKeys: ColumnMetadata[];
  rowColumns: ColumnMetadata[];
  joinedColumns: ColumnMetadata[];
  joinedKey: string;
}

const lockedPlans = new WeakMap<EntityMetadata, Map<string, LockedJoinPlan>>();

/** An entity from a raw row, as TypeORM hydrates it: its driver's conversions and each column's transformer. */
function hydrate<T>(em: EntityManager, metadata: EntityMetadata, columns: ColumnMetadata[], valueOf: (column: ColumnMetadata, i: number) => unknown): T {
  const { driver } = em.connection;
  const row = metadata.create(undefined, { fromDeserializer: true }) as T;
  columns.forEach((column, i) => column.setEntityValue(row as ObjectLiteral, driver.prepareHydratedValue(valueOf(column, i), column)));
  return row;
}

interface JoinPlan {
  sql: string;
  keys: ColumnMetadata[];
  parentColumns: ColumnMetadata[];
  childColumns: ColumnMetadata[];
  besideKeys: ColumnMetadata[];
  besideColumns: ColumnMetadata[];
  /** The aliases of the parent's, the child's and the beside row's primary keys in a raw row. */
  parentKey: string;
  childKey: string;
  besideKey: string;
  orderBy: ColumnMetadata;
}

const joinPlans = new WeakMap<EntityMetadata, Map<string, JoinPlan>>();

function joinPlan(
  em: EntityManager,
  parentMeta: EntityMetadata,
  childMeta: EntityMetadata,
  names: string[],
  link: string,
  orderBy: string,
  besideMeta: EntityMetadata | null,
  besideNames: string[],
): JoinPlan {
  const shape = `${childMeta.name}|${names.join(',')}|${link}|${orderBy}|${besideMeta?.name ?? ''}|${besideNames.join(',')}`;
  let byShape = joinPlans.get(parentMeta);
  if (!byShape) joinPlans.set(parentMeta, (byShape = new Map()));
  const known = byShape.get(shape);
  if (known) return known;
  const { driver } = em.connection;
  const column = (metadata: EntityMetadata, name: string) => columnOf(metadata, name, 'findRowWithChildren');
  const parentColumns = ownColumns(parentMeta);
  const childColumns = ownColumns(childMeta);
  const besideColumns = besideMeta ? ownColumns(besideMeta) : [];
  const keys = names.map((name) => column(parentMeta, name));
  const besideKeys = besideNames.map((name) => column(besideMeta!, name));
  const select = [
    ...parentColumns.map((c, i) => `p.${driver.escape(c.databaseName)} AS p${i}`),
    ...childColumns.map((c, i) => `c.${driver.escape(c.databaseName)} AS c${i}`),
    ...besideColumns.map((c, i) => `b.${driver.escape(c.databaseName)} AS b${i}`),
  ].join(', ');
  const sql =
    `SELECT ${select} FROM ${driver.escape(parentMeta.tableName)} p` +
    ` LEFT JOIN ${driver.escape(childMeta.tableName)} c ON c.${driver.escape(column(childMeta, link).databaseName)} = p.${driver.escape(parentMeta.primaryColumns[0].databaseName)}` +
    (besideMeta ? ` LEFT JOIN ${driver.escape(besideMeta.tableName)} b ON ${besideKeys.map((c) => `b.${driver.escape(c.databaseName)} = ?`).join(' AND ')}` : '') +
    ` WHERE ${keys.map((c) => `p.${driver.escape(c.databaseName)} = ?`).join(' AND ')}`;
  // No ORDER BY: on MariaDB it costs a temporary table and a filesort (the join then took
  // longer than the two reads it replaces); the few children are sorted here instead.
  const parentKey = `p${parentColumns.indexOf(parentMeta.primaryColumns[0])}`;
  const childKey = `c${childColumns.indexOf(childMeta.primaryColumns[0])}`;
  const besideKey = besideMeta ? `b${besideColumns.indexOf(besideMeta.primaryColumns[0])}` : '';
  const made = { sql, keys, parentColumns, childColumns, besideKeys, besideColumns, parentKey, childKey, besideKey, orderBy: column(childMeta, orderBy) };
  byShape.set(shape, made);
  return made;
}

/** The column behind a property; a name the entity does not have is a programming error, said plainly. */
export function columnOf(metadata: EntityMetadata, name: string, helper: string): ColumnMetadata {
  const found = metadata.findColumnWithPropertyName(name);
  if (!found) throw new Error(`${helper}: ${metadata.name} has no column ${name}`);
  return found;
}

/**
 * Own columns only: a relation's object is never read or written by these helpers, its
 * foreign-key column is; a column the database computes (generatedType) is for its indexes.
 */
export function ownColumns(metadata: EntityMetadata): ColumnMetadata[] {
  return metadata.columns.filter((c) => !c.isVirtual && !c.generatedType && !(c.relationMetadata && c.propertyName === c.relationMetadata.propertyName));
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
  const column = (name: string) => columnOf(metadata, name, 'findRows');
  const columns = ownColumns(metadata);
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
