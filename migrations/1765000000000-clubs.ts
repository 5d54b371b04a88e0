import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** Paid clubs: plans, members' subscriptions and the payments that keep them running. */
export class Clubs1765000000000 implements MigrationInterface {
  name = 'Clubs1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'club_plans',
        columns: [
          id(),
          col.int('programId'),
          col.varchar('code', 64),
          col.varchar('name', 200),
          col.varchar('description', 2000, { default: "''" }),
          col.int('priceMinor'),
          col.varchar('currency', 3),
          col.varchar('periodUnit', 10),
          col.int('periodCount'),
          col.int('trialDays', { default: 0 }),
          col.int('graceDays', { default: 3 }),
          col.text('perks'),
          col.int('earnMultiplierPercent', { isNullable: true }),
          col.varchar('status', 10, { default: "'active'" }),
          col.datetime('createdAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['programId', 'code'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'club_subscriptions',
        columns: [
          id(),
          col.int('programId'),
          col.int('planId'),
          col.int('memberId'),
          col.varchar('status', 10),
          col.varchar('liveKey', 40, { isNullable: true }),
          col.datetime('currentPeriodStart', { isNullable: true }),
          col.datetime('currentPeriodEnd', { isNullable: true }),
          col.boolean('cancelAtPeriodEnd', false),
          col.datetime('cancelledAt', { isNullable: true }),
          col.datetime('endedAt', { isNullable: true }),
          col.int('graceDays'),
          col.datetime('createdAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['liveKey'], isUnique: true }, { columnNames: ['planId', 'status'] }, { columnNames: ['memberId', 'planId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'club_payments',
        columns: [
          id(),
          col.varchar('externalId', 128),
          col.varchar('requestHash', 64),
          col.int('subscriptionId'),
          col.int('memberId'),
          col.int('planId'),
          col.int('amountMinor'),
          col.varchar('currency', 3),
          col.datetime('paidAt'),
          col.datetime('periodStart'),
          col.datetime('periodEnd'),
          col.datetime('createdAt'),
        ],
        indices: [{ columnNames: ['externalId'], isUnique: true }, { columnNames: ['subscriptionId', 'id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('club_payments');
    await queryRunner.dropTable('club_subscriptions');
    await queryRunner.dropTable('club_plans');
  }
}
