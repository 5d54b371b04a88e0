/**
 * Statements held back in a MySQL transaction (round-trips.ts), merged before they are sent:
 * a group of writes in one transaction (write-groups.ts) holds a row or an update of the
 * same shape for each of its writes, and sends each shape as one statement. A transaction
 * of one write seldom holds two of a shape, and then sends them as they are.
 */
export interface Deferred {
  sql: string;
  values: readonly unknown[];
  /** Throws when the statement's result is not what the caller needs (checked when it arrives). */
  check?: (result: unknown) => void;
  /** A multi-row INSERT (`head` then `count` × `group`): pending ones with the same head are sent as one. */
  rows?: { head: string; group: string; count: number };
  /**
   * `UPDATE table SET set… WHERE where…` by equality (the values in that order), where[0]
   * the row's key: pending ones of the same text on different rows are sent as one.
   */
  update?: { table: string; set: string[]; where: string[] };
}

/**
 * The pending statements with each shape's rows and updates merged, at the first one's
 * place. Nothing held back reads what another held-back statement writes (each is sent
 * before anything that waits for an answer), so moving one earlier changes nothing but the
 * count of statements. Where two updates are of one row, no update moves: they keep their order.
 */
export function mergePending(pending: Deferred[]): Deferred[] {
  if (pending.length < 2) return pending;
  const updated = pending.filter((d) => d.update).map((d) => `${d.update!.table}:${String(d.values[d.update!.set.length])}`);
  const updatesMayMerge = new Set(updated).size === updated.length;
  const merged: (Deferred | Deferred[])[] = [];
  const shapes = new Map<string, Deferred[]>();
  for (const deferred of pending) {
    const shape = deferred.rows && !deferred.check ? `rows:${deferred.rows.head}` : deferred.update && updatesMayMerge ? `update:${deferred.sql}` : null;
    const same = shape ? shapes.get(shape) : undefined;
    if (same) same.push(deferred);
    else if (shape) {
      const list = [deferred];
      shapes.set(shape, list);
      merged.push(list);
    } else merged.push(deferred);
  }
  if (shapes.size === 0 || merged.length === pending.length) return pending;
  return merged.flatMap((item) => (!Array.isArray(item) ? [item] : item.length === 1 ? item : item[0].rows ? [mergedRows(item)] : [mergedUpdate(item)]));
}

/** `INSERT INTO t (a, b) VALUES ` and `(?, ?)` `count` times. */
export function multiRowInsert(head: string, group: string, count: number): string {
  return `${head}${new Array(count).fill(group).join(', ')}`;
}

function mergedRows(list: Deferred[]): Deferred {
  const { head, group } = list[0].rows!;
  const count = list.reduce((sum, d) => sum + d.rows!.count, 0);
  return { sql: multiRowInsert(head, group, count), values: list.flatMap((d) => d.values), rows: { head, group, count } };
}

/**
 * One UPDATE for updates of one text on different rows: each column set by the row's key
 * (`CASE key WHEN ? THEN ? …`), the rows chosen by their whole conditions. A guarded update
 * (it must change its one row) still fails its transaction with its own error when its
 * row's guard no longer holds: the merged one then changes fewer rows than it carries.
 */
function mergedUpdate(list: Deferred[]): Deferred {
  const { table, set, where } = list[0].update!;
  const keyOf = (d: Deferred) => d.values[set.length];
  const cases = list.map(() => 'WHEN ? THEN ?').join(' ');
  const condition = `(${where.map((column) => `${column} = ?`).join(' AND ')})`;
  const values = [
    ...set.flatMap((_, c) => list.flatMap((d) => [keyOf(d), d.values[c]])),
    ...list.flatMap((d) => d.values.slice(set.length)),
  ];
  const checks = list.filter((d) => d.check);
  return {
    sql: `UPDATE ${table} SET ${set.map((column) => `${column} = CASE ${where[0]} ${cases} END`).join(', ')} WHERE ${list.map(() => condition).join(' OR ')}`,
    values,
    check: checks.length
      ? (result) => {
          const changed = (result as { affectedRows?: number }).affectedRows;
          // All changed, or the first guarded one answers for the merged update.
          for (const d of checks) d.check!({ affectedRows: changed === list.length ? 1 : 0 });
        }
      : undefined,
  };
}

