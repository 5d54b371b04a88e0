import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Indexes the analytics read by: ledger entries by program and time, members by join time. */
export class AnalyticsIndexes1764400000000 implements MigrationInterface {
  name = 'AnalyticsIndexes1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('ledger_entries', new TableIndex({ columnNames: ['programId', 'occurredAt'] }));
    await queryRunner.createIndex('members', new TableIndex({ columnNames: ['createdAt'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, columns] of [['members', 'createdAt'], ['ledger_entries', 'programId,occurredAt']]) {
      const index = (await queryRunner.getTable(table))?.indices.find((i) => i.columnNames.join() === columns);
      if (index) await queryRunner.dropIndex(table, index);
    }
  }
}
