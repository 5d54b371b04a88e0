import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialect, type TestApp } from './harness';

/** The real HTTP server on a random port: endpoints, static web app, GraphQL over HTTP conformance. */
describe(`HTTP server on ${dialect}`, () => {
  let t: TestApp;
  let url: string;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'patron-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Patron</title><div id="app"></div>');
    writeFileSync(join(webDir, 'assets', 'app-123.js'), 'console.log(1)');
    t = await createTestApp({ WEB_DIST: webDir });
    url = await t.app.listen();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('/healthz says the process is up', async () => {
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz says the database is reachable and migrated', async () => {
    const res = await fetch(`${url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ready', database: true, migrations: true });
  });

  it('/metrics counts SQL statements, HTTP requests and GraphQL operations', async () => {
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Probe { viewer { __typename } }' }),
    });
    const text = await (await fetch(`${url}/metrics`)).text();
    const queries = Number(/^patron_db_queries_total (\d+)/m.exec(text)?.[1]);
    expect(queries).toBeGreaterThan(0);
    expect(text).toMatch(/patron_http_request_duration_seconds_count\{route="graphql",method="POST",status="200"\} \d+/);
    expect(text).toMatch(/patron_graphql_operation_duration_seconds_count\{operation="Probe",type="query",result="ok"\} 1/);
  });

  it('refuses a GraphQL body over GRAPHQL_MAX_BODY_BYTES, or of no stated length, before reading it', async () => {
    const huge = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(2_100_000) } });
    const tooBig = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
    expect(tooBig.status).toBe(413);
    expect((await tooBig.json()).errors[0].extensions.code).toBe('REQUEST_TOO_LARGE');
    const chunks = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"query":"{ __typename }"}'));
        controller.close();
      },
    });
    const unsized = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chunks, duplex: 'half' } as RequestInit);
    expect(unsized.status).toBe(411);
    const fine = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(fine.status).toBe(200);
  });

  it('refuses batched operations: one request is one operation, so the cost and rate limits count each', async () => {
    const batch = Array.from({ length: 50 }, () => ({ query: '{ __typename }' }));
    const refused = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).not.toContain('"__typename":"Query"');
  });

  it('gives every response a request id, and keeps one the caller sent', async () => {
    const res = await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect((await fetch(`${url}/healthz`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the web app: files, the SPA fallback for /admin routes, and no escape from its folder', async () => {
    const index = await fetch(`${url}/admin/members`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('<div id="app">');
    const asset = await fetch(`${url}/assets/app-123.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${url}/assets/missing.js`)).status).toBe(404);
    const escape = await fetch(`${url}/..%2f..%2f..%2fetc%2fpasswd`);
    expect(await escape.text()).not.toContain('root:');
  });

  it('passes every MUST audit of the GraphQL over HTTP spec (graphql-http serverAudits)', async () => {
    const audits = serverAudits({ url: `${url}/graphql` });
    const must = audits.filter((audit) => audit.name.startsWith('MUST'));
    expect(must.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const audit of must) {
      const result = await audit.fn();
      if (result.status !== 'ok') failures.push(`${audit.name}: ${result.reason}`);
    }
    expect(failures).toEqual([]);
  });
});
