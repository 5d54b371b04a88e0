import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { CREATE_MEMBER, loyaltySetup } from './loyalty-harness';

/**
 * The JSON lane (http/graphql-lane.ts) answers plain API requests on node:http without
 * yoga's fetch adapter. Over HTTP, each answer here is held to yoga's own for the same
 * request (app.yoga.fetch, which never takes the lane): status, content type and body. The
 * requests the lane must leave to yoga are checked to reach it.
 */
describe(`the JSON lane into GraphQL on ${dialect}`, () => {
  let t: TestApp;
  let url: string;
  let pos: string;

  beforeAll(async () => {
    t = await createTestApp();
    url = `${await t.app.listen()}/graphql`;
    ({ pos } = await loyaltySetup(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  const JSON_TYPE = { 'content-type': 'application/json' };
  type Answer = { status: number; type: string | null; body: unknown; headers: Headers };
  const read = async (res: Response): Promise<Answer> => ({ status: res.status, type: res.headers.get('content-type'), body: JSON.parse(await res.text()), headers: res.headers });
  /** The same request over HTTP and to yoga in-process, and whether the HTTP one reached yoga. */
  const toYoga = async (app: TestApp['app']) => (await app.metrics.graphqlLane.get()).values.find((v) => v.labels.lane === 'yoga')?.value ?? 0;
  async function both(app: TestApp['app'], base: string, body: string, headers: Record<string, string> = JSON_TYPE) {
    const before = await toYoga(app);
    // Copies: the fetch API may add to a headers object it is given (its content-length).
    const http = await read(await fetch(base, { method: 'POST', headers: { ...headers }, body }));
    const reachedYoga = (await toYoga(app)) > before;
    const yoga = await read(await app.yoga.fetch('http://patron.test/graphql', { method: 'POST', headers: { ...headers }, body }));
    return { http, yoga, reachedYoga };
  }
  const same = (a: Answer, b: Answer) => expect({ status: a.status, type: a.type, body: a.body }).toEqual({ status: b.status, type: b.type, body: b.body });

  it('answers a plain query itself, as yoga would', async () => {
    for (const body of [
      { query: '{ __typename }' },
      { query: 'query Named { __typename }', operationName: 'Named', variables: null },
      { query: 'query A { a: __typename } query B { b: __typename }', operationName: 'B' },
    ]) {
      const { http, yoga, reachedYoga } = await both(t.app, url, JSON.stringify(body));
      expect(reachedYoga).toBe(false);
      same(http, yoga);
      expect(http.status).toBe(200);
    }
  });

  it('counts each request by lane in /metrics, as read at the scrape', async () => {
    const scrape = async () => {
      const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
      const count = (lane: string) => Number(new RegExp(`^patron_graphql_requests_total\\{lane="${lane}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
      return { json: count('json'), hot: count('hot'), yoga: count('yoga') };
    };
    const before = await scrape();
    // A text never sent before: the pipeline twice (the second run compiles it), then hot.
    const body = JSON.stringify({ query: 'query CountedByLane { counted: __typename }' });
    for (let i = 0; i < 4; i++) await fetch(url, { method: 'POST', headers: JSON_TYPE, body });
    await fetch(url, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify([{ query: '{ __typename }' }]) });
    const after = await scrape();
    expect({ json: after.json - before.json, hot: after.hot - before.hot, yoga: after.yoga - before.yoga }).toEqual({ json: 2, hot: 2, yoga: 1 });
    // Read twice with nothing between: counted once.
    expect(await scrape()).toEqual(after);
  });

  it('answers an executed operation’s errors with yoga’s status and body', async () => {
    // A variable of the wrong type: refused at execution, before any resolver.
    const { http, yoga, reachedYoga } = await both(t.app, url, JSON.stringify({ query: 'query($b: Boolean!) { __typename @include(if: $b) }', variables: { b: 'many' } }));
    expect(reachedYoga).toBe(false);
    same(http, yoga);
    expect((http.body as { errors: unknown[] }).errors).toHaveLength(1);
  });

  it('runs an API key’s mutation with its audit entry', async () => {
    const body = JSON.stringify({ query: CREATE_MEMBER, variables: { input: { externalId: 'LANE-1', name: 'Lane Member', email: 'lane-1@example.com' } } });
    const before = await toYoga(t.app);
    const res = await read(await fetch(url, { method: 'POST', headers: { ...JSON_TYPE, authorization: `Bearer ${pos}` }, body }));
    expect(await toYoga(t.app)).toBe(before);
    expect(res.body).toMatchObject({ data: { createMember: { __typename: 'MemberCreated', created: true, member: { externalId: 'LANE-1' } } } });
    const entries = await t.app.dataSource.manager.find(AuditEntry, { where: { action: 'createMember', role: 'apiKey' } });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.at(-1)?.outcome).toBe('ok');
  });

  it('sets the session cookie of a sign-in', async () => {
    const body = JSON.stringify({ query: 'mutation($input: SignInInput!) { login(input: $input) { __typename ... on StaffSession { token } } }', variables: { input: { email: 'admin@test.local', password: 'admin-password-1' } } });
    const res = await fetch(url, { method: 'POST', headers: JSON_TYPE, body });
    const answer = (await res.json()) as { data: { login: { __typename: string; token?: string } } };
    expect(answer.data.login.__typename).toBe('StaffSession');
    expect(res.headers.get('set-cookie')).toContain(`patron_session=${answer.data.login.token}`);
  });

  it('leaves to yoga what fails before executing: a syntax error, an unknown field, a key that does not resolve', async () => {
    for (const [body, headers] of [
      [JSON.stringify({ query: '{ __typename ' }), JSON_TYPE],
      [JSON.stringify({ query: '{ noSuchField }' }), JSON_TYPE],
      [JSON.stringify({ query: '{ __typename }' }), { ...JSON_TYPE, authorization: 'Bearer pk_revoked_or_never_was' }],
      [JSON.stringify({ query: 'query A { __typename } query B { __typename }' }), JSON_TYPE],
    ] as const) {
      const { http, yoga, reachedYoga } = await both(t.app, url, body, headers);
      expect(reachedYoga).toBe(true);
      same(http, yoga);
      expect(http.status === 200 ? (http.body as { errors?: unknown[] }).errors?.length : 1).toBeGreaterThan(0);
    }
    const unauthorized = await both(t.app, url, JSON.stringify({ query: '{ __typename }' }), { ...JSON_TYPE, authorization: 'Bearer pk_nope' });
    expect(unauthorized.http.status).toBe(401);
    expect(unauthorized.http.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('leaves to yoga what is not a plain JSON query: a batch, extensions, other parameters, a subscription, a browser, another Accept', async () => {
    for (const [body, headers] of [
      [JSON.stringify([{ query: '{ __typename }' }]), JSON_TYPE],
      [JSON.stringify({ query: '{ __typename }', extensions: {} }), JSON_TYPE],
      [JSON.stringify({ query: '{ __typename }', other: 1 }), JSON_TYPE],
      [JSON.stringify({ query: '{ __typename }', variables: '{}' }), JSON_TYPE],
      [JSON.stringify({ query: 42 }), JSON_TYPE],
      ['not json', JSON_TYPE],
      [JSON.stringify({ query: 'subscription { communityPostAdded(topicId: "1") { id } }' }), JSON_TYPE],
      [JSON.stringify({ query: '{ __typename }' }), { ...JSON_TYPE, origin: 'http://shop.example' }],
      [JSON.stringify({ query: '{ __typename }' }), { ...JSON_TYPE, accept: 'application/graphql-response+json' }],
      [JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'text/plain' }],
    ] as const) {
      const { http, yoga, reachedYoga } = await both(t.app, url, body, headers);
      expect(reachedYoga, body).toBe(true);
      same(http, yoga);
    }
  });

  it('answers every GraphQL request with its request id, whichever lane took it', async () => {
    const bodies = [
      ...Array.from({ length: 3 }, () => JSON.stringify({ query: 'query RequestId { __typename }' })),
      JSON.stringify({ query: 'query($b: Boolean!) { __typename @include(if: $b) }', variables: { b: 'many' } }),
      JSON.stringify({ query: '{ noSuchField }' }),
      JSON.stringify([{ query: '{ __typename }' }]),
      'x'.repeat(t.app.config.GRAPHQL_MAX_BODY_BYTES + 1),
    ];
    for (const [i, body] of bodies.entries()) {
      const res = await fetch(url, { method: 'POST', headers: { ...JSON_TYPE, 'x-request-id': `lane-${i}` }, body });
      expect(res.headers.get('x-request-id'), body.slice(0, 80)).toBe(`lane-${i}`);
      const unnamed = await fetch(url, { method: 'POST', headers: JSON_TYPE, body });
      expect(unnamed.headers.get('x-request-id'), body.slice(0, 80)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('refuses introspection over HTTP where it is off, and hand-written queries in persisted-only mode', async () => {
    const closed = await createTestApp({ INTROSPECTION: 'false', GRAPHQL_PERSISTED_ONLY: 'true' });
    try {
      const base = `${await closed.app.listen()}/graphql`;
      // An API key may write its own queries in persisted-only mode, never introspect where it is off.
      const { secret } = await closed.app.services.auth.createApiKey(closed.app.dataSource.manager, { name: 'k', scopes: ['members:read'] }, null);
      const introspect = await fetch(base, { method: 'POST', headers: { ...JSON_TYPE, authorization: `Bearer ${secret}` }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) });
      const refused = (await introspect.json()) as { data?: unknown; errors?: { message: string }[] };
      expect(refused.data).toBeUndefined();
      expect(refused.errors?.[0].message).toMatch(/introspection/i);
      const plain = await fetch(base, { method: 'POST', headers: { ...JSON_TYPE, authorization: `Bearer ${secret}` }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(await plain.json()).toEqual({ data: { __typename: 'Query' } });
      // Anonymous and hand-written: refused, as yoga refuses it.
      const { http, yoga } = await both(closed.app, base, JSON.stringify({ query: '{ __typename }' }));
      same(http, yoga);
      expect(http.status).toBe(400);
      expect(JSON.stringify(http.body)).toContain('PERSISTED_QUERY_ONLY');
    } finally {
      await closed.close();
    }
  });
});
