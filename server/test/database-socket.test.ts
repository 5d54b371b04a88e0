import { existsSync } from 'node:fs';
import { createConnection } from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../src/config';
import { mysqlConnection } from '../src/db/data-source';
import { createTestApp, dialect, freshDatabase, type FreshDatabase, type TestApp } from './harness';
import { loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';

/**
 * `?socket=` in DATABASE_URL: Patron on the same host as its database talks to it through the
 * server's Unix socket, not TCP (less CPU per statement on both sides, bench/ledger.ts).
 * MariaDB tells the two apart: a socket client's host is `localhost`, a TCP one's has a port.
 */
describe.skipIf(dialect !== 'mysql')('a database on the same host, through its Unix socket', () => {
  let database: FreshDatabase | undefined;
  let t: TestApp | undefined;
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  it('connects through the socket the URL names and records a purchase there', async (context) => {
    database = await freshDatabase();
    const overTcp = parseDatabaseUrl(database.url);
    if (overTcp?.dialect !== 'mysql') throw new Error('expected a mysql:// database');
    const probe = await createConnection(mysqlConnection(overTcp));
    const [[{ socket, host }]] = (await probe.query('SELECT @@socket AS socket, (SELECT HOST FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()) AS host')) as unknown as [{ socket: string; host: string }[]];
    await probe.end();
    // The test's own connection came over TCP: it names a port.
    expect(host).toMatch(/:\d+$/);
    // A server in another container or on another host has no socket here to reach.
    if (!existsSync(socket)) context.skip();

    const url = new URL(database.url);
    url.searchParams.set('socket', socket);
    t = await createTestApp({ DATABASE_URL: url.toString() });
    const [{ host: patronHost }] = (await t.app.dataSource.query('SELECT HOST AS host FROM information_schema.PROCESSLIST WHERE ID = CONNECTION_ID()')) as { host: string }[];
    expect(patronHost).toBe('localhost');
    const { pos } = await loyaltySetup(t);
    const member = await newMember(t, pos);
    const bought = await t.gql(RECORD_PURCHASE, { input: { externalId: 'SOCKET-1', memberExternalId: member.externalId, totalMinor: 500_00, currency: 'RUB', channel: 'STORE' } }, { token: pos });
    expect(bought.body.data.recordPurchase.__typename).toBe('PurchaseRecorded');
    const [{ purchases }] = (await t.app.dataSource.query('SELECT COUNT(*) AS purchases FROM purchases WHERE externalId = ?', ['SOCKET-1'])) as { purchases: number | string }[];
    expect(Number(purchases)).toBe(1);
  });
});
