import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { Purchase } from '../src/purchases/purchase.entity';
import { ADMIN, dialect } from './harness';
import { expectLedgerInvariants } from './loyalty-harness';

const MARIADBD = '/usr/sbin/mariadbd';
const INSTALL = '/usr/bin/mariadb-install-db';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A MariaDB of this test's own, in a temporary directory, so that stopping it disturbs no other test. */
function startMariaDb(dir: string, port: number): ChildProcess {
  return spawn(MARIADBD, ['--no-defaults', `--datadir=${join(dir, 'data')}`, `--port=${port}`, '--bind-address=127.0.0.1', `--socket=${join(dir, 'sock')}`, '--user=root', '--skip-grant-tables', '--skip-log-bin'], { stdio: 'ignore' });
}
async function waitUp(port: number) {
  for (let i = 0; i < 100; i++) {
    try {
      const c = await createConnection({ host: '127.0.0.1', port, user: 'root' });
      await c.end();
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error('MariaDB did not start');
}

/**
 * The database stopped and started under a running server: while it is down requests fail
 * with DATABASE_UNAVAILABLE (HTTP 503) and write nothing, /readyz says not ready; when it
 * returns, the server recovers by itself.
 */
describe.skipIf(dialect !== 'mysql' || !existsSync(MARIADBD) || !existsSync(INSTALL))('database outage', () => {
  let db: ChildProcess | undefined;
  let app: App | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'patron-mariadb-'));
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    db?.kill('SIGKILL');
    await sleep(200);
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails clearly while the database is down and recovers when it returns', async () => {
    const install = spawnSync(INSTALL, ['--no-defaults', `--datadir=${join(dir, 'data')}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], { encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    const port = 33000 + Math.floor(Math.random() * 2000);
    db = startMariaDb(dir, port);
    await waitUp(port);
    const setup = await createConnection({ host: '127.0.0.1', port, user: 'root' });
    await setup.query('CREATE DATABASE patron CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    await setup.end();
    app = await createApp(
      loadConfig({ NODE_ENV: 'test', DATABASE_URL: `mysql://root@127.0.0.1:${port}/patron`, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SEED_DEMO: 'false', LOG_LEVEL: 'silent', WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', JOBS_POLL_MS: '0', PORT: '0', HOST: '127.0.0.1' }),
    );
    const url = await app.listen();
    const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
      return { status: res.status, body: (await res.json()) as { data?: Record<string, any> | null; errors?: { extensions?: { code?: string } }[] } };
    };
    const admin = (await gql(`mutation { login(input: { email: "${ADMIN.email}", password: "${ADMIN.password}" }) { ... on StaffSession { token } } }`)).body.data!.login.token;
    await app.services.programs.create(app.dataSource.manager, { code: 'bonus', name: 'Bonus', isDefault: true });
    const member = (await gql(`mutation { createMember(input: { externalId: "DB-1" }) { ... on MemberCreated { member { id } } } }`, {}, admin)).body.data!.createMember.member;
    const buy = (externalId: string) => gql(`mutation { recordPurchase(input: { externalId: "${externalId}", memberExternalId: "DB-1", totalMinor: 10000, currency: "RUB", channel: STORE }) { __typename } }`, {}, admin);
    expect((await buy('DB-P1')).body.data!.recordPurchase.__typename).toBe('PurchaseRecorded');
    expect((await fetch(`${url}/readyz`)).status).toBe(200);

    db.kill('SIGKILL');
    await sleep(300);
    const down = await buy('DB-P2');
    expect(down.status).toBe(503);
    expect(down.body.errors?.[0].extensions?.code).toBe('DATABASE_UNAVAILABLE');
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ database: false });

    db = startMariaDb(dir, port);
    await waitUp(port);
    let status = 0;
    for (let i = 0; i < 100 && status !== 200; i++) {
      status = (await fetch(`${url}/readyz`)).status;
      if (status !== 200) await sleep(100);
    }
    expect(status).toBe(200);
    // Nothing of the failed purchase was written; sent again, it lands once.
    expect(await app.dataSource.manager.countBy(Purchase, { externalId: 'DB-P2' })).toBe(0);
    expect((await buy('DB-P2')).body.data!.recordPurchase.__typename).toBe('PurchaseRecorded');
    expect(await app.dataSource.manager.countBy(Purchase, { externalId: 'DB-P2' })).toBe(1);
    const memberId = Number(Buffer.from(member.id, 'base64').toString().split(':')[1]);
    await expectLedgerInvariants({ app } as never, memberId);
  }, 90_000);
});
