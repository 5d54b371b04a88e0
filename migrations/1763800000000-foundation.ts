import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col, id } from './columns';

/** Members, staff users, member sign-ins, sessions and API keys. */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'members',
        columns: [
          id(),
          col.varchar('externalId', 191, { isNullable: true }),
          col.varchar('email', 191, { isNullable: true }),
          col.varchar('name', 200, { default: "''" }),
          col.varchar('locale', 10, { default: "'ru'" }),
          col.varchar('status', 20, { default: "'active'" }),
          col.datetime('createdAt'),
          col.datetime('updatedAt'),
        ],
        indices: [{ columnNames: ['externalId'], isUnique: true }, { columnNames: ['email'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'staff_users',
        columns: [
          id(),
          col.varchar('email', 191),
          col.varchar('name', 200, { default: "''" }),
          col.varchar('role', 20),
          col.varchar('passwordHash', 255),
          col.datetime('createdAt'),
          col.datetime('lastSignInAt', { isNullable: true }),
          col.datetime('disabledAt', { isNullable: true }),
        ],
        indices: [{ columnNames: ['email'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'member_credentials',
        columns: [
          { name: 'memberId', type: 'integer', isPrimary: true },
          col.varchar('email', 191),
          col.varchar('passwordHash', 255),
          col.datetime('createdAt'),
          col.datetime('lastSignInAt', { isNullable: true }),
        ],
        indices: [{ columnNames: ['email'], isUnique: true }],
        foreignKeys: [
          { columnNames: ['memberId'], referencedTableName: 'members', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          id(),
          col.varchar('tokenHash', 64),
          col.varchar('subject', 10),
          col.int('staffUserId', { isNullable: true }),
          col.int('memberId', { isNullable: true }),
          col.datetime('createdAt'),
          col.datetime('expiresAt'),
          col.datetime('revokedAt', { isNullable: true }),
          col.varchar('ip', 64, { isNullable: true }),
          col.varchar('userAgent', 255, { isNullable: true }),
        ],
        indices: [
          { columnNames: ['tokenHash'], isUnique: true },
          { columnNames: ['staffUserId'] },
          { columnNames: ['memberId'] },
        ],
        foreignKeys: [
          { columnNames: ['staffUserId'], referencedTableName: 'staff_users', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
          { columnNames: ['memberId'], referencedTableName: 'members', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          id(),
          col.varchar('name', 200),
          col.varchar('prefix', 20),
          col.varchar('tokenHash', 64),
          col.text('scopes'),
          col.int('partnerId', { isNullable: true }),
          col.int('createdByStaffId', { isNullable: true }),
          col.datetime('createdAt'),
          col.datetime('lastUsedAt', { isNullable: true }),
          col.datetime('revokedAt', { isNullable: true }),
        ],
        indices: [{ columnNames: ['tokenHash'], isUnique: true }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['api_keys', 'sessions', 'member_credentials', 'staff_users', 'members']) {
      await queryRunner.dropTable(table);
    }
  }
}
