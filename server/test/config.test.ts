import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDatabaseUrl } from '../src/config';

function failure(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('defaults to embedded mode: SQLite under ./data, port 4000, migrations on', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toMatchObject({ dialect: 'sqlite', path: './data/patron.sqlite' });
    expect(config.PORT).toBe(4000);
    expect(config.MIGRATIONS_RUN).toBe(true);
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.SEED_DEMO).toBeUndefined();
  });

  it('reads MySQL and MariaDB URLs, with escaped passwords', () => {
    expect(parseDatabaseUrl('mysql://patron:p%40ss@db:3307/loyalty')).toMatchObject({
      dialect: 'mysql',
      host: 'db',
      port: 3307,
      user: 'patron',
      password: 'p@ss',
      database: 'loyalty',
    });
    expect(parseDatabaseUrl('mariadb://root@127.0.0.1/patron')).toMatchObject({ dialect: 'mysql', port: 3306 });
  });

  it('reads the Unix socket of a database on the same host, and refuses a relative one or a parameter it does not know', () => {
    expect(parseDatabaseUrl('mysql://patron:secret@localhost/loyalty?socket=/run/mysqld/mysqld.sock')).toMatchObject({ dialect: 'mysql', host: 'localhost', database: 'loyalty', socketPath: '/run/mysqld/mysqld.sock' });
    expect(parseDatabaseUrl('mysql://patron@db/loyalty')).not.toHaveProperty('socketPath');
    expect(parseDatabaseUrl('mysql://patron@localhost/loyalty?socket=run/mysqld.sock')).toBeNull();
    expect(parseDatabaseUrl('mysql://patron@localhost/loyalty?sockett=/run/mysqld/mysqld.sock')).toBeNull();
    expect(parseDatabaseUrl('mysql://patron@localhost/loyalty?ssl=true')).toBeNull();
    const error = failure({ DATABASE_URL: 'mysql://patron@localhost/loyalty?socket=relative.sock' });
    expect(error.setting).toBe('DATABASE_URL');
    expect(error.message).toMatch(/\?socket=/);
    // The refused URL is shown, its password not.
    const withPassword = failure({ DATABASE_URL: 'mysql://patron:hunter2@localhost/loyalty?socket=relative.sock' });
    expect(withPassword.message).toContain('(got "mysql://patron:***@localhost/loyalty?socket=relative.sock")');
    expect(withPassword.message).not.toContain('hunter2');
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'postgres://x/y' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://host-without-database' }],
    ['PORT', { PORT: 'eighty' }],
    ['PORT', { PORT: '70000' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['MIGRATIONS_RUN', { MIGRATIONS_RUN: 'sometimes' }],
    ['REDIS_URL', { REDIS_URL: 'localhost:6379' }],
    ['ADMIN_PASSWORD', { ADMIN_PASSWORD: 'short' }],
    ['SESSION_SECRET', { NODE_ENV: 'production' }],
  ])('names %s when it is wrong', (setting, env) => {
    const error = failure(env);
    expect(error.setting).toBe(setting);
    expect(error.message).toMatch(new RegExp(`^Invalid setting ${setting}: `));
    expect(error.message).not.toContain('\n');
  });

  it('never echoes a secret in its message', () => {
    expect(failure({ ADMIN_PASSWORD: 'short' }).message).not.toContain('short"');
  });

  it('stops the process with a one-line message and exit code 2', () => {
    const tsx = join(__dirname, '../../node_modules/.bin/tsx');
    const result = spawnSync(tsx, [join(__dirname, '../src/main.ts'), 'serve'], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'oracle://nope' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^Invalid setting DATABASE_URL: expected sqlite:<path> or mysql:\/\/.+\(got "oracle:\/\/nope"\)$/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
