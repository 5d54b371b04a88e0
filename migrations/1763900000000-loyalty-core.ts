import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** Member profile fields, programs and tiers, loyalty accounts, the points ledger and lots, purchases, refunds, redemptions. */
export class LoyaltyCore1763900000000 implements MigrationInterface {
  name = 'LoyaltyCore1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('members', [
      new TableColumn(col.varchar('phone', 32, { isNullable: true })),
      new TableColumn(col.varchar('birthday', 10, { isNullable: true })),
      new TableColumn(col.boolean('consentEmail', false)),
      new TableColumn(col.boolean('consentSms', false)),
      new TableColumn(col.datetime('consentUpdatedAt', { isNullable: true })),
      new TableColumn(col.text('attributes', { isNullable: true })),
      new TableColumn(col.varchar('referralCode', 16, { isNullable: true })),
    ]);
    await queryRunner.createIndex('members', new TableIndex({ columnNames: ['referralCode'], isUnique: true }));
    await queryRunner.createIndex('members', new TableIndex({ columnNames: ['phone'] }));

    await queryRunner.createTable(
      new Table({
        name: 'programs',
        columns: [
          id(),
          col.varchar('code', 64),
          col.varchar('name', 200),
          col.varchar('currency', 3, { default: "'RUB'" }),
          col.varchar('valueKind', 10, { default: "'points'" }),
          col.int('earnPoints', { default: 1 }),
          col.int('earnPerMinor', { default: 100 }),
          col.varchar('rounding', 10, { default: "'floor'" }),
          col.int('minPurchaseMinor', { default: 0 }),
          col.int('pointValueMinor', { default: 100 }),
          col.int('maxRedeemPercent', { default: 100 }),
          col.int('minRedeemPoints', { default: 0 }),
          col.varchar('expiryPolicy', 20, { default: "'never'" }),
          col.int('expiryDays', { default: 0 }),
          col.int('pendingDays', { default: 0 }),
          col.varchar('timezone', 64, { default: "'Europe/Moscow'" }),
          col.varchar('tierReview', 20, { default: "'yearly'" }),
          col.boolean('isDefault', false),
          col.varchar('status', 20, { default: "'active'" }),
          col.datetime('createdAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['code'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'tiers',
        columns: [
          id(),
          col.int('programId'),
          col.varchar('code', 64),
          col.varchar('name', 200),
          col.int('rank'),
          col.varchar('qualifyBy', 20, { default: "'spend'" }),
          col.int('threshold', { default: 0 }),
          col.varchar('window', 20, { default: "'rolling'" }),
          col.int('windowDays', { default: 365 }),
          col.int('earnMultiplierPercent', { default: 100 }),
          col.int('discountPercent', { default: 0 }),
          col.text('perks'),
          col.datetime('createdAt'),
        ],
        indices: [{ columnNames: ['programId', 'code'], isUnique: true }, { columnNames: ['programId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'loyalty_accounts',
        columns: [
          id(),
          col.int('memberId'),
          col.int('programId'),
          col.int('available', { default: 0 }),
          col.int('pending', { default: 0 }),
          col.int('debt', { default: 0 }),
          col.int('lifetimePoints', { default: 0 }),
          col.bigint('lifetimeSpendMinor', { default: 0 }),
          col.int('purchaseCount', { default: 0 }),
          col.datetime('lastPurchaseAt', { isNullable: true }),
          col.int('tierId', { isNullable: true }),
          col.datetime('tierSince', { isNullable: true }),
          col.datetime('joinedAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['memberId', 'programId'], isUnique: true }, { columnNames: ['memberId'] }, { columnNames: ['programId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'ledger_entries',
        columns: [
          id(),
          col.int('accountId'),
          col.int('memberId'),
          col.int('programId'),
          col.varchar('kind', 20),
          col.varchar('source', 20),
          col.int('availableChange', { default: 0 }),
          col.int('pendingChange', { default: 0 }),
          col.int('debtChange', { default: 0 }),
          col.int('availableAfter'),
          col.int('pendingAfter'),
          col.int('debtAfter'),
          col.int('purchaseId', { isNullable: true }),
          col.int('refundId', { isNullable: true }),
          col.int('redemptionId', { isNullable: true }),
          col.int('campaignId', { isNullable: true }),
          col.int('campaignVersion', { isNullable: true }),
          col.varchar('variantKey', 64, { isNullable: true }),
          col.varchar('traceId', 64, { isNullable: true }),
          col.varchar('idempotencyKey', 191, { isNullable: true }),
          col.varchar('actorKind', 20, { default: "'system'" }),
          col.int('actorId', { isNullable: true }),
          col.varchar('reason', 500, { isNullable: true }),
          col.datetime('occurredAt'),
          col.datetime('createdAt'),
        ],
        indices: [
          { columnNames: ['accountId', 'id'] },
          { columnNames: ['memberId', 'occurredAt'] },
          { columnNames: ['purchaseId'] },
          { columnNames: ['campaignId'] },
          { columnNames: ['idempotencyKey'], isUnique: true },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'point_lots',
        columns: [
          id(),
          col.int('accountId'),
          col.int('entryId'),
          col.int('purchaseId', { isNullable: true }),
          col.int('points'),
          col.int('remaining'),
          col.varchar('state', 10),
          col.datetime('availableAt'),
          col.datetime('expiresAt', { isNullable: true }),
          col.datetime('createdAt'),
        ],
        indices: [
          { columnNames: ['accountId', 'state', 'expiresAt'] },
          { columnNames: ['state', 'expiresAt'] },
          { columnNames: ['state', 'availableAt'] },
          { columnNames: ['purchaseId'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'purchases',
        columns: [
          id(),
          col.varchar('externalId', 191),
          col.varchar('requestHash', 64),
          col.int('memberId', { isNullable: true }),
          col.int('programId'),
          col.int('totalMinor'),
          col.varchar('currency', 3),
          col.varchar('channel', 20),
          col.varchar('storeId', 64, { isNullable: true }),
          col.int('pointsEarned', { default: 0 }),
          col.int('refundedMinor', { default: 0 }),
          col.int('pointsReversed', { default: 0 }),
          col.datetime('occurredAt'),
          col.datetime('createdAt'),
        ],
        indices: [
          { columnNames: ['externalId'], isUnique: true },
          { columnNames: ['memberId', 'occurredAt'] },
          { columnNames: ['programId', 'occurredAt'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'purchase_items',
        columns: [
          id(),
          col.int('purchaseId'),
          col.varchar('sku', 64),
          col.varchar('name', 200, { default: "''" }),
          col.varchar('category', 100, { isNullable: true }),
          col.int('quantity'),
          col.int('unitPriceMinor'),
        ],
        indices: [{ columnNames: ['purchaseId'] }, { columnNames: ['category'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'refunds',
        columns: [
          id(),
          col.varchar('externalId', 191),
          col.varchar('requestHash', 64),
          col.int('purchaseId'),
          col.int('amountMinor'),
          col.int('pointsReversed', { default: 0 }),
          col.int('debtPoints', { default: 0 }),
          col.datetime('occurredAt'),
          col.datetime('createdAt'),
        ],
        indices: [{ columnNames: ['externalId'], isUnique: true }, { columnNames: ['purchaseId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'redemptions',
        columns: [
          id(),
          col.varchar('externalId', 191),
          col.varchar('requestHash', 64),
          col.int('accountId'),
          col.int('points'),
          col.int('valueMinor'),
          col.varchar('purchaseExternalId', 191, { isNullable: true }),
          col.int('entryId'),
          col.datetime('createdAt'),
        ],
        indices: [{ columnNames: ['externalId'], isUnique: true }, { columnNames: ['accountId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'tier_changes',
        columns: [id(), col.int('accountId'), col.int('fromTierId', { isNullable: true }), col.int('toTierId', { isNullable: true }), col.varchar('reason', 20), col.datetime('createdAt')],
        indices: [{ columnNames: ['accountId', 'id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['tier_changes', 'redemptions', 'refunds', 'purchase_items', 'purchases', 'point_lots', 'ledger_entries', 'loyalty_accounts', 'tiers', 'programs']) {
      await queryRunner.dropTable(table);
    }
    const members = await queryRunner.getTable('members');
    for (const index of members?.indices ?? []) {
      if (index.columnNames.some((c) => c === 'phone' || c === 'referralCode')) await queryRunner.dropIndex('members', index);
    }
    for (const column of ['referralCode', 'attributes', 'consentUpdatedAt', 'consentSms', 'consentEmail', 'birthday', 'phone']) {
      await queryRunner.dropColumn('members', column);
    }
  }
}
