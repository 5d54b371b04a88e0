import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations';
import { parseDatabaseUrl } from '../src/config';
import { openDataSource } from '../src/db/data-source';
import { migrationsApplied, runMigrations } from '../src/db/migrate';
import { entities } from '../src/entities';
import { dialect, freshDatabase, type FreshDatabase } from './harness';

describe(`migrations on ${dialect}`, () => {
  let database: FreshDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  function dataSource() {
    return openDataSource({ database: parseDatabaseUrl(database.url)!, entities, migrations });
  }

  it('bring the database to exactly what the entities describe', async () => {
    const ds = await dataSource();
    try {
      expect(await migrationsApplied(ds)).toBe(false);
      const applied = await runMigrations(ds);
      expect(applied).toEqual(migrations.map((m) => new m().name));
      expect(await migrationsApplied(ds)).toBe(true);
      // The schema builder diffs entities against the live database: nothing may be left to change.
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('run once: a second run finds nothing to do, even two at once', async () => {
    const [a, b] = [await dataSource(), await dataSource()];
    try {
      const [first, second] = await Promise.all([runMigrations(a), runMigrations(b)]);
      expect([...first, ...second]).toEqual([]);
    } finally {
      await a.destroy();
      await b.destroy();
    }
  });

  it('can be reverted down to nothing and applied again', async () => {
    const ds = await dataSource();
    try {
      for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration();
      expect(await ds.createQueryRunner().hasTable('members')).toBe(false);
      await runMigrations(ds);
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
