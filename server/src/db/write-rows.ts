import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { columnOf, ownColumns } from './find-rows';
import { multiRowInsert } from './merge-statements';
import { deferStatement } from './round-trips';
import { onMysql, statement } from './statement';

/**
 * Single-row writes for the ledger's hot path (the purchase, its entry, its lot, the
 * guarded account update), the write-side partner of find-rows.ts: the SQL is built once
 * per entity and set of columns, the values go through the driver's conversions and each
 * column's transformer as TypeORM's own writes do. TypeORM's insert and update builders
 * cost more CPU per call than the statement itself (bench/profile-ledger.ts: a fifth of
 * the server's time went to them).
 *
 * The entities written here have no listeners or subscribers, and their defaults are
 * literals; an insert that would leave a column to a default of another kind (a function,
 * a create or update date, a version) goes to TypeORM instead.
 */
interface InsertPlan {
  /** `INSERT INTO t (a, b) VALUES (?, ?)`; more rows repeat the group. */
  sql: string;
  group: string;
  columns: ColumnMetadata[];
  /** Columns left to their default, and that default, to set on the entity as the database did. */
  defaults: [ColumnMetadata, unknown][];
  /** An update's shape, where updates of it on different rows may be merged. */
  update?: UpdateShape;
}

type UpdateShape = { table: string; set: string[]; where: string[] };

const plans = new WeakMap<EntityMetadata, Map<string, InsertPlan | null>>();

/** Inserts one row and sets its generated id (and the literal defaults it left out) on the object, as `em.insert` does. */
export async function insertRow<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, row: Partial<T>): Promise<void> {
  const metadata = em.connection.getMetadata(entity);
  const plan = planFor(em, metadata, row);
  if (plan === null) {
    await em.insert(entity, row);
    return;
  }
  const { driver } = em.connection;
  const parameters = plan.columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column));
  const result = await run(em, plan.sql, parameters);
  // MySQL answers with the packet (insertId); SQLite with the new rowid.
  const generated = generatedId(metadata);
  if (generated && generated.getEntityValue(row) === undefined) {
    generated.setEntityValue(row, typeof result.raw === 'object' && result.raw !== null ? (result.raw as { insertId: number }).insertId : Number(result.raw));
  }
  for (const [column, value] of plan.defaults) column.setEntityValue(row, value);
}

/**
 * Inserts rows of one shape in one statement, for rows nobody reads back by id (a
 * purchase's items, a lot, a trace with the id its caller gave): their generated ids are
 * not set, since a multi-row insert's ids need not be consecutive on MySQL. The literal
 * defaults are. In a MySQL transaction the insert rides with the transaction's next
 * statement (round-trips.ts): a failure then fails that statement, and the transaction.
 */
export async function insertRowsWithoutIds<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, rows: Partial<T>[]): Promise<void> {
  if (rows.length === 0) return;
  const metadata = em.connection.getMetadata(entity);
  const first = shapeOf(metadata, rows[0]);
  const plan = planFor(em, metadata, rows[0]);
  if (!plan || rows.some((row) => shapeOf(metadata, row) !== first)) {
    await em.insert(entity, rows);
    return;
  }
  const { driver } = em.connection;
  const parameters = rows.flatMap((row) => plan.columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column)));
  const head = plan.sql.slice(0, -plan.group.length);
  const sql = multiRowInsert(head, plan.group, rows.length);
  if (!deferStatement(em, sql, parameters, undefined, { rows: { head, group: plan.group, count: rows.length } })) await run(em, sql, parameters);
  for (const row of rows) for (const [column, value] of plan.defaults) column.setEntityValue(row, value);
}

/** The insert for this row's set of columns, built on first use; null where TypeORM must do it. */
function planFor(em: EntityManager, metadata: EntityMetadata, row: ObjectLiteral): InsertPlan | null {
  const shape = shapeOf(metadata, row);
  let byShape = plans.get(metadata);
  if (!byShape) plans.set(metadata, (byShape = new Map()));
  let plan = byShape.get(shape);
  if (plan === undefined) {
    const own = ownColumns(metadata);
    plan = insertPlan(em, metadata, own, own.filter((column) => column.getEntityValue(row) !== undefined), generatedId(metadata));
    byShape.set(shape, plan);
  }
  return plan;
}

/**
 * `UPDATE … SET … WHERE …` by equality, answering how many rows it changed: a guarded
 * update (the row must still hold what was read under its lock) checks for exactly one.
 */
export async function updateRows<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, set: Partial<T>, where: Partial<T>): Promise<number> {
  const { sql, parameters } = updateStatement(em, entity, set, where);
  const result = await run(em, sql, parameters);
  return result.affected ?? 0;
}

/**
 * The same update, for a caller that does not wait for its answer: in a MySQL transaction
 * it rides with the transaction's next statement (round-trips.ts), elsewhere it runs now.
 * With `mustChangeOne`, a count other than one rows fails the transaction with its error
 * (when the next statement's answer arrives, and always before COMMIT).
 */
