import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** The rewards catalog, the coupons it issues (and imported partner code pools), redemptions. */
export class Rewards1764800000000 implements MigrationInterface {
  name = 'Rewards1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'rewards',
        columns: [
          id(),
          col.int('programId'),
          col.varchar('code', 64),
          col.varchar('name', 200),
          col.varchar('description', 2000, { default: "''" }),
          col.varchar('imageUrl', 500, { isNullable: true }),
          col.varchar('kind', 20),
          col.int('valueMinor', { isNullable: true }),
          col.int('percent', { isNullable: true }),
          col.int('capMinor', { isNullable: true }),
          col.varchar('sku', 64, { isNullable: true }),
          col.int('costPoints'),
          col.int('stock', { isNullable: true }),
          col.int('perMemberLimit', { isNullable: true }),
          col.datetime('validFrom', { isNullable: true }),
          col.datetime('validUntil', { isNullable: true }),
          col.varchar('minTier', 64, { isNullable: true }),
          col.int('couponValidDays', { isNullable: true }),
          col.varchar('status', 10, { default: "'active'" }),
          col.int('issuedCount', { default: 0 }),
          col.datetime('createdAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['programId', 'code'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'coupons',
        columns: [
          id(),
          col.varchar('code', 64),
          col.int('rewardId'),
          col.int('programId'),
          col.int('memberId', { isNullable: true }),
          col.int('redemptionId', { isNullable: true }),
          col.varchar('state', 10),
          col.varchar('origin', 10),
          col.datetime('issuedAt', { isNullable: true }),
          col.datetime('expiresAt', { isNullable: true }),
          col.datetime('usedAt', { isNullable: true }),
          col.varchar('orderRef', 191, { isNullable: true }),
          col.varchar('usedStore', 64, { isNullable: true }),
          col.varchar('useKey', 150, { isNullable: true }),
          col.datetime('createdAt'),
        ],
        indices: [{ columnNames: ['code'], isUnique: true }, { columnNames: ['rewardId', 'state'] }, { columnNames: ['memberId', 'id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'reward_redemptions',
        columns: [
          id(),
          col.varchar('externalId', 191),
          col.varchar('requestHash', 64),
          col.int('rewardId'),
          col.int('memberId'),
          col.int('programId'),
          col.int('accountId'),
          col.int('points'),
          col.int('entryId', { isNullable: true }),
          col.int('couponId'),
          col.int('campaignId', { isNullable: true }),
          col.varchar('actorKind', 20),
          col.int('actorId', { isNullable: true }),
          col.datetime('createdAt'),
        ],
        indices: [{ columnNames: ['externalId'], isUnique: true }, { columnNames: ['rewardId', 'memberId'] }, { columnNames: ['memberId', 'id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reward_redemptions');
    await queryRunner.dropTable('coupons');
    await queryRunner.dropTable('rewards');
  }
}
