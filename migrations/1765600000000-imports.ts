import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** Bulk CSV imports: the job with its progress, and the rows it refused. */
export class Imports1765600000000 implements MigrationInterface {
  name = 'Imports1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'import_jobs',
        columns: [
          id(),
          col.varchar('kind', 20),
          col.varchar('status', 20),
          col.varchar('fileName', 200, { default: "''" }),
          col.int('staffUserId', { isNullable: true }),
          col.int('apiKeyId', { isNullable: true }),
          col.bigint('bytesTotal', { isNullable: true }),
          col.bigint('bytesRead', { default: 0 }),
          col.int('rowsRead', { default: 0 }),
          col.int('rowsImported', { default: 0 }),
          col.int('rowsSkipped', { default: 0 }),
          col.int('rowsFailed', { default: 0 }),
          col.int('lastLine', { default: 0 }),
          col.varchar('message', 500, { default: "''" }),
          col.datetime('startedAt'),
          col.datetime('updatedAt'),
          col.datetime('finishedAt', { isNullable: true }),
        ],
        indices: [{ columnNames: ['startedAt'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'import_errors',
        columns: [id(), col.int('jobId'), col.int('line'), col.varchar('column', 64, { default: "''" }), col.varchar('message', 300)],
        indices: [{ columnNames: ['jobId', 'line'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('import_errors');
    await queryRunner.dropTable('import_jobs');
  }
}
