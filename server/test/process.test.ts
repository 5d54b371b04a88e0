import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialect, freshDatabase, type FreshDatabase } from './harness';

/** The server as a process: it starts, answers, keeps personal data out of its logs, and stops cleanly on SIGTERM. */
describe(`server process on ${dialect}`, () => {
  let database: FreshDatabase;
  let child: ChildProcess;
  let output = '';
  let url: string;

  beforeAll(async () => {
    database = await freshDatabase();
    child = spawn(`${__dirname}/../../node_modules/.bin/tsx`, [`${__dirname}/../src/main.ts`], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: database.url,
        PORT: '0',
        HOST: '127.0.0.1',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'debug',
        ADMIN_PASSWORD: 'process-test-admin',
        WEB_DIST: '',
      },
    });
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    for (let i = 0; i < 600 && !/running at (http:\/\/\S+)/.test(output); i++) await new Promise((r) => setTimeout(r, 100));
    url = /running at (http:\/\/\S+)/.exec(output)![1];
  });
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await database.drop();
  });

  it('serves once started', async () => {
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });

  it('never writes a member email or password to its logs, even at debug level', async () => {
    const email = 'pii-probe-7731@example.com';
    const password = 'pii-probe-password-7731';
    for (const mutation of ['memberSignUp', 'memberSignIn']) {
      const input = mutation === 'memberSignUp' ? `{ email: "${email}", password: "${password}", name: "Probe" }` : `{ email: "${email}", password: "wrong-${password}" }`;
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `mutation { ${mutation}(input: ${input}) { __typename } }` }),
      });
      expect(res.status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(output).toContain('"msg":"request"');
    expect(output).not.toContain(email);
    expect(output).not.toContain(password);
  });

  it('stops with exit code 0 on SIGTERM', async () => {
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(output).toContain('shutting down');
  });
});
