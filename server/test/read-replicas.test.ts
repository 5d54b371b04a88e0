import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createTestApp, dialect, freshDatabase, type FreshDatabase, type TestApp } from './harness';
import { loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';

const ANALYTICS = `query($from: DateTime!, $to: DateTime!) { analytics(from: $from, to: $to) { ... on ProgramAnalytics { members { total { value } } memberComparison { members { purchases } } } } }`;

/**
 * DATABASE_REPLICA_URLS: the dashboard reads from the replica, everything else from the
 * primary. To see which answered, the "replica" here is a second database that replicates
 * nothing: what the primary holds, it lacks.
 */
describe.skipIf(dialect !== 'mysql')('read replicas', () => {
  let replica: FreshDatabase | undefined;
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.close();
    await replica?.drop();
  });

  it('serve analytics from the replica and keep purchases and lists on the primary', async () => {
    replica = await freshDatabase();
    // The replica has the schema (as a real one would, from the primary's binlog) and no data.
    const migrateOnly = await createApp(loadConfig({ NODE_ENV: 'test', DATABASE_URL: replica.url, SEED_DEMO: 'false', LOG_LEVEL: 'silent', WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', JOBS_POLL_MS: '0', ADMIN_PASSWORD: 'replica-admin-password' }));
    await migrateOnly.close();
    t = await createTestApp({ DATABASE_REPLICA_URLS: replica.url });
    const { admin, pos } = await loyaltySetup(t);
    for (let i = 0; i < 3; i++) {
      const m = await newMember(t, pos);
      const bought = await t.gql(RECORD_PURCHASE, { input: { externalId: `RR-${i}`, memberExternalId: m.externalId, totalMinor: 500_00, currency: 'RUB', channel: 'STORE' } }, { token: pos });
      expect(bought.body.data.recordPurchase.__typename).toBe('PurchaseRecorded');
    }
    const range = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };
    const fromReplica = await t.gql(ANALYTICS, range, { token: admin });
    expect(fromReplica.body.data.analytics.members.total.value).toBe(0);
    expect(fromReplica.body.data.analytics.memberComparison.members.purchases).toBe(0);
    const members = await t.gql(`{ members(first: 10) { edges { node { id } } } }`, {}, { token: admin });
    expect(members.body.data.members.edges).toHaveLength(3);

    // Copy the primary's rows to the replica, as replication would: the dashboard now sees them.
    const primaryName = new URL(t.app.config.DATABASE_URL.url).pathname.slice(1);
    const replicaName = new URL(replica.url).pathname.slice(1);
    for (const table of ['programs', 'members', 'loyalty_accounts', 'purchases', 'ledger_entries']) {
      await t.app.dataSource.query(`INSERT INTO \`${replicaName}\`.\`${table}\` SELECT * FROM \`${primaryName}\`.\`${table}\``);
    }
    const caughtUp = await t.gql(ANALYTICS, range, { token: admin });
    expect(caughtUp.body.data.analytics.members.total.value).toBe(3);
    expect(caughtUp.body.data.analytics.memberComparison.members.purchases).toBe(3);
  });

  it('refuses replicas without a MySQL primary, or that are not mysql:// URLs', () => {
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'mysql://ro@replica:3306/patron' })).toThrow(/DATABASE_REPLICA_URLS/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root@db:3306/patron', DATABASE_REPLICA_URLS: 'sqlite:./x.sqlite' })).toThrow(/DATABASE_REPLICA_URLS/);
    expect(loadConfig({ DATABASE_URL: 'mysql://root@db:3306/patron', DATABASE_REPLICA_URLS: 'mysql://ro@r1:3306/patron, mysql://ro@r2:3306/patron' }).DATABASE_REPLICA_URLS.map((r) => r.host)).toEqual(['r1', 'r2']);
  });
});
