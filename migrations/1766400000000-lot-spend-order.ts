import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A redemption reads an account's lots in the order they pay: soonest expiry first, lots that
 * never expire last. The index (accountId, state, expiresAt) could not give that order (NULL
 * sorts first), so each redemption read and sorted every open lot of the account (a regular
 * holds hundreds). A virtual column, 1 where `expiresAt` is NULL, put before `expiresAt`
 * in the index gives it: the first page is read in order and nothing is sorted.
 */
const OLD = ['accountId', 'state', 'expiresAt'];
const NEW = new TableIndex({ name: 'IDX_point_lots_spend_order', columnNames: ['accountId', 'state', 'neverExpires', 'expiresAt'] });

export class LotSpendOrder1766400000000 implements MigrationInterface {
  name = 'LotSpendOrder1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('point_lots', new TableColumn({ name: 'neverExpires', type: 'boolean', generatedType: 'VIRTUAL', asExpression: 'expiresAt IS NULL' }));
    await queryRunner.createIndex('point_lots', NEW);
    const old = (await queryRunner.getTable('point_lots'))?.indices.find((i) => i.columnNames.join() === OLD.join());
    if (old) await queryRunner.dropIndex('point_lots', old);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('point_lots', new TableIndex({ columnNames: OLD }));
    await queryRunner.dropIndex('point_lots', NEW.name!);
    await queryRunner.dropColumn('point_lots', 'neverExpires');
  }
}
