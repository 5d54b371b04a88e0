import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** The audit log of staff and API-key changes. */
export class Audit1764700000000 implements MigrationInterface {
  name = 'Audit1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          id(),
          col.int('staffUserId', { isNullable: true }),
          col.int('apiKeyId', { isNullable: true }),
          col.varchar('role', 20),
          col.varchar('action', 64),
          col.varchar('target', 191, { isNullable: true }),
          col.varchar('outcome', 64),
          col.varchar('ip', 64, { isNullable: true }),
          col.datetime('at'),
        ],
        indices: [{ columnNames: ['at'] }, { columnNames: ['staffUserId', 'at'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_entries');
  }
}
