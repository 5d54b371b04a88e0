import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { bannerLines, createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { openDataSource } from './db/data-source';
import { runMigrations } from './db/migrate';
import { entities } from './entities';
import { migrations } from '../../migrations';
import { printPatronSchema } from './graphql/schema';
import { createServices } from './services';
import { MemoryRateLimiter } from './auth/rate-limiter';
import { seedDemo } from './seed/demo';

/**
 * `patron [serve]` runs the server; `migrate` applies migrations; `seed` adds the demo
 * brand; `schema:print` writes schema/schema.graphql.
 */
async function main(command: string) {
  if (command === 'schema:print') {
    const target = resolve(process.env.SCHEMA_OUT ?? 'schema/schema.graphql');
    writeFileSync(target, printPatronSchema());
    console.log(`wrote ${target}`);
    return;
  }
  const config = readConfigOrExit();
  if (command === 'migrate' || command === 'seed') {
    const dataSource = await openDataSource({ database: config.DATABASE_URL, entities, migrations });
    try {
      const applied = await runMigrations(dataSource);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
      if (command === 'seed') {
        const result = await seedDemo(dataSource, createServices(config, new MemoryRateLimiter()));
        console.log(`seeded ${result.members} demo members, ${result.purchases} purchases, ${result.refunds} refunds`);
      }
    } finally {
      await dataSource.destroy();
    }
    return;
  }
  if (command !== 'serve') throw new Error(`unknown command "${command}" (serve, migrate, seed, schema:print)`);

  const app = await createApp(config);
  const url = await app.listen();
  for (const line of bannerLines(url, app.bootstrap)) console.log(line);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function readConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

main(process.argv[2] ?? 'serve').catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
