import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** Segments: definitions, their materialized membership and its size over time. */
export class Segments1764300000000 implements MigrationInterface {
  name = 'Segments1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'segments',
        columns: [
          id(),
          col.int('programId'),
          col.varchar('code', 64),
          col.varchar('name', 200),
          col.varchar('description', 1000, { default: "''" }),
          col.varchar('kind', 10),
          col.text('definition', { isNullable: true }),
          col.int('memberCount', { default: 0 }),
          col.datetime('refreshedAt', { isNullable: true }),
          col.datetime('createdAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['programId', 'code'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'segment_members',
        columns: [id(), col.int('segmentId'), col.int('memberId'), col.varchar('source', 10), col.datetime('addedAt')],
        indices: [{ columnNames: ['segmentId', 'memberId'], isUnique: true }, { columnNames: ['memberId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'segment_sizes',
        columns: [id(), col.int('segmentId'), col.datetime('measuredAt'), col.int('members')],
        indices: [{ columnNames: ['segmentId', 'measuredAt'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('segment_sizes');
    await queryRunner.dropTable('segment_members');
    await queryRunner.dropTable('segments');
  }
}
