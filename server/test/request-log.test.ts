import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logger';
import { ADMIN, freshDatabase, type FreshDatabase } from './harness';

/**
 * Each GraphQL request leaves one log line; with LOG_STATEMENTS it also says how many SQL
 * statements the request made (an AsyncLocalStorage follows the request, at a price on every
 * promise), without it the line has no such field and nothing follows the request.
 */
describe('the request log line', () => {
  const opened: { app: App; database: FreshDatabase }[] = [];
  afterAll(async () => {
    for (const { app, database } of opened) {
      await app.close();
      await database.drop();
    }
  });

  async function requestLines(logStatements: 'true' | 'false'): Promise<Record<string, unknown>[]> {
    const database = await freshDatabase();
    let output = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        output += String(chunk);
        done();
      },
    });
    const app = await createApp(
      loadConfig({ NODE_ENV: 'test', DATABASE_URL: database.url, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SEED_DEMO: 'false', LOG_LEVEL: 'info', LOG_STATEMENTS: logStatements, WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', JOBS_POLL_MS: '0', PORT: '0', HOST: '127.0.0.1' }),
      { logger: createLogger('info', sink) },
    );
    opened.push({ app, database });
    const url = await app.listen();
    // A wrong password: the staff user is read, the attempt written.
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `mutation($input: SignInInput!) { login(input: $input) { __typename } }`, variables: { input: { email: ADMIN.email, password: 'not-the-password' } } }),
    });
    expect(res.status).toBe(200);
    return output
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'request' && line.path === '/graphql');
  }

  it('counts the statements of each request when asked to', async () => {
    const [line] = await requestLines('true');
    expect(line).toMatchObject({ status: 200, path: '/graphql' });
    expect(line.statements).toBeGreaterThan(0);
  });

  it('leaves them out by default', async () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).LOG_STATEMENTS).toBe(false);
    const [line] = await requestLines('false');
    expect(line).toMatchObject({ status: 200, path: '/graphql' });
    expect(line).not.toHaveProperty('statements');
  });
});
