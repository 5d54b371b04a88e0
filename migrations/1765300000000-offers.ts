import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** Personal offers and each member's hold on them. */
export class Offers1765300000000 implements MigrationInterface {
  name = 'Offers1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'offers',
        columns: [
          id(),
          col.int('programId'),
          col.varchar('code', 64),
          col.varchar('title', 200),
          col.varchar('description', 1000, { default: "''" }),
          col.varchar('kind', 20),
          col.int('value'),
          col.varchar('category', 100, { isNullable: true }),
          col.int('minPurchaseMinor', { default: 0 }),
          col.datetime('validFrom', { isNullable: true }),
          col.datetime('validUntil', { isNullable: true }),
          col.int('maxUsesPerMember', { isNullable: true }),
          col.boolean('requiresActivation', false),
          col.varchar('audience', 20),
          col.varchar('segment', 64, { isNullable: true }),
          col.int('favouriteDays', { default: 90 }),
          col.int('personalDays', { default: 14 }),
          col.varchar('status', 10, { default: "'draft'" }),
          col.datetime('createdAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['programId', 'code'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'member_offers',
        columns: [
          id(),
          col.int('offerId'),
          col.int('memberId'),
          col.varchar('state', 10, { default: "'available'" }),
          col.varchar('category', 100, { isNullable: true }),
          col.datetime('validUntil', { isNullable: true }),
          col.int('uses', { default: 0 }),
          col.int('pointsGiven', { default: 0 }),
          col.datetime('grantedAt', { isNullable: true }),
          col.datetime('activatedAt', { isNullable: true }),
          col.datetime('usedAt', { isNullable: true }),
          col.datetime('createdAt'),
        ],
        indices: [{ columnNames: ['offerId', 'memberId'], isUnique: true }, { columnNames: ['memberId'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('member_offers');
    await queryRunner.dropTable('offers');
  }
}
