import type { DataSource } from 'typeorm';
import { dialectOf } from './data-source';

/**
 * Runs pending migrations once, even when several instances start together: on MySQL a
 * named lock makes the others wait and then find nothing left to do.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (dialectOf(dataSource) === 'sqlite') {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const [{ locked }] = await runner.query(`SELECT GET_LOCK('patron_migrations', 300) AS locked`);
    if (Number(locked) !== 1) throw new Error('Timed out waiting for another instance to finish migrating');
    try {
      // MySQL commits DDL implicitly, so a transaction per migration is all that can be had.
      return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await runner.query(`SELECT RELEASE_LOCK('patron_migrations')`);
    }
  } finally {
    await runner.release();
  }
}

/** True when every migration the code knows has been applied. */
export async function migrationsApplied(dataSource: DataSource): Promise<boolean> {
  return !(await dataSource.showMigrations());
}
