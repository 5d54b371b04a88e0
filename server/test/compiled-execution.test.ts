import { compileQuery } from 'graphql-jit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../src/app';
import { createTestApp, dialect, type TestApp } from './harness';

// The real compiler, watched: how many times it runs.
vi.mock('graphql-jit', async (importOriginal) => {
  const jit = await importOriginal<typeof import('graphql-jit')>();
  return { ...jit, compileQuery: vi.fn(jit.compileQuery) };
});

/**
 * GRAPHQL_JIT (http/compiled-execution.ts): every answer of the compiled executor is the
 * answer of graphql-js's own executor (yoga's), on the same database, for the same request:
 * nested lists, fragments, directives, variables, typed errors, refused fields, hostile
 * literals and aliases. And a document's operations are told apart by name.
 */
describe(`compiled execution on ${dialect}`, () => {
  let t: TestApp;
  let plain: App;
  let staff: string;

  beforeAll(async () => {
    t = await createTestApp({ SEED_DEMO: 'true' });
    // The same database and settings, the default executor.
    plain = await createApp({ ...t.app.config, GRAPHQL_JIT: false, MIGRATIONS_RUN: false, SEED_DEMO: false });
    staff = await t.signInStaff();
  }, 120_000);

  afterAll(async () => {
    await plain?.close();
    await t?.close();
  });

  async function ask(app: App, body: Record<string, unknown>, token: string | null) {
    const response = await app.yoga.fetch('http://patron.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.text() };
  }

  /**
   * Both executors' answers, which must be the same; the compiled one is returned. An
   * operation is compiled the second time it runs: the first answer is graphql-js's too.
   */
  async function both(body: Record<string, unknown>, token: string | null = staff) {
    const first = await ask(t.app, body, token);
    const compiled = await ask(t.app, body, token);
    const reference = await ask(plain, body, token);
    expect(compiled).toEqual(reference);
    expect(first).toEqual(reference);
    return { status: compiled.status, json: JSON.parse(compiled.body) };
  }

  it('answers a list of members with nested accounts, tiers, fragments and aliases as graphql-js does', async () => {
    const { json } = await both({
      query: `query Members($first: Int!, $withTier: Boolean!) {
        members(first: $first) {
          edges { cursor node { ...Who account { available pending lifetimePoints tier @include(if: $withTier) { name } } } }
          pageInfo { hasNextPage endCursor }
        }
        again: members(first: 2) { edges { node { id kind: __typename } } }
      }
      fragment Who on Member { id email name __typename }`,
      variables: { first: 60, withTier: true },
    });
    expect(json.errors).toBeUndefined();
    expect(json.data.members.edges).toHaveLength(60);
    expect(json.data.members.edges.some((e: { node: { account: { tier?: { name: string } } | null } }) => e.node.account?.tier?.name)).toBe(true);
    expect(json.data.again.edges[0].node.kind).toBe('Member');
  });

  it('answers typed errors, bad variables, refused fields and unknown ids as graphql-js does', async () => {
    // A union's error case (no such member: nothing is written).
    const notFound = await both({
      query: `mutation($input: RedeemPointsInput!) { redeemPoints(input: $input) { __typename ... on Error { code message } } }`,
      variables: { input: { externalId: 'JIT-1', memberId: 'TWVtYmVyOjk5OTk5OTk=', points: 10 } },
    });
    expect(notFound.json.data.redeemPoints.__typename).toBe('NotFoundError');
    // A variable of the wrong type.
    const badVariable = await both({ query: `query($first: Int!) { members(first: $first) { edges { node { id } } } }`, variables: { first: 'ten' } });
    expect(badVariable.json.errors[0].message).toMatch(/Int/);
    // A field an anonymous caller may not read.
    const refused = await both({ query: `{ members(first: 1) { edges { node { id } } } }` }, null);
    expect(refused.json.errors[0].extensions.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    // Over the limits (breadth here), which Pothos checks in the root resolvers from their info.
    const tooComplex = await both({ query: `{ ${Array.from({ length: 300 }, (_, i) => `m${i}: members(first: 1) { edges { node { id } } }`).join(' ')} }` });
    expect(tooComplex.json.errors[0].message).toMatch(/exceeds the limit/);
    // An id that is no member's.
    const missing = await both({ query: `query($id: ID!) { member(id: $id) { id } }`, variables: { id: 'TWVtYmVyOjk5OTk5OTk=' } });
    expect(missing.json.data.member).toBeNull();
  });

  it('keeps hostile literals and aliases as data: nothing is run, no prototype is touched', async () => {
    const hostile = `"); globalThis.__jitPwned = 1; ("\` \${globalThis.__jitPwned = 2} \\u2028 \\\\ '`;
    const { json } = await both({
      query: `{ __proto__: __typename constructor: __typename toString: __typename
        members(first: 3, search: ${JSON.stringify(hostile)}) { edges { node { id } } } }`,
    });
    expect((globalThis as { __jitPwned?: number }).__jitPwned).toBeUndefined();
    expect(Object.keys(json.data)).toEqual(['__proto__', 'constructor', 'toString', 'members']);
    expect(json.data.constructor).toBe('Query');
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('runs the operation a request names, whichever of a document’s operations ran before', async () => {
    const query = `query First { first: __typename } query Second { second: __typename }`;
    const first = await both({ query, operationName: 'First' });
    const second = await both({ query, operationName: 'Second' });
    const firstAgain = await both({ query, operationName: 'First' });
    expect(first.json.data).toEqual({ first: 'Query' });
    expect(second.json.data).toEqual({ second: 'Query' });
    expect(firstAgain.json.data).toEqual({ first: 'Query' });
  });

  it('compiles an operation the second time it runs, and only then: a flood of new documents costs no compiling', async () => {
    const compile = vi.mocked(compileQuery);
    compile.mockClear();
    const query = `{ flood: __typename }`;
    for (let i = 0; i < 20; i++) await ask(t.app, { query: `{ flood${i}: __typename }` }, staff);
    expect(compile).not.toHaveBeenCalled();
    await ask(t.app, { query }, staff);
    expect(compile).not.toHaveBeenCalled();
    await ask(t.app, { query }, staff);
    await ask(t.app, { query }, staff);
    expect(compile).toHaveBeenCalledTimes(1);
  });
});
