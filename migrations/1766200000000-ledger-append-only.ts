import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The ledger is append-only, and a redemption used to break that: its entry was written,
 * then updated to point back at the redemption. The redemption's own `entryId` links the
 * two (set in the same transaction, never null); this index finds a redemption from its
 * entry and keeps an entry to one redemption. The entry's `redemptionId` stays, no longer
 * written, for servers of the previous release during a rolling upgrade.
 */
export class LedgerAppendOnly1766200000000 implements MigrationInterface {
  name = 'LedgerAppendOnly1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('redemptions', new TableIndex({ name: 'IDX_redemptions_entry', columnNames: ['entryId'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('redemptions', 'IDX_redemptions_entry');
  }
}
