// Prints the SQL TypeORM would run to make the migrated database match the entities
// (nothing, when migrations and entities agree). `npx tsx scripts/schema-diff.mts <DATABASE_URL>`
import 'reflect-metadata';
import { migrations } from '../migrations';
import { parseDatabaseUrl } from '../server/src/config';
import { openDataSource } from '../server/src/db/data-source';
import { runMigrations } from '../server/src/db/migrate';
import { entities } from '../server/src/entities';

const url = process.argv[2] ?? 'sqlite::memory:';
const ds = await openDataSource({ database: parseDatabaseUrl(url)!, entities, migrations });
await runMigrations(ds);
const log = await ds.driver.createSchemaBuilder().log();
for (const q of log.upQueries) console.log(q.query);
await ds.destroy();
