import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** Members' "forgot password" links (only the token's HMAC), and what occasioned a personal offer's grant (a birthday). */
export class PasswordResets1765800000000 implements MigrationInterface {
  name = 'PasswordResets1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'member_password_resets',
        columns: [id(), col.int('memberId'), col.varchar('tokenHash', 64), col.datetime('createdAt'), col.datetime('expiresAt'), col.datetime('usedAt', { isNullable: true }), col.varchar('ip', 64, { isNullable: true })],
        indices: [{ columnNames: ['memberId'] }, { columnNames: ['tokenHash'], isUnique: true }],
      }),
    );
    await queryRunner.addColumn('member_offers', new TableColumn(col.varchar('occasion', 20, { isNullable: true })));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('member_offers', 'occasion');
    await queryRunner.dropTable('member_password_resets');
  }
}
