import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, validate } from 'graphql';
import webOperations from '@patron/schema/persisted-operations.json';
import { getSchema } from '../src/graphql/schema';
import { ADMIN, createTestApp, type TestApp } from './harness';

const operations: Record<string, string> = webOperations;

/** The hash of the web app's document that defines the named operation. */
function hashOf(operationName: string): string {
  const found = Object.entries(operations).find(([, text]) => new RegExp(`\\b(query|mutation|subscription) ${operationName}\\b`).test(text));
  if (!found) throw new Error(`no persisted operation ${operationName}`);
  return found[0];
}

/** `credential` is an API key (sent as a bearer token) or a browser's session cookie. */
async function send(t: TestApp, body: Record<string, unknown>, credential?: { apiKey: string } | { cookie: string }) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (credential && 'apiKey' in credential) headers.authorization = `Bearer ${credential.apiKey}`;
  if (credential && 'cookie' in credential) headers.cookie = credential.cookie;
  const response = await t.app.yoga.fetch('http://patron.test/graphql', { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json(), cookie: response.headers.get('set-cookie')?.split(';')[0] };
}

const byHash = (hash: string, variables?: Record<string, unknown>) => ({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
const VIEWER = `{ viewer { __typename } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { __typename ... on CreatedApiKey { secret } } }`;

describe('the persisted-operations list', () => {
  it('holds the web app’s documents, each valid against the schema the server runs', () => {
    const schema = getSchema();
    expect(Object.keys(operations).length).toBeGreaterThan(50);
    for (const [hash, text] of Object.entries(operations)) {
      expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(validate(schema, parse(text)), text).toEqual([]);
    }
  });
});

describe('persisted operations, by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('runs a listed operation sent by its hash alone, with variables', async () => {
    const viewer = await send(t, byHash(hashOf('Viewer')));
    expect(viewer.body.errors).toBeUndefined();
    expect(viewer.body.data.viewer).toBeNull();

    const login = await send(t, byHash(hashOf('StaffLogin'), { input: { email: ADMIN.email, password: ADMIN.password } }));
    expect(login.body.errors).toBeUndefined();
    expect(login.body.data.login.__typename).toBe('StaffSession');
  });

  it('answers an unknown hash with the error Apollo retries on, and still runs a written query', async () => {
    const unknown = await send(t, byHash(`sha256:${'0'.repeat(64)}`));
    expect(unknown.body.errors[0]).toMatchObject({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } });
    const hostile = await send(t, byHash('__proto__'));
    expect(hostile.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const written = await send(t, { query: VIEWER });
    expect(written.body).toEqual({ data: { viewer: null } });
  });
});

describe('GRAPHQL_PERSISTED_ONLY', () => {
  let t: TestApp;
  let staff: { cookie: string };
  let apiKey: { apiKey: string };
  beforeAll(async () => {
    t = await createTestApp({ GRAPHQL_PERSISTED_ONLY: 'true' });
    // Signing in goes through the listed StaffLogin operation, as the console does.
    const login = await send(t, byHash(hashOf('StaffLogin'), { input: { email: ADMIN.email, password: ADMIN.password } }));
    expect(login.cookie).toMatch(/=/);
    staff = { cookie: login.cookie! };
    // Staff create keys from the console, which sends the listed operation.
    const listed = Object.entries(operations).find(([, text]) => /mutation \w+[^{]*\{\s*createApiKey\(/.test(text));
    expect(listed, 'the console’s createApiKey operation').toBeDefined();
    const viaConsole = await send(t, byHash(listed![0], { input: { name: 'integration', scopes: ['MEMBERS_READ'] } }), staff);
    expect(viaConsole.body.errors).toBeUndefined();
    apiKey = { apiKey: viaConsole.body.data.createApiKey.secret };
  });
  afterAll(() => t.close());

  it('refuses a written query from a visitor and from a staff session, and runs nothing', async () => {
    const anonymous = await send(t, { query: VIEWER });
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    expect(anonymous.body.data).toBeUndefined();

    const written = await send(t, { query: CREATE_KEY, variables: { input: { name: 'sneaky', scopes: ['MEMBERS_READ'] } } }, staff);
    expect(written.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    const keys = await send(t, byHash(hashOf('ApiKeys'), { first: 50 }), staff);
    expect(keys.body.errors).toBeUndefined();
    expect(JSON.stringify(keys.body.data)).not.toContain('sneaky');
  });

  it('refuses written text even when it carries a listed hash beside it', async () => {
    const res = await send(t, { query: `mutation { logout }`, extensions: { persistedQuery: { version: 1, sha256Hash: hashOf('Viewer') } } }, staff);
    expect(res.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('runs listed operations for visitors and staff, and any query for an API key', async () => {
    const viewer = await send(t, byHash(hashOf('Viewer')), staff);
    expect(viewer.body.errors).toBeUndefined();
    expect(viewer.body.data.viewer.__typename).toBe('StaffUser');

    const integration = await send(t, { query: `{ members(first: 1) { edges { node { id } } } }` }, apiKey);
    expect(integration.body.errors).toBeUndefined();
    expect(integration.body.data.members.edges).toEqual([]);
  });
});
