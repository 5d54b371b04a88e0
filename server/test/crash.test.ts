import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { Redemption } from '../src/ledger/redemption.entity';
import { Purchase } from '../src/purchases/purchase.entity';
import { spawnServer } from './spawn-server';
import { dialect, freshDatabase, type FreshDatabase } from './harness';

const ADMIN_PASSWORD = 'crash-test-admin-1';

/** The server as a process on a database of its own; resolves with its address. */
const startServer = (database: FreshDatabase) => spawnServer({ DATABASE_URL: database.url, ADMIN_EMAIL: 'admin@crash.local', ADMIN_PASSWORD, JOBS_POLL_MS: '0' });

type Outcome = 'success' | 'refused' | 'unknown';

/**
 * kill -9 in the middle of a load of purchases and redemptions. After a restart: every
 * request answered with success is in the ledger exactly once, none answered with a refusal
 * is, those cut off are either whole or absent (sent again, they land once), and the ledger
 * invariants hold.
 */
describe(`kill -9 under load on ${dialect}`, () => {
  const children: ChildProcess[] = [];
  let database: FreshDatabase | undefined;
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await database?.drop();
  });

  it('keeps every answered write exactly once and the ledger whole', async () => {
    database = await freshDatabase();
    const first = await startServer(database);
    children.push(first.child);
    const gql = async (url: string, query: string, variables: Record<string, unknown>, token?: string) => {
      const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as { data?: Record<string, any>; errors?: unknown[] };
    };
    const admin = (await gql(first.url, `mutation($p: String!) { login(input: { email: "admin@crash.local", password: $p }) { ... on StaffSession { token } } }`, { p: ADMIN_PASSWORD })).data!.login.token;
    await gql(first.url, `mutation { createProgram(input: { code: "bonus", name: "Bonus", isDefault: true }) { __typename } }`, {}, admin);
    const key = (await gql(first.url, `mutation { createApiKey(input: { name: "POS", scopes: [MEMBERS_READ, MEMBERS_WRITE, PURCHASES_WRITE, POINTS_REDEEM] }) { ... on CreatedApiKey { secret } } }`, {}, admin)).data!.createApiKey.secret;
    const members: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await gql(first.url, `mutation($x: String!) { createMember(input: { externalId: $x }) { ... on MemberCreated { member { id } } } }`, { x: `CR-${i}` }, key);
      if (!res.data?.createMember?.member) throw new Error(JSON.stringify(res));
      members.push(res.data.createMember.member.id);
    }

    const PURCHASE = `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { __typename } }`;
    const REDEEM = `mutation($input: RedeemPointsInput!) { redeemPoints(input: $input) { __typename } }`;
    const requests = Array.from({ length: 400 }, (_, i) =>
      i % 4 === 3
        ? { kind: 'redeem' as const, externalId: `RD-${i}`, query: REDEEM, input: { externalId: `RD-${i}`, memberId: members[i % 20], points: 30 } }
        : { kind: 'purchase' as const, externalId: `PU-${i}`, query: PURCHASE, input: { externalId: `PU-${i}`, memberExternalId: `CR-${i % 20}`, totalMinor: 100_00, currency: 'RUB', channel: 'STORE' } },
    );
    const outcomes = new Map<string, Outcome>();
    const send = async (url: string, r: (typeof requests)[number]) => {
      try {
        const res = await gql(url, r.query, { input: r.input }, key);
        const typename = res.data?.recordPurchase?.__typename ?? res.data?.redeemPoints?.__typename;
        return typename === 'PurchaseRecorded' || typename === 'PointsRedeemed' ? 'success' : 'refused';
      } catch {
        return 'unknown';
      }
    };
    // Eight clients at once; the server dies while they work.
    let next = 0;
    const clients = Array.from({ length: 8 }, async () => {
      while (next < requests.length) {
        const r = requests[next++];
        outcomes.set(r.externalId, await send(first.url, r));
      }
    });
    // Killed once a quarter of the work is answered: the rest is in flight or never sent.
    while (outcomes.size < requests.length / 4) await new Promise((resolve) => setTimeout(resolve, 5));
    first.child.kill('SIGKILL');
    await Promise.all(clients);
    const answered = [...outcomes.values()];
    expect(answered.filter((o) => o === 'success').length).toBeGreaterThan(10);
    expect(answered.filter((o) => o === 'unknown').length).toBeGreaterThan(0);

    const second = await startServer(database);
    children.push(second.child);
    const check = await createApp(loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, ADMIN_PASSWORD, SEED_DEMO: 'false', LOG_LEVEL: 'silent', WEB_DIST: '', JOBS_POLL_MS: '0', JOBS_INTERVAL_SECONDS: '0', MIGRATIONS_RUN: 'false' }));
    try {
      const em = check.dataSource.manager;
      const count = async (r: (typeof requests)[number]) =>
        r.kind === 'purchase' ? em.countBy(Purchase, { externalId: r.externalId }) : em.countBy(Redemption, { externalId: r.externalId });
      for (const r of requests) {
        const outcome = outcomes.get(r.externalId);
        if (outcome === 'success') expect(await count(r), r.externalId).toBe(1);
        if (outcome === 'refused') expect(await count(r), r.externalId).toBe(0);
      }
      // Whatever was cut off (or never sent) is sent again to the new server: it lands once.
      for (const r of requests.filter((x) => outcomes.get(x.externalId) !== 'success' && outcomes.get(x.externalId) !== 'refused')) await send(second.url, r);
      for (const r of requests) expect(await count(r), r.externalId).toBeLessThanOrEqual(1);
      for (const r of requests.filter((x) => x.kind === 'purchase')) expect(await count(r), r.externalId).toBe(1);
      for (const account of await em.find(LoyaltyAccount)) {
        const entries = await em.findBy(LedgerEntry, { accountId: account.id });
        expect(entries.reduce((sum, e) => sum + e.availableChange, 0)).toBe(account.available);
        expect(account.available).toBeGreaterThanOrEqual(0);
      }
    } finally {
      await check.close();
    }
  }, 180_000);
});
