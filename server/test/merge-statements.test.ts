import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { mayReadByKeyTogether, mergePending, mergeTurn, type Deferred } from '../src/db/merge-statements';
import { createTestApp, dialect, type TestApp } from './harness';

/**
 * What a group of writes holds back is merged before it is sent (db/merge-statements.ts):
 * the merged statements run here on the real database, and must leave what the statements
 * one by one would have left, and fail where one of them would have.
 */
describe(`merged statements on ${dialect}`, () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.dataSource;
    await db.query('CREATE TABLE `merge_probe` (`id` integer PRIMARY KEY, `available` integer NOT NULL, `note` varchar(20) NULL)');
    await db.query('INSERT INTO `merge_probe` (`id`, `available`, `note`) VALUES (1, 10, NULL), (2, 20, NULL), (3, 30, NULL)');
  });
  afterAll(async () => {
    await t?.close();
  });

  const update = (id: number, available: number, was: number, note: string | null): Deferred => ({
    sql: 'UPDATE `merge_probe` SET `available` = ?, `note` = ? WHERE `id` = ? AND `available` = ?',
    values: [available, note, id, was],
    check: (result) => {
      if ((result as { affectedRows?: number }).affectedRows !== 1) throw new Error(`row ${id} changed under its lock`);
    },
    update: { table: '`merge_probe`', set: ['`available`', '`note`'], where: ['`id`', '`available`'] },
  });
  const insert = (id: number): Deferred => ({
    sql: 'INSERT INTO `merge_probe` (`id`, `available`) VALUES (?, ?)',
    values: [id, id * 10],
    rows: { head: 'INSERT INTO `merge_probe` (`id`, `available`) VALUES ', group: '(?, ?)', count: 1 },
  });
  const rows = async () => db.query('SELECT `id`, `available`, `note` FROM `merge_probe` ORDER BY `id`') as Promise<{ id: number; available: number; note: string | null }[]>;
  /** Runs the statements as sent, in one transaction, each checked as round-trips.ts checks it: all or nothing. */
  const run = async (statements: Deferred[]) => {
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    try {
      for (const statement of statements) {
        const { affected } = await runner.query(statement.sql, [...statement.values], true);
        statement.check?.({ affectedRows: affected });
      }
      await runner.commitTransaction();
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  };

  it('sends rows of one insert as one statement and updates of different rows as one, in the first one’s place', async () => {
    const other: Deferred = { sql: 'DELETE FROM `merge_probe` WHERE `id` = ?', values: [99] };
    const merged = mergePending([update(1, 11, 10, 'a'), insert(4), other, update(2, 22, 20, null), insert(5), update(3, 33, 30, 'c')]);
    expect(merged.map((s) => s.sql.split(' ')[0])).toEqual(['UPDATE', 'INSERT', 'DELETE']);
    expect(merged[1]).toMatchObject({ sql: 'INSERT INTO `merge_probe` (`id`, `available`) VALUES (?, ?), (?, ?)', values: [4, 40, 5, 50] });
    await run(merged);
    expect(await rows()).toEqual([
      { id: 1, available: 11, note: 'a' },
      { id: 2, available: 22, note: null },
      { id: 3, available: 33, note: 'c' },
      { id: 4, available: 40, note: null },
      { id: 5, available: 50, note: null },
    ]);
  });

  it('fails a merged update with its guarded error when one row no longer holds what was read, and changes no row', async () => {
    // Row 2 holds 22 now, not 20: that update alone would change nothing and fail.
    const [merged] = mergePending([update(1, 12, 11, null), update(2, 23, 20, null)]);
    await expect(run([merged])).rejects.toThrow('row 1 changed under its lock');
    expect((await rows()).slice(0, 2)).toEqual([
      { id: 1, available: 11, note: 'a' },
      { id: 2, available: 22, note: null },
    ]);
  });

  it('keeps updates of one row apart and in their order, and leaves a single statement as it is', async () => {
    const twice = [update(1, 13, 11, null), insert(6), update(1, 14, 13, 'b')];
    expect(mergePending(twice)).toBe(twice);
    await run(mergePending(twice));
    expect((await rows())[0]).toEqual({ id: 1, available: 14, note: 'b' });
    const one = [update(2, 24, 22, null)];
    expect(mergePending(one)).toBe(one);
  });

  it('sends the reads of rows by key issued in one turn as one read in key order, each its own row, and inserts as one', async () => {
    const read = 'SELECT ? AS tag, r.`id` AS r0, r.`available` AS r1 FROM `merge_probe` r WHERE r.`id` = ?';
    mayReadByKeyTogether(read, { before: 'SELECT ? AS tag, r.`id` AS r0, r.`available` AS r1 FROM `merge_probe` r', column: 'r.`id`', after: '', alias: 'r0' });
    const sent = mergeTurn(
      [
        { sql: read, values: ['a', 3] },
        { sql: 'INSERT INTO `merge_probe` (`id`, `available`) VALUES (?, ?)', values: [7, 70] },
        { sql: read, values: ['a', 1] },
        // Another value beside the key: a read of its own.
        { sql: read, values: ['b', 2] },
        { sql: read, values: ['a', 42] },
        { sql: 'INSERT INTO `merge_probe` (`id`, `available`) VALUES (?, ?)', values: [8, 80] },
      ],
      { mergeInserts: true },
    );
    expect(sent.map((s) => [s.sql, s.values, s.issued])).toEqual([
      [`SELECT ? AS tag, r.\`id\` AS r0, r.\`available\` AS r1 FROM \`merge_probe\` r WHERE r.\`id\` IN (?, ?, ?) ORDER BY r.\`id\``, ['a', 3, 1, 42], [0, 2, 4]],
      ['INSERT INTO `merge_probe` (`id`, `available`) VALUES (?, ?), (?, ?)', [7, 70, 8, 80], [1, 5]],
      [read, ['b', 2], [3]],
    ]);
    const rows = await db.query(sent[0].sql, sent[0].values);
    expect(rows.map((r: { r0: number }) => Number(r.r0))).toEqual([1, 3]);
    expect(sent[0].split(rows).map((own) => (own as { r0: number; r1: number }[]).map((r) => [Number(r.r0), Number(r.r1)]))).toEqual([[[3, 33]], [[1, 14]], []]);
    expect(sent[1].split({ insertId: 7, affectedRows: 2 })).toEqual([
      { insertId: 7, affectedRows: 1 },
      { insertId: 8, affectedRows: 1 },
    ]);
    // Where ids may not be consecutive, inserts stay one to a statement.
    expect(mergeTurn([{ sql: 'INSERT INTO `merge_probe` (`id`, `available`) VALUES (?, ?)', values: [9, 90] }, { sql: 'INSERT INTO `merge_probe` (`id`, `available`) VALUES (?, ?)', values: [10, 100] }], { mergeInserts: false })).toHaveLength(2);
  });
});
