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

function mergedRows(list: Deferred[]): Deferred {
  const { head, group } = list[0].rows!;
  const count = list.reduce((sum, d) => sum + d.rows!.count, 0);
  return { sql: `${head}${new Array(count).fill(group).join(', ')}`, values: list.flatMap((d) => d.values), rows: { head, group, count } };
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
