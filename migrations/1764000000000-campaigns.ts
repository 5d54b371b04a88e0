import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** Campaigns with immutable versions, A/B exposures, rule traces and cap counters. */
export class Campaigns1764000000000 implements MigrationInterface {
  name = 'Campaigns1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'campaigns',
        columns: [
          id(),
          col.varchar('name', 200),
          col.varchar('description', 1000, { default: "''" }),
          col.int('programId'),
          col.varchar('status', 20, { default: "'draft'" }),
          col.datetime('startsAt', { isNullable: true }),
          col.datetime('endsAt', { isNullable: true }),
          col.int('priority', { default: 0 }),
          col.varchar('stacking', 20, { default: "'stackable'" }),
          col.int('budgetPoints', { isNullable: true }),
          col.int('spentPoints', { default: 0 }),
          col.varchar('audienceSegment', 64, { isNullable: true }),
          col.text('draftGraph'),
          col.int('draftRevision', { default: 1 }),
          col.int('activeVersion', { isNullable: true }),
          col.int('createdByStaffId', { isNullable: true }),
          col.datetime('createdAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['programId', 'status'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'campaign_versions',
        columns: [id(), col.int('campaignId'), col.int('number'), col.text('graph'), col.varchar('notes', 1000, { default: "''" }), col.int('authorStaffId', { isNullable: true }), col.datetime('publishedAt')],
        indices: [{ columnNames: ['campaignId', 'number'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'experiment_exposures',
        columns: [id(), col.int('campaignId'), col.int('campaignVersion'), col.varchar('experimentKey', 64), col.varchar('variant', 32), col.int('memberId'), col.datetime('exposedAt')],
        indices: [{ columnNames: ['campaignId', 'experimentKey', 'memberId'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rule_traces',
        columns: [
          { ...col.varchar('id', 36), isPrimary: true },
          col.int('campaignId'),
          col.int('campaignVersion'),
          col.int('memberId'),
          col.varchar('eventType', 20),
          col.text('steps'),
          col.datetime('createdAt'),
        ],
        indices: [{ columnNames: ['memberId', 'createdAt'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'cap_usage',
        columns: [id(), col.int('campaignId'), col.varchar('nodeId', 64), col.varchar('scope', 64), col.int('uses', { default: 0 }), col.int('points', { default: 0 })],
        indices: [{ columnNames: ['campaignId', 'nodeId', 'scope'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'member_events',
        columns: [
          id(),
          col.varchar('externalId', 191),
          col.varchar('requestHash', 64),
          col.int('memberId'),
          col.int('programId'),
          col.varchar('name', 64),
          col.text('data', { isNullable: true }),
          col.int('pointsAwarded', { default: 0 }),
          col.datetime('occurredAt'),
          col.datetime('createdAt'),
        ],
        indices: [{ columnNames: ['externalId'], isUnique: true }, { columnNames: ['memberId', 'occurredAt'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['member_events', 'cap_usage', 'rule_traces', 'experiment_exposures', 'campaign_versions', 'campaigns']) await queryRunner.dropTable(table);
  }
}
