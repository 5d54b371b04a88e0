import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * A counter on each program that moves with every write to what the rules read before an
 * event's listeners run (campaigns, offers, challenges, webhook subscriptions, referrals),
 * in the same transaction: the rules keep that read in memory under the counter and read it
 * again only when the counter has moved (server/src/rules/listeners-version.ts).
 */
export class ListenersVersion1766300000000 implements MigrationInterface {
  name = 'ListenersVersion1766300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('programs', new TableColumn(col.int('listenersVersion', { default: 0 })));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('programs', 'listenersVersion');
  }
}
