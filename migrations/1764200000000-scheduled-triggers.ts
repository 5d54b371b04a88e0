import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * What the scheduled triggers look members up by: the birthday's month and day (indexed,
 * so a day's birthdays are found without reading every member) and the last purchase
 * per program (inactivity).
 */
export class ScheduledTriggers1764200000000 implements MigrationInterface {
  name = 'ScheduledTriggers1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('members', new TableColumn(col.varchar('birthdayMonthDay', 5, { isNullable: true })));
    await queryRunner.query(`UPDATE members SET birthdayMonthDay = SUBSTR(birthday, 6, 5) WHERE birthday IS NOT NULL`);
    await queryRunner.createIndex('members', new TableIndex({ columnNames: ['birthdayMonthDay'] }));
    await queryRunner.createIndex('loyalty_accounts', new TableIndex({ columnNames: ['programId', 'lastPurchaseAt'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const accounts = await queryRunner.getTable('loyalty_accounts');
    const lastPurchase = accounts?.indices.find((i) => i.columnNames.join() === 'programId,lastPurchaseAt');
    if (lastPurchase) await queryRunner.dropIndex('loyalty_accounts', lastPurchase);
    const members = await queryRunner.getTable('members');
    const monthDay = members?.indices.find((i) => i.columnNames.join() === 'birthdayMonthDay');
    if (monthDay) await queryRunner.dropIndex('members', monthDay);
    await queryRunner.dropColumn('members', 'birthdayMonthDay');
  }
}