/** A statement issued in a group's turn (round-trips.ts), its values in order. */
export interface Issued {
  sql: string;
  values: unknown[];
}

/** What a turn sends: a statement carrying some issued ones, and each one's own result from its result. */
export interface Sent {
  sql: string;
  values: unknown[];
  /** Indexes of the issued statements it carries, in order. */
  issued: number[];
  split(result: unknown): unknown[];
}

/** `INSERT INTO t (a, b) VALUES (?, ?)`: its head, and its one row's group. */
const ONE_ROW_INSERT = /^(INSERT INTO `[^`]+` \([^()]*\) VALUES )(\(\?(?:, \?)*\))$/;

/**
 * Reads of one row by its numeric key, locked (find-rows.ts lockRowWithJoined registers
 * them): `before WHERE column = ? after`, the key the last value, found in the rows under `alias`.
 */
interface KeyedRead {
  before: string;
  column: string;
  after: string;
  alias: string;
}
const keyedReads = new Map<string, KeyedRead>();

export function mayReadByKeyTogether(sql: string, shape: KeyedRead): void {
  if (sql === `${shape.before} WHERE ${shape.column} = ?${shape.after}`) keyedReads.set(sql, shape);
}

/**
 * The statements of a turn with those of one shape merged, at the first one's place:
 * single-row inserts into one table and columns as one multi-row insert, whose rows take
 * consecutive ids (innodb_autoinc_lock_mode 0 or 1: write-groups.ts asks, and says so in
 * `mergeInserts`), each caller its own; locked reads of rows by their keys as one read of
 * them all, in key order (so that two groups lock their rows in one order), each caller its
 * own row. Nothing in one turn waits for another statement of it.
 */
export function mergeTurn(turn: readonly Issued[], options: { mergeInserts: boolean }): Sent[] {
  const sent: (Sent & { head?: string; group?: string; read?: KeyedRead })[] = [];
  const byShape = new Map<string, (typeof sent)[number]>();
  turn.forEach((statement, index) => {
    const [, head, group] = (options.mergeInserts && ONE_ROW_INSERT.exec(statement.sql)) || [];
    const read = head ? undefined : keyedReads.get(statement.sql);
    // A read merges with reads of the same text and the same values but its key.
    const shape = head ? statement.sql : read ? `${statement.sql}\u0000${statement.values.slice(0, -1).map(String).join('\u0000')}` : null;
    const same = shape ? byShape.get(shape) : undefined;
    if (same) {
      same.values.push(...(read ? statement.values.slice(-1) : statement.values));
      same.issued.push(index);
      return;
    }
    const entry = { sql: statement.sql, values: [...statement.values], issued: [index], head, group, read, split: (result: unknown) => [result] };
    if (shape) byShape.set(shape, entry);
    sent.push(entry);
  });
  for (const entry of sent) {
    const count = entry.issued.length;
    if (count === 1) continue;
    if (entry.head) {
      entry.sql = multiRowInsert(entry.head, entry.group!, count);
      entry.split = (result) => Array.from({ length: count }, (_, k) => ({ ...(result as object), insertId: (result as { insertId: number }).insertId + k, affectedRows: 1 }));
    } else if (entry.read) {
      const { before, column, after, alias } = entry.read;
      const keys = entry.issued.map((index) => turn[index].values.at(-1));
      entry.sql = `${before} WHERE ${column} IN (${keys.map(() => '?').join(', ')}) ORDER BY ${column}${after}`;
      entry.split = (rows) => keys.map((key) => (rows as Record<string, unknown>[]).filter((row) => String(row[alias]) === String(key)));
    }
  }
  return sent;
}
