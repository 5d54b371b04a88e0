import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Two indexes widened so that the dashboard reads them alone, never the rows (at a million
 * members a full read of the accounts took most of a second; the index is a fifth of it).
 * Each replaces the index it starts with, so writes maintain as many indexes as before.
 */
const WIDENED: [table: string, old: string[], covering: string[]][] = [
  // Members per tier and the points owed (liability): one pass over the index, grouped by tier.
  ['loyalty_accounts', ['programId', 'tierId'], ['programId', 'tierId', 'available', 'pending']],
  // Join cohorts: each new member's purchases in the program, found without reading them.
  ['purchases', ['memberId', 'occurredAt'], ['memberId', 'occurredAt', 'programId']],
];

async function swap(queryRunner: QueryRunner, table: string, from: string[], to: string[]) {
  await queryRunner.createIndex(table, new TableIndex({ columnNames: to }));
  const old = (await queryRunner.getTable(table))?.indices.find((i) => i.columnNames.join() === from.join());
  if (old) await queryRunner.dropIndex(table, old);
}

export class DashboardIndexes1766000000000 implements MigrationInterface {
  name = 'DashboardIndexes1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, old, covering] of WIDENED) await swap(queryRunner, table, old, covering);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, old, covering] of WIDENED) await swap(queryRunner, table, covering, old);
  }
}
