import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** Referrals (who invited whom, and how it went) and each program's referral terms. */
export class Referrals1764900000000 implements MigrationInterface {
  name = 'Referrals1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'referrals',
        columns: [
          id(),
          col.int('programId'),
          col.int('referrerId'),
          col.int('refereeId'),
          col.int('liveRefereeId', { isNullable: true }),
          col.varchar('code', 16),
          col.varchar('status', 12, { default: "'pending'" }),
          col.varchar('rejectReason', 32, { isNullable: true }),
          col.int('qualifyingPurchaseId', { isNullable: true }),
          col.datetime('createdAt'),
          col.datetime('qualifiedAt', { isNullable: true }),
        ],
        indices: [
          { columnNames: ['referrerId', 'refereeId'], isUnique: true },
          { columnNames: ['referrerId', 'createdAt'] },
          { columnNames: ['programId', 'status'] },
          { columnNames: ['refereeId'] },
          { columnNames: ['liveRefereeId'], isUnique: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'referral_terms',
        columns: [
          { name: 'programId', type: 'integer', isPrimary: true },
          col.int('minPurchaseMinor', { default: 0 }),
          col.int('windowDays', { isNullable: true }),
          col.int('monthlyCap', { isNullable: true }),
          col.datetime('updatedAt'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('referral_terms');
    await queryRunner.dropTable('referrals');
  }
}
