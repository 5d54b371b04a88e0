import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** Evidence of consent to messages: each grant and withdrawal with its time and source. */
export class Privacy1765500000000 implements MigrationInterface {
  name = 'Privacy1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'consent_records',
        columns: [id(), col.int('memberId'), col.varchar('channel', 10), { name: 'granted', type: 'boolean' }, col.varchar('source', 20), col.int('actorId', { isNullable: true }), col.datetime('recordedAt')],
        indices: [{ columnNames: ['memberId', 'recordedAt'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('consent_records');
  }
}
