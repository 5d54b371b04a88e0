import { NoSchemaIntrospectionCustomRule, specifiedRules, type ValidationRule } from 'graphql';
import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { carriesCredentials } from '../src/http/authenticate';
import { IN_PROCESS_BODY_LIMIT, useBodyLimit } from '../src/http/body-limit';
import { useOperationCache } from '../src/http/operation-cache';
import { createTestApp, dialect, type TestApp } from './harness';

/**
 * The work every GraphQL request does before its resolvers (bench/graphql.ts measures it):
 * what is skipped must stay skipped, and what is checked must stay checked.
 */
describe(`the GraphQL request path on ${dialect}`, () => {
  let t: TestApp;
  let url: string;

  beforeAll(async () => {
    t = await createTestApp();
    url = await t.app.listen();
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t?.close();
  });

  it('does not pipe a body of known length through a counting stream when it comes through the HTTP server', async () => {
    const pipeThrough = vi.spyOn(t.app.yoga.fetchAPI.ReadableStream.prototype, 'pipeThrough');
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    expect(pipeThrough).not.toHaveBeenCalled();
    pipeThrough.mockRestore();
  });

  it('still limits a body that did not come through the HTTP server: by its Content-Length, or counted as it is read', async () => {
    const limit = IN_PROCESS_BODY_LIMIT;
    const post = (body: BodyInit, headers: Record<string, string> = {}) =>
      t.app.yoga.fetch('http://patron.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' } as RequestInit);
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(limit) } });
    const declared = await post(big, { 'content-length': String(big.length) });
    expect(declared.status).toBe(413);
    expect((await declared.json()).errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    const streamed = await post(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      }),
    );
    expect(streamed.status).toBe(413);
    const invalid = await post('{"query":"{ __typename }"}', { 'content-length': '1, 2' });
    expect(invalid.status).toBe(400);
    const fine = await post('{"query":"{ __typename }"}');
    expect(await fine.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('leaves the body to the server only when the server says it checked the length', () => {
    const plugin = useBodyLimit(100);
    const payload = (bodyLengthChecked: boolean) => {
      const setRequestParser = vi.fn();
      const request = new Request('http://patron.test/graphql', { method: 'POST', body: '{}' });
      plugin.onRequestParse!({ request, serverContext: { bodyLengthChecked }, requestParser: async () => ({}), setRequestParser, fetchAPI: globalThis } as never);
      return setRequestParser;
    };
    expect(payload(true)).not.toHaveBeenCalled();
    expect(payload(false)).toHaveBeenCalledOnce();
  });

  it('refuses introspection when it is off, after the same document was answered where it is on', async () => {
    const introspect = '{ __schema { queryType { name } } }';
    expect((await t.gql(introspect)).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const closed = await createTestApp({ INTROSPECTION: 'false' });
    try {
      const res = await closed.gql(introspect);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.[0].message).toMatch(/introspection/i);
      expect((await closed.gql('{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await closed.close();
    }
  });

  it('answers a request without credentials without any SQL, and one with a stale cookie as anonymous', async () => {
    const anonymous = await t.gql('{ viewer { __typename } }');
    expect(anonymous.body).toEqual({ data: { viewer: null } });
    expect(anonymous.statements).toBe(0);
    const stale = await t.gql('{ viewer { __typename } }', undefined, { headers: { cookie: 'patron_session=stale' } });
    expect(stale.body).toEqual({ data: { viewer: null } });
    expect(stale.statements).toBeGreaterThan(0);
    const badKey = await t.gql('{ __typename }', undefined, { token: 'nope' });
    expect(badKey.status).toBe(401);
  });

  it('looks a caller up only for an Authorization header or a non-empty session cookie', () => {
    expect(carriesCredentials({ authorization: null, cookie: null })).toBe(false);
    expect(carriesCredentials({ authorization: null, cookie: 'theme=dark; lang=en' })).toBe(false);
    expect(carriesCredentials({ authorization: null, cookie: 'patron_session=' })).toBe(false);
    expect(carriesCredentials({ authorization: null, cookie: 'theme=dark; patron_session=abc' })).toBe(true);
    expect(carriesCredentials({ authorization: 'Bearer x', cookie: null })).toBe(true);
    expect(carriesCredentials({ authorization: 'garbage', cookie: null })).toBe(true);
  });

  it('refuses a hand-written query from an anonymous caller in persisted-only mode', async () => {
    const strict = await createTestApp({ GRAPHQL_PERSISTED_ONLY: 'true' });
    try {
      const res = await strict.gql('{ __typename }');
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_ONLY');
      expect(JSON.stringify(res.body)).not.toContain('"Query"');
    } finally {
      await strict.close();
    }
  });
});

describe('the parse and validation cache', () => {
  const schema = createSchema({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } } });
  /** Counts the documents actually parsed and validated; introspection is refused for requests that say so. */
  function yogaWith() {
    const counts = { parse: 0, validate: 0 };
    const counting: Plugin = {
      onParse: ({ parseFn, setParseFn }) => setParseFn((...args) => (counts.parse++, parseFn(...args))),
      onValidate: ({ validateFn, setValidationFn }) => setValidationFn((...args) => (counts.validate++, validateFn(...args))),
    };
    const introspectionOff: Plugin = {
      onValidate: ({ addValidationRule, context }) => {
        if ((context as { request: Request }).request.headers.get('x-no-introspection')) addValidationRule(NoSchemaIntrospectionCustomRule);
      },
    };
    const yoga = createYoga({ schema, parserAndValidationCache: false, plugins: [counting, introspectionOff, useOperationCache()] });
    const run = async (query: string, headers: Record<string, string> = {}) => {
      const res = await yoga.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
      return (await res.json()) as { data?: unknown; errors?: { message: string }[] };
    };
    return { counts, run };
  }

  it('parses and validates a document once', async () => {
    const { counts, run } = yogaWith();
    for (let i = 0; i < 3; i++) expect(await run('{ hello }')).toEqual({ data: { hello: 'world' } });
    expect(counts).toEqual({ parse: 1, validate: 1 });
    for (let i = 0; i < 2; i++) expect((await run('{ hello')).errors?.[0].message).toMatch(/Syntax Error/);
    expect(counts.parse).toBe(2);
  });

  it('keeps a validation result apart for each set of rules', async () => {
    const { counts, run } = yogaWith();
    const introspect = '{ __schema { queryType { name } } }';
    expect(await run(introspect)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect((await run(introspect, { 'x-no-introspection': '1' })).errors?.[0].message).toMatch(/introspection/i);
    expect(await run(introspect)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect((await run(introspect, { 'x-no-introspection': '1' })).errors?.[0].message).toMatch(/introspection/i);
    expect(counts).toEqual({ parse: 1, validate: 2 });
  });

  it('does not read the names of the validation rules on every request', async () => {
    let reads = 0;
    const named = (rule: ValidationRule): ValidationRule => {
      const copy: ValidationRule = (context) => rule(context);
      Object.defineProperty(copy, 'name', { get: () => (reads++, rule.name) });
      return copy;
    };
    const rules = specifiedRules.map(named);
    const plugin = useOperationCache();
    const validate = (document: object) => {
      const setResult = vi.fn();
      const after = plugin.onValidate!({ params: { schema, documentAST: document, rules: [...rules] }, setResult } as never);
      if (typeof after === 'function') after({ result: [] } as never);
      return setResult;
    };
    const document = {};
    validate(document);
    for (let i = 0; i < 5; i++) expect(validate(document)).toHaveBeenCalledWith([]);
    expect(reads).toBe(0);
  });
});
