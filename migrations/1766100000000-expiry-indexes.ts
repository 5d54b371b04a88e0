import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The daily job lists the accounts with lots due to expire or to be released from these
 * indexes alone, without reading a lot (at four million lots that read was a fifth of the
 * run). Each replaces the index it starts with: lots keep as many indexes as before.
 */
// Named: TypeORM's generated name hashes the sorted columns, and (state, expiresAt, accountId)
// would collide with the (accountId, state, expiresAt) index that spends lots.
const WIDENED: [old: string[], covering: string[], name: string | undefined][] = [
  [['state', 'expiresAt'], ['state', 'expiresAt', 'accountId'], 'IDX_point_lots_due_to_expire'],
  [['state', 'availableAt'], ['state', 'availableAt', 'accountId'], 'IDX_point_lots_due_for_release'],
];

async function swap(queryRunner: QueryRunner, from: string[], to: string[], name: string | undefined) {
  await queryRunner.createIndex('point_lots', new TableIndex({ name, columnNames: to }));
  const old = (await queryRunner.getTable('point_lots'))?.indices.find((i) => i.columnNames.join() === from.join());
  if (old) await queryRunner.dropIndex('point_lots', old);
}

export class ExpiryIndexes1766100000000 implements MigrationInterface {
  name = 'ExpiryIndexes1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [old, covering, name] of WIDENED) await swap(queryRunner, old, covering, name);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Back to the generated names the older indexes had.
    for (const [old, covering] of WIDENED) await swap(queryRunner, covering, old, undefined);
  }
}
