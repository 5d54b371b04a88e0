import { createApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import { benchDatabase } from './bench-database';
import { AS_DEPLOYED } from './as-deployed';
import { TEN_A_VISIT } from './ledger';

/**
 * What the ledger diagnostics (cpu-ledger.ts, profile-ledger.ts) run against: Patron as
 * deployed on a MariaDB database of its own, with a default program, a till's API key,
 * 500 members and, if asked, the ten-a-visit campaign published. `close` drops it all.
 */
export async function openLedgerApp(prefix: string, options: { campaign: boolean }) {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/patron';
  const benchDb = await benchDatabase(databaseUrl, prefix, 'the ledger diagnostics (BENCH_DATABASE_URL)');
  const app = await createApp(
    loadConfig({ ...AS_DEPLOYED, DATABASE_URL: benchDb.url, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'silent', ADMIN_PASSWORD: 'bench-admin-password', WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', DATABASE_POOL_SIZE: '10' }),
  );
  const close = async () => {
    await app.close();
    await benchDb.drop();
  };
  try {
    const base = await app.listen();
    const { services, dataSource } = app;
    const program = await services.programs.create(dataSource.manager, { code: 'bench', name: 'Bench', isDefault: true });
    const { secret } = await services.auth.createApiKey(dataSource.manager, { name: 'bench', scopes: ['members:write', 'purchases:write', 'points:redeem'] }, null);
    let campaign: { id: number; version: number } | null = null;
    if (options.campaign) {
      const created = await services.campaigns.create(dataSource.manager, { name: 'Ten a visit', graph: TEN_A_VISIT }, null);
      const { version } = await services.campaigns.publish(dataSource.manager, created.id, null, null);
      campaign = { id: created.id, version: version.number };
    }
    const memberIds: number[] = [];
    for (let i = 0; i < 500; i++) memberIds.push((await services.members.create(dataSource.manager, { externalId: `B-${i}` })).member.id);
    return { app, base, database: { ...benchDb.server, database: benchDb.name }, program, secret, campaign, memberIds, close };
  } catch (error) {
    await close();
    throw error;
  }
}
