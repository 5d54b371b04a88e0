import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** Coalition partners, and the partner a purchase, redemption or ledger entry happened at. */
export class Partners1765200000000 implements MigrationInterface {
  name = 'Partners1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'partners',
        columns: [
          id(),
          col.int('programId'),
          col.varchar('code', 64),
          col.varchar('name', 200),
          col.varchar('kind', 20),
          col.varchar('contactEmail', 191, { isNullable: true }),
          col.varchar('status', 10, { default: "'active'" }),
          col.int('issueRateMinor', { default: 0 }),
          col.int('redeemRateMinor', { default: 0 }),
          col.int('ratePoints', { default: 1 }),
          col.int('earnPoints', { isNullable: true }),
          col.int('earnPerMinor', { isNullable: true }),
          col.datetime('createdAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['programId', 'code'], isUnique: true }],
      }),
    );
    for (const table of ['purchases', 'redemptions', 'ledger_entries']) {
      await queryRunner.addColumn(table, new TableColumn(col.int('partnerId', { isNullable: true })));
    }
    await queryRunner.createIndex('purchases', new TableIndex({ columnNames: ['partnerId'] }));
    await queryRunner.createIndex('redemptions', new TableIndex({ columnNames: ['partnerId'] }));
    // The settlement report reads one partner's entries in a period: one range scan.
    await queryRunner.createIndex('ledger_entries', new TableIndex({ columnNames: ['partnerId', 'occurredAt'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['ledger_entries', 'redemptions', 'purchases']) {
      const index = (await queryRunner.getTable(table))?.indices.find((i) => i.columnNames[0] === 'partnerId');
      if (index) await queryRunner.dropIndex(table, index);
      await queryRunner.dropColumn(table, 'partnerId');
    }
    await queryRunner.dropTable('partners');
  }
}
