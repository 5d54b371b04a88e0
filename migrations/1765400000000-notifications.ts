import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** Email templates and their delivery log; outgoing webhook subscriptions and theirs. */
export class Notifications1765400000000 implements MigrationInterface {
  name = 'Notifications1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'message_templates',
        columns: [id(), col.varchar('code', 64), col.varchar('locale', 5), col.varchar('subject', 200), col.text('body'), col.boolean('marketing', false), col.datetime('updatedAt')],
        indices: [{ columnNames: ['code', 'locale'], isUnique: true }],
      }),
    );
    const attempts = [
      col.varchar('status', 10, { default: "'queued'" }),
      col.int('attempts', { default: 0 }),
      col.varchar('lastError', 1000, { isNullable: true }),
      col.datetime('lastAttemptAt', { isNullable: true }),
      col.datetime('nextAttemptAt', { isNullable: true }),
    ];
    await queryRunner.createTable(
      new Table({
        name: 'message_deliveries',
        columns: [
          id(),
          col.varchar('channel', 10, { default: "'email'" }),
          col.varchar('templateCode', 64),
          col.varchar('locale', 5),
          col.int('memberId', { isNullable: true }),
          col.varchar('recipient', 191, { default: "''" }),
          col.varchar('subject', 200, { default: "''" }),
          col.text('body'),
          col.boolean('marketing', false),
          ...attempts,
          col.datetime('sentAt', { isNullable: true }),
          col.datetime('createdAt'),
        ],
        indices: [{ columnNames: ['memberId', 'id'] }, { columnNames: ['status', 'id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_subscriptions',
        columns: [id(), col.varchar('url', 2048), col.text('eventTypes'), col.varchar('secret', 100), col.varchar('description', 200, { default: "''" }), col.boolean('active', true), col.datetime('createdAt'), col.datetime('updatedAt')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          id(),
          col.int('subscriptionId', { isNullable: true }),
          col.varchar('url', 2048),
          col.varchar('eventType', 32),
          col.varchar('eventId', 36),
          col.text('body'),
          ...attempts,
          col.int('responseStatus', { isNullable: true }),
          col.int('durationMs', { isNullable: true }),
          col.datetime('deliveredAt', { isNullable: true }),
          col.int('replayOf', { isNullable: true }),
          col.datetime('createdAt'),
        ],
        indices: [{ columnNames: ['subscriptionId', 'id'] }, { columnNames: ['status', 'id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('webhook_deliveries');
    await queryRunner.dropTable('webhook_subscriptions');
    await queryRunner.dropTable('message_deliveries');
    await queryRunner.dropTable('message_templates');
  }
}
