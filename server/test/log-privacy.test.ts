import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { ADMIN, freshDatabase, type FreshDatabase } from './harness';

/**
 * Personal data never reaches the logs: a day of work (sign-ups, wrong passwords, members
 * sent by a till with email and phone, conflicts, purchases, a survey, an export) runs at
 * trace level, and the whole log output is searched for every email, phone and password used.
 */
describe('logs and personal data', () => {
  let app: App;
  let database: FreshDatabase;
  let output = '';
  let url = '';
  const pii = {
    emails: ['log-probe-one@example.com', 'log-probe-two@example.com', 'log-probe-three@example.com'],
    phones: ['+79161234567', '+79167654321'],
    passwords: ['log-probe-password-1', 'log-probe-wrong-password'],
  };

  beforeAll(async () => {
    database = await freshDatabase();
    const sink = new Writable({
      write(chunk, _encoding, done) {
        output += String(chunk);
        done();
      },
    });
    app = await createApp(
      loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SEED_DEMO: 'false', LOG_LEVEL: 'trace', WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', JOBS_POLL_MS: '0', PORT: '0', HOST: '127.0.0.1' }),
      { logger: createLogger('trace', sink) },
    );
    url = await app.listen();
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
    return res.json() as Promise<{ data?: Record<string, any>; errors?: unknown[] }>;
  };

  it('holds no email, phone or password after a day of work at trace level', async () => {
    const admin = (await gql(`mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { ... on StaffSession { token } } }`, { e: ADMIN.email, p: ADMIN.password })).data!.login.token;
    await app.services.programs.create(app.dataSource.manager, { code: 'bonus', name: 'Bonus', isDefault: true });
    // A duplicate code fails its INSERT, which TypeORM logs (as text, at times): still a typed conflict, not an internal error.
    const badge = `mutation { createBadge(input: { code: "regular", name: "Regular", image: "https://cdn.example.com/r.png" }) { __typename } }`;
    expect((await gql(badge, {}, admin)).data!.createBadge.__typename).toBe('Badge');
    expect(await gql(badge, {}, admin)).toEqual({ data: { createBadge: { __typename: 'ConflictError' } } });
    const key = (await gql(`mutation { createApiKey(input: { name: "POS", scopes: [MEMBERS_READ, MEMBERS_WRITE, PURCHASES_WRITE, POINTS_REDEEM] }) { ... on CreatedApiKey { secret } } }`, {}, admin)).data!.createApiKey.secret;
    await gql(`mutation($e: String!, $p: String!) { memberSignUp(input: { email: $e, password: $p, name: "Probe" }) { __typename } }`, { e: pii.emails[0], p: pii.passwords[0] });
    await gql(`mutation($e: String!, $p: String!) { memberSignIn(input: { email: $e, password: $p }) { __typename } }`, { e: pii.emails[0], p: pii.passwords[1] });
    await gql(`mutation($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { __typename } }`, { e: pii.emails[1], p: pii.passwords[1] });
    const created = await gql(`mutation($e: String!, $ph: String!) { createMember(input: { externalId: "LOG-1", email: $e, phone: $ph, name: "Till member" }) { ... on MemberCreated { member { id } } } }`, { e: pii.emails[1], ph: pii.phones[0] }, key);
    const memberId = created.data!.createMember.member.id;
    // The same externalId with other contacts: a conflict, whose message must not echo them.
    await gql(`mutation($e: String!, $ph: String!) { createMember(input: { externalId: "LOG-1", email: $e, phone: $ph }) { __typename } }`, { e: pii.emails[2], ph: pii.phones[1] }, key);
    await gql(`mutation($id: ID!, $ph: String!) { updateMember(id: $id, input: { phone: $ph }) { __typename } }`, { id: memberId, ph: pii.phones[1] }, admin);
    await gql(`mutation { recordPurchase(input: { externalId: "LOG-P1", memberExternalId: "LOG-1", totalMinor: 150000, currency: "RUB", channel: STORE }) { __typename } }`, {}, key);
    await gql(`mutation($id: ID!) { redeemPoints(input: { externalId: "LOG-R1", memberId: $id, points: 999999 }) { __typename } }`, { id: memberId }, key);
    await gql(`{ members(first: 5, search: "log-probe") { edges { node { email phone } } } }`, {}, admin);
    await fetch(`${url}/export/members.csv`, { headers: { authorization: `Bearer ${admin}` } }).then((r) => r.text());
    // A malformed request that reaches the error path.
    await gql(`mutation($e: String!) { memberSignUp(input: { email: $e, password: 1 }) { __typename } }`, { e: pii.emails[2] });
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(output).toContain('"msg":"request"');
    expect(output.split('\n').length).toBeGreaterThan(10);
    for (const secret of [...pii.emails, ...pii.phones, ...pii.phones.map((p) => p.slice(1)), ...pii.passwords]) expect(output, secret).not.toContain(secret);
  });

  it('drops the bound parameters of a failed SQL statement from logged errors', () => {
    let line = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        line += String(chunk);
        done();
      },
    });
    const error = Object.assign(new Error(`Duplicate entry '${pii.emails[0]}' for key 'IDX_email' (phone ${pii.phones[0]})`), {
      query: 'INSERT INTO members (email) VALUES (?)',
      parameters: [pii.emails[0]],
      sqlMessage: `Duplicate entry '${pii.emails[0]}'`,
      driverError: { sqlMessage: `Duplicate entry '${pii.emails[0]}'` },
    });
    createLogger('info', sink).error({ err: error }, 'request failed');
    expect(line).toContain('Duplicate entry');
    expect(line).toContain('INSERT INTO members');
    expect(line).toContain("Duplicate entry '[email]' for key 'IDX_email' (phone [phone])");
    expect(line).not.toContain(pii.emails[0]);
    expect(line).not.toContain(pii.phones[0]);
  });
});
