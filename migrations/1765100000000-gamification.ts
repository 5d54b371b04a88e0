import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** Badges and the members who hold them; challenges and each member's progress per period. */
export class Gamification1765100000000 implements MigrationInterface {
  name = 'Gamification1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'badges',
        columns: [
          id(),
          col.int('programId'),
          col.varchar('code', 64),
          col.varchar('name', 200),
          col.varchar('description', 2000, { default: "''" }),
          col.text('image', { isNullable: true }),
          col.varchar('status', 10, { default: "'active'" }),
          col.datetime('createdAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['programId', 'code'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'member_badges',
        columns: [id(), col.int('memberId'), col.int('badgeId'), col.varchar('source', 10), col.datetime('awardedAt')],
        indices: [{ columnNames: ['memberId', 'badgeId'], isUnique: true }, { columnNames: ['badgeId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'challenges',
        columns: [
          id(),
          col.int('programId'),
          col.varchar('code', 64),
          col.varchar('name', 200),
          col.varchar('description', 2000, { default: "''" }),
          col.int('goal'),
          col.varchar('metric', 20),
          col.varchar('eventName', 64, { isNullable: true }),
          col.varchar('surveyCode', 64, { isNullable: true }),
          col.int('minScore', { isNullable: true }),
          col.varchar('period', 10),
          col.int('rollingDays', { isNullable: true }),
          col.datetime('startsAt', { isNullable: true }),
          col.datetime('endsAt', { isNullable: true }),
          col.int('badgeId', { isNullable: true }),
          col.varchar('status', 10, { default: "'draft'" }),
          col.datetime('createdAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['programId', 'code'], isUnique: true }, { columnNames: ['programId', 'status'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'challenge_progress',
        columns: [
          id(),
          col.int('memberId'),
          col.int('challengeId'),
          col.varchar('periodKey', 20),
          col.datetime('periodStart'),
          col.datetime('periodEnd'),
          col.int('goal'),
          col.int('progress', { default: 0 }),
          col.datetime('completedAt', { isNullable: true }),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['memberId', 'challengeId', 'periodKey'], isUnique: true }, { columnNames: ['challengeId', 'periodKey', 'progress'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('challenge_progress');
    await queryRunner.dropTable('challenges');
    await queryRunner.dropTable('member_badges');
    await queryRunner.dropTable('badges');
  }
}