export async function updateRowsLater<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, set: Partial<T>, where: Partial<T>, mustChangeOne?: () => Error): Promise<void> {
  const { sql, parameters, shape } = updateStatement(em, entity, set, where);
  const changedOne = (affected: number | undefined) => {
    if (mustChangeOne && affected !== 1) throw mustChangeOne();
  };
  if (deferStatement(em, sql, parameters, mustChangeOne && ((result) => changedOne((result as { affectedRows?: number }).affectedRows)), { update: shape })) return;
  changedOne((await run(em, sql, parameters)).affected);
}

function updateStatement<T extends ObjectLiteral>(em: EntityManager, entity: EntityTarget<T>, set: Partial<T>, where: Partial<T>): { sql: string; parameters: unknown[]; shape?: UpdateShape } {
  const metadata = em.connection.getMetadata(entity);
  const { driver } = em.connection;
  const setNames = Object.keys(set).filter((name) => set[name] !== undefined);
  const whereNames = Object.keys(where);
  const shape = `update|${setNames.join(',')}|${whereNames.join(',')}`;
  let byShape = plans.get(metadata);
  if (!byShape) plans.set(metadata, (byShape = new Map()));
  let plan = byShape.get(shape);
  if (!plan) {
    const setColumns = setNames.map((name) => columnOf(metadata, name, 'updateRows'));
    const whereColumns = whereNames.map((name) => columnOf(metadata, name, 'updateRows'));
    const table = driver.escape(metadata.tableName);
    const setNamesInSql = setColumns.map((c) => driver.escape(c.databaseName));
    const whereNamesInSql = whereColumns.map((c) => driver.escape(c.databaseName));
    const sql = `UPDATE ${table} SET ${setNamesInSql.map((c) => `${c} = ?`).join(', ')} WHERE ${whereNamesInSql.map((c) => `${c} = ?`).join(' AND ')}`;
    // Updates of this shape on different rows may be sent as one (merge-statements.ts) where the first condition is the row's key.
    const byKey = metadata.primaryColumns.length === 1 && whereColumns[0] === metadata.primaryColumns[0];
    plan = { sql, group: '', columns: [...setColumns, ...whereColumns], defaults: [], update: byKey ? { table, set: setNamesInSql, where: whereNamesInSql } : undefined };
    byShape.set(shape, plan);
  }
  const values = [...setNames.map((name) => set[name]), ...whereNames.map((name) => where[name])];
  return { sql: plan.sql, parameters: plan.columns.map((column, i) => driver.preparePersistentValue(values[i], column)), shape: plan.update };
}

async function run(em: EntityManager, sql: string, parameters: unknown[]): Promise<{ raw: unknown; affected?: number }> {
  if (onMysql(em)) {
    // mysql2's packet carries the insert id and the affected rows (statement.ts).
    const raw = (await statement(em, sql, parameters)) as { affectedRows?: number };
    return { raw, affected: raw.affectedRows };
  }
  // The structured result carries the affected rows on both drivers; a manager outside a transaction borrows a runner.
  const runner: QueryRunner = em.queryRunner ?? em.connection.createQueryRunner();
  try {
    return (await runner.query(sql, parameters, true)) as { raw: unknown; affected?: number };
  } finally {
    if (!em.queryRunner) await runner.release();
  }
}

/** The auto-increment id, where the table has one (and only it as its key). */
function generatedId(metadata: EntityMetadata): ColumnMetadata | null {
  return metadata.primaryColumns.length === 1 && metadata.primaryColumns[0].generationStrategy === 'increment' ? metadata.primaryColumns[0] : null;
}

/** The columns a row gives a value for: rows of one shape share their SQL. */
function shapeOf(metadata: EntityMetadata, row: ObjectLiteral): string {
  return ownColumns(metadata)
    .filter((column) => column.getEntityValue(row) !== undefined)
    .map((column) => column.propertyName)
    .join(',');
}

function insertPlan(em: EntityManager, metadata: EntityMetadata, own: ColumnMetadata[], written: ColumnMetadata[], generated: ColumnMetadata | null): InsertPlan | null {
  // Either the database numbers the row, or the row brings its whole key (a trace's uuid).
  if (written.length === 0 || (!generated && !metadata.primaryColumns.every((column) => written.includes(column)))) return null;
  const defaults: [ColumnMetadata, unknown][] = [];
  for (const column of own) {
    if (written.includes(column) || column === generated) continue;
    if (column.isCreateDate || column.isUpdateDate || column.isVersion || column.isGenerated) return null;
    const value = column.default;
    if (value === undefined) {
      if (!column.isNullable) return null;
      continue;
    }
    if (value !== null && typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') return null;
    defaults.push([column, value]);
  }
  const { driver } = em.connection;
  const group = `(${written.map(() => '?').join(', ')})`;
  const sql = `INSERT INTO ${driver.escape(metadata.tableName)} (${written.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES ${group}`;
  return { sql, group, columns: written, defaults };
}
