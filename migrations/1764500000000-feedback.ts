import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** Surveys, NPS polls and quizzes with their responses; product reviews. */
export class Feedback1764500000000 implements MigrationInterface {
  name = 'Feedback1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'surveys',
        columns: [
          id(),
          col.int('programId'),
          col.varchar('code', 64),
          col.varchar('title', 200),
          col.varchar('kind', 10),
          col.varchar('status', 10, { default: "'draft'" }),
          col.text('questions'),
          col.datetime('closesAt', { isNullable: true }),
          col.int('responseCount', { default: 0 }),
          col.datetime('createdAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['programId', 'code'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'survey_responses',
        columns: [id(), col.int('surveyId'), col.int('memberId'), col.text('answers'), col.int('npsScore', { isNullable: true }), col.int('score', { isNullable: true }), col.datetime('submittedAt')],
        indices: [{ columnNames: ['surveyId', 'memberId'], isUnique: true }, { columnNames: ['surveyId', 'submittedAt'] }, { columnNames: ['memberId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'product_reviews',
        columns: [id(), col.int('memberId'), col.varchar('sku', 64), col.int('rating'), col.varchar('text', 2000, { default: "''" }), col.datetime('createdAt')],
        indices: [{ columnNames: ['memberId', 'sku'], isUnique: true }, { columnNames: ['sku', 'createdAt'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('product_reviews');
    await queryRunner.dropTable('survey_responses');
    await queryRunner.dropTable('surveys');
  }
}
