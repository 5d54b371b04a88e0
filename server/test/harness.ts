import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { createApp, type App } from '../src/app';
import { loadConfig, parseDatabaseUrl } from '../src/config';
import { mysqlConnection } from '../src/db/data-source';
import { withQueryStats } from '../src/db/query-stats';

/** The dialect this run tests: MySQL/MariaDB when DATABASE_URL says so, else SQLite. */
export const dialect = process.env.DATABASE_URL?.startsWith('mysql') ? 'mysql' : 'sqlite';

export const ADMIN = { email: 'admin@test.local', password: 'admin-password-1' };

export interface FreshDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A database of its own for one test file: a new SQLite file, or a new MySQL database. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const base = process.env.DATABASE_URL;
  const mysql = base ? parseDatabaseUrl(base) : null;
  if (mysql?.dialect === 'mysql') {
    const name = `patron_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = await createConnection(mysqlConnection(mysql));
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const url = new URL(base!.replace(/^mariadb:/, 'mysql:'));
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async drop() {
        const conn = await createConnection(mysqlConnection(mysql));
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await conn.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'patron-test-'));
  return {
    url: `sqlite:${join(dir, 'patron.sqlite')}`,
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface GraphQLResponse<T = any> {
  status: number;
  body: { data?: T; errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[] };
  headers: Headers;
  /** SQL statements the request made. */
  statements: number;
}

export interface TestApp {
  app: App;
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: { token?: string; headers?: Record<string, string> }): Promise<GraphQLResponse<T>>;
  /** Signs in and returns the bearer token. */
  signInStaff(email?: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** A migrated, bootstrapped app on a fresh database, called in-process through yoga.fetch. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL,
    REDIS_PREFIX: `patron-test:${randomBytes(4).toString('hex')}:`,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    WEB_DIST: '',
    JOBS_INTERVAL_SECONDS: '0',
    JOBS_POLL_MS: '0',
    PORT: '0',
    HOST: '127.0.0.1',
    ...env,
  });
  const app = await createApp(config);

  async function gql(query: string, variables?: Record<string, unknown>, options: { token?: string; headers?: Record<string, string> } = {}) {
    const stats = { statements: 0 };
    const response = await withQueryStats(stats, () =>
      app.yoga.fetch('http://patron.test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify({ query, variables }),
      }),
    );
    return { status: response.status, body: await response.json(), headers: response.headers, statements: stats.statements };
  }

  return {
    app,
    gql,
    async signInStaff(email = ADMIN.email, password = ADMIN.password) {
      const res = await gql(
        `mutation($input: SignInInput!) { login(input: $input) { __typename ... on StaffSession { token } ... on Error { code message } } }`,
        { input: { email, password } },
      );
      if (res.body.data?.login?.__typename !== 'StaffSession') throw new Error(`sign-in failed: ${JSON.stringify(res.body)}`);
      return res.body.data.login.token as string;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
