import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/** A program-level holdout: a share of members the campaigns leave out, to measure them against. */
export class Holdout1764600000000 implements MigrationInterface {
  name = 'Holdout1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('programs', new TableColumn(col.int('holdoutPercent', { default: 0 })));
    await queryRunner.addColumn('loyalty_accounts', new TableColumn(col.boolean('holdout', false)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('loyalty_accounts', 'holdout');
    await queryRunner.dropColumn('programs', 'holdoutPercent');
  }
}
