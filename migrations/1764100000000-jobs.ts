import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** The durable job queue (flow.wait and later scheduled work). */
export class Jobs1764100000000 implements MigrationInterface {
  name = 'Jobs1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'jobs',
        columns: [
          id(),
          col.varchar('name', 64),
          col.text('payload'),
          col.datetime('runAt'),
          col.varchar('status', 10, { default: "'pending'" }),
          col.int('attempts', { default: 0 }),
          col.int('maxAttempts', { default: 5 }),
          col.varchar('uniqueKey', 191, { isNullable: true }),
          col.varchar('lockedBy', 64, { isNullable: true }),
          col.datetime('lockedAt', { isNullable: true }),
          col.varchar('lastError', 1000, { isNullable: true }),
          col.datetime('createdAt'),
        ],
        indices: [{ columnNames: ['status', 'runAt'] }, { columnNames: ['uniqueKey'], isUnique: true }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('jobs');
  }
}
