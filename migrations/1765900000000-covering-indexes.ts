import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The dashboard's range sums read index entries only, instead of one row lookup per entry:
 * at a million members and ten million ledger entries that is seconds instead of minutes.
 * Each new index starts with the columns of the one it replaces, so every query that used
 * the old one still can.
 */
const REPLACED: [table: string, old: string[], covering: string[]][] = [
  ['ledger_entries', ['programId', 'occurredAt'], ['programId', 'occurredAt', 'kind', 'availableChange', 'pendingChange', 'debtChange']],
  ['purchases', ['programId', 'occurredAt'], ['programId', 'occurredAt', 'memberId', 'totalMinor', 'refundedMinor']],
  ['members', ['createdAt'], ['createdAt', 'status']],
];

async function swap(queryRunner: QueryRunner, table: string, from: string[], to: string[]) {
  await queryRunner.createIndex(table, new TableIndex({ columnNames: to }));
  const old = (await queryRunner.getTable(table))?.indices.find((i) => i.columnNames.join() === from.join());
  if (old) await queryRunner.dropIndex(table, old);
}

export class CoveringIndexes1765900000000 implements MigrationInterface {
  name = 'CoveringIndexes1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, old, covering] of REPLACED) await swap(queryRunner, table, old, covering);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, old, covering] of REPLACED) await swap(queryRunner, table, covering, old);
  }
}
