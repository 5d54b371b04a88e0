import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useBodyLimit } from '../src/http/body-limit';
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
    const limit = t.app.config.GRAPHQL_MAX_BODY_BYTES;
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

});
