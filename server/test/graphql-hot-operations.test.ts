import type { Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { CREATE_MEMBER, loyaltySetup, newMember } from './loyalty-harness';

/**
 * Hot operations (http/graphql-lane.ts): a plain JSON query the lane has run through yoga's
 * pipeline and graphql-jit has compiled runs again without envelop's per-request hooks.
 * Every hot answer here is held to yoga's own for the same request (app.yoga.fetch, which
 * never takes the lane): status, content type and body; and what a hot operation must leave
 * to yoga (a key that does not resolve, refused variables) reaches it.
 */
describe(`hot operations in the JSON lane on ${dialect}`, () => {
  let t: TestApp;
  let url: string;
  let pos: string;

  beforeAll(async () => {
    t = await createTestApp();
    url = `${await t.app.listen()}/graphql`;
    ({ pos } = await loyaltySetup(t));
    for (let i = 0; i < 3; i++) await newMember(t, pos);
  });
  afterAll(async () => {
    await t?.close();
  });

  type Answer = { status: number; type: string | null; body: unknown };
  const read = async (res: Response): Promise<Answer> => ({ status: res.status, type: res.headers.get('content-type'), body: JSON.parse(await res.text()) });
  const lanes = async () => {
    const values = (await t.app.metrics.graphqlLane.get()).values;
    const count = (lane: string) => values.find((v) => v.labels.lane === lane)?.value ?? 0;
    return { hot: count('hot'), json: count('json'), yoga: count('yoga') };
  };
  const headersFor = (token?: string) => ({ 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) });
  const overHttp = async (body: object, token?: string) => read(await fetch(url, { method: 'POST', headers: headersFor(token), body: JSON.stringify(body) }));
  const toYoga = async (body: object, token?: string) => read(await t.app.yoga.fetch('http://patron.test/graphql', { method: 'POST', headers: headersFor(token), body: JSON.stringify(body) }));

  /** The request over HTTP, which lane answered it, and yoga's own answer to it. */
  async function ask(body: object, token?: string) {
    const before = await lanes();
    const http = await overHttp(body, token);
    const after = await lanes();
    const lane = after.hot > before.hot ? 'hot' : after.json > before.json ? 'json' : 'yoga';
    return { http, lane, yoga: await toYoga(body, token) };
  }

  /** Runs a query until it is hot, which a new text is at its third run: the first two take the pipeline (the second compiles it). */
  async function heat(body: object, token?: string) {
    const seen = [];
    do seen.push((await ask(body, token)).lane);
    while (seen.at(-1) !== 'hot' && seen.length < 3);
    expect(seen.length === 3 ? seen : seen.at(-1)).toEqual(seen.length === 3 ? ['json', 'json', 'hot'] : 'hot');
  }

  const MEMBERS = 'query Members($first: Int!, $after: String) { members(first: $first, after: $after) { edges { cursor node { id name account { available } } } pageInfo { hasNextPage endCursor } } }';

  it('answers a query from its third run on, as yoga does, with the caller’s own context', async () => {
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push((await ask({ query: MEMBERS, variables: { first: 2 } }, pos)).lane);
    expect(seen).toEqual(['json', 'json', 'hot']);
    for (const first of [1, 3, 2]) {
      const { http, lane, yoga } = await ask({ query: MEMBERS, variables: { first } }, pos);
      expect(lane).toBe('hot');
      expect(http).toEqual(yoga);
      expect((http.body as { data: { members: { edges: unknown[] } } }).data.members.edges).toHaveLength(first);
    }
    // Hot for a key, and the same text anonymously: the resolvers' own refusal, as yoga words it.
    const anonymous = await ask({ query: MEMBERS, variables: { first: 1 } });
    expect(anonymous.lane).toBe('hot');
    expect(anonymous.http).toEqual(anonymous.yoga);
    expect(JSON.stringify(anonymous.http.body)).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
  });

  it('masks a hot query’s errors as yoga does: a bad cursor is the caller’s error, at its path', async () => {
    await heat({ query: MEMBERS, variables: { first: 1 } }, pos);
    const { http, lane, yoga } = await ask({ query: MEMBERS, variables: { first: 1, after: 'not-a-cursor' } }, pos);
    expect(lane).toBe('hot');
    expect(http).toEqual(yoga);
    expect(http.body).toEqual({ data: null, errors: [{ message: 'after/before is not a cursor this list gave out', path: ['members'], extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('leaves to yoga a hot query whose variables are refused or whose key does not resolve, having run nothing', async () => {
    await heat({ query: MEMBERS, variables: { first: 2 } }, pos);
    for (const [body, token, status] of [
      [{ query: MEMBERS, variables: { first: 'two' } }, pos, 200],
      [{ query: MEMBERS, variables: {} }, pos, 200],
      [{ query: MEMBERS, variables: { first: 2 } }, 'pk_revoked_or_never_was', 401],
    ] as const) {
      const { http, lane, yoga } = await ask(body, token);
      expect(lane, JSON.stringify(body)).toBe('yoga');
      expect(http).toEqual(yoga);
      expect(http.status === 401 || (http.body as { errors?: unknown[] }).errors?.length).toBeTruthy();
      expect(http.status).toBe(status === 401 ? 401 : yoga.status);
    }
  });

  it('tells apart the operations of one text by name, and a text without a name from one with', async () => {
    const text = 'query A { a: __typename } query B { b: __typename }';
    await heat({ query: text, operationName: 'A' });
    const b = await ask({ query: text, operationName: 'B' });
    expect(b.lane).toBe('json');
    expect(b.http.body).toEqual({ data: { b: 'Query' } });
    // The same text without a name, with an empty one or one it does not hold: yoga's error, hot or not.
    for (const body of [{ query: text }, { query: text, operationName: '' }, { query: text, operationName: 'C' }]) {
      const { http, lane, yoga } = await ask(body);
      expect(lane).toBe('yoga');
      expect(http).toEqual(yoga);
      expect((http.body as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0);
    }
    expect((await ask({ query: text, operationName: 'A' })).http.body).toEqual({ data: { a: 'Query' } });
    // And a text run hot without a name is not run for an empty one.
    await heat({ query: '{ __typename }' });
    const empty = await ask({ query: '{ __typename }', operationName: '' });
    expect(empty.lane).toBe('yoga');
    expect(empty.http).toEqual(empty.yoga);
  });

  it('makes a mutation hot as it makes a query, and each run leaves the audit entry the pipeline leaves', async () => {
    const entries = async () =>
      (await t.app.dataSource.manager.find(AuditEntry, { where: { action: 'createMember' }, order: { id: 'ASC' } })).map(({ action, target, outcome, role, apiKeyId, staffUserId, note }) => ({ action, target, outcome, role, apiKeyId, staffUserId, note }));
    const before = (await entries()).length;
    const seen = [];
    for (let i = 0; i < 4; i++) {
      const body = { query: CREATE_MEMBER, variables: { input: { externalId: `HOT-${i}`, name: 'Hot Member', email: `hot-${i}@example.com` } } };
      const ran = await lanes();
      const answer = await overHttp(body, pos);
      expect(answer.body).toMatchObject({ data: { createMember: { created: true } } });
      const after = await lanes();
      seen.push(after.hot > ran.hot ? 'hot' : after.json > ran.json ? 'json' : 'yoga');
    }
    // graphql-jit compiled this text when newMember ran it (beforeAll): the lane learns it from its first run over HTTP.
    expect(seen).toEqual(['json', 'hot', 'hot', 'hot']);
    expect((await entries()).slice(before)).toEqual(Array.from({ length: 4 }, () => ({ action: 'createMember', target: null, outcome: 'ok', role: 'apiKey', apiKeyId: expect.any(Number), staffUserId: null, note: null })));

    // Refused in its result (an email that is not one) and refused outright (a key without
    // the scope): answered hot as yoga answers, and audited as the pipeline audits.
    const { secret: reader } = await t.app.services.auth.createApiKey(t.app.dataSource.manager, { name: 'reader', scopes: ['members:read'] }, null);
    const refusals = [
      [{ query: CREATE_MEMBER, variables: { input: { externalId: 'HOT-X', email: 'not an email' } } }, pos],
      [{ query: CREATE_MEMBER, variables: { input: { externalId: 'HOT-Y' } } }, reader],
    ] as const;
    const outcomes = [];
    for (const [body, token] of refusals) {
      const { http, lane, yoga } = await ask(body, token);
      expect(lane).toBe('hot');
      expect(http).toEqual(yoga);
      const [hot, pipeline] = (await entries()).slice(-2);
      expect(hot).toEqual(pipeline);
      outcomes.push(hot.outcome);
    }
    expect(outcomes).toEqual(['ValidationError', 'FORBIDDEN']);
    expect((await entries()).length).toBe(before + 4 + 2 * refusals.length);
  });

  it('counts a hot operation in the operations histogram, as the pipeline does', async () => {
    const count = async () => (await t.app.metrics.graphqlOperations.get()).values.find((v) => v.metricName?.endsWith('_count') && v.labels.operation === 'Counted' && v.labels.result === 'ok')?.value ?? 0;
    await heat({ query: 'query Counted { __typename }' });
    const before = await count();
    expect(await overHttp({ query: 'query Counted { __typename }', variables: null })).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
    expect(await count()).toBe(before + 1);
  });

  it('accounts for every operation-level hook of the pipeline it skips', () => {
    // The hot path runs none of these hooks; each plugin that has one is weighed in
    // HotOperations (graphql-lane.ts). A plugin added with such a hook changes this count:
    // decide there what the hot path must do in its place, then update the count here.
    const plugins = (t.app.yoga as unknown as { plugins: Plugin[] }).plugins;
    const hooks = ['onParse', 'onValidate', 'onContextBuilding', 'onExecute', 'onExecutionResult', 'onEnveloped'] as const;
    const counts = Object.fromEntries(hooks.map((hook) => [hook, plugins.filter((plugin) => plugin && hook in plugin).length]));
    expect(counts).toEqual({ onParse: 4, onValidate: 4, onContextBuilding: 1, onExecute: 5, onExecutionResult: 0, onEnveloped: 0 });
  });
});

describe(`hot operations where the lane must not take them, on ${dialect}`, () => {
  const post = (url: string, token?: string) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query: '{ __typename }' }) });
  const hotCount = async (t: TestApp) => (await t.app.metrics.graphqlLane.get()).values.find((v) => v.labels.lane === 'hot')?.value ?? 0;

  it('has none without graphql-jit', async () => {
    const t = await createTestApp({ GRAPHQL_JIT: 'false' });
    try {
      const url = `${await t.app.listen()}/graphql`;
      for (let i = 0; i < 4; i++) expect(await (await post(url)).json()).toEqual({ data: { __typename: 'Query' } });
      expect(await hotCount(t)).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('still refuses a hand-written query in persisted-only mode to a caller without a key, once it is hot for a key', async () => {
    const t = await createTestApp({ GRAPHQL_PERSISTED_ONLY: 'true' });
    try {
      const url = `${await t.app.listen()}/graphql`;
      const { secret } = await t.app.services.auth.createApiKey(t.app.dataSource.manager, { name: 'k', scopes: ['members:read'] }, null);
      for (let i = 0; i < 3; i++) expect(await (await post(url, secret)).json()).toEqual({ data: { __typename: 'Query' } });
      expect(await hotCount(t)).toBe(1);
      const refused = await post(url);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('PERSISTED_QUERY_ONLY');
      expect(await hotCount(t)).toBe(1);
    } finally {
      await t.close();
    }
  });

  it('masks a hot query’s unexpected failure as yoga does: the database refusing a statement', async () => {
    const t = await createTestApp();
    try {
      const url = `${await t.app.listen()}/graphql`;
      const { secret } = await t.app.services.auth.createApiKey(t.app.dataSource.manager, { name: 'k', scopes: ['members:read'] }, null);
      const body = JSON.stringify({ query: 'query { members(first: 1) { edges { node { id } } } }' });
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${secret}` };
      for (let i = 0; i < 3; i++) expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(200);
      expect(await hotCount(t)).toBe(1);
      await t.app.dataSource.query('ALTER TABLE members RENAME TO members_away');
      try {
        const hot = await fetch(url, { method: 'POST', headers, body });
        const yoga = await t.app.yoga.fetch('http://patron.test/graphql', { method: 'POST', headers, body });
        expect(await hotCount(t)).toBe(2);
        const answer = { status: hot.status, body: await hot.json() };
        expect(answer).toEqual({ status: yoga.status, body: await yoga.json() });
        expect(answer.body).toMatchObject({ data: null, errors: [{ message: 'Unexpected error.', path: ['members'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      } finally {
        await t.app.dataSource.query('ALTER TABLE members_away RENAME TO members');
      }
    } finally {
      await t.close();
    }
  });
});
