import { z } from 'zod';

/**
 * Every setting Patron reads, from the environment. Defaults give "embedded mode":
 * SQLite under ./data, no Redis, one process. A bad value stops the process with a
 * one-line message that names the variable (see `loadConfig`).
 */

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const databaseUrl = z
  .string()
  .default('sqlite:./data/patron.sqlite')
  .transform((value, ctx) => {
    const parsed = parseDatabaseUrl(value);
    if (!parsed) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected sqlite:<path> or mysql://user:pass@host:port/database (on the same host, ?socket=/path/of/mysqld.sock)',
      });
      return z.NEVER;
    }
    return parsed;
  });

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().min(1).default('0.0.0.0'),
    /** The address users reach Patron at; used in links and printed at start. */
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: databaseUrl,
    /** Read replicas for analytics, comma separated mysql:// URLs (with a mysql:// DATABASE_URL). */
    DATABASE_REPLICA_URLS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const urls = (value ?? '').split(',').map((u) => u.trim()).filter(Boolean);
        const parsed = urls.map(parseDatabaseUrl);
        if (parsed.some((p) => p?.dialect !== 'mysql')) {
          ctx.addIssue({ code: 'custom', message: 'expected comma-separated mysql://user:pass@host:port/database URLs' });
          return z.NEVER;
        }
        return parsed as Extract<DatabaseOptions, { dialect: 'mysql' }>[];
      }),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/.+/, 'expected redis://host:port')
      .optional(),
    /** Prefix for every Redis key, so that several deployments can share one Redis. */
    REDIS_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/, 'letters, digits and :._- only').default('patron:'),
    MIGRATIONS_RUN: booleanFlag.default(true),
    /** Seed the demo brand: unset = only when the database is empty. */
    SEED_DEMO: booleanFlag.optional(),
    ADMIN_EMAIL: z.email().default('admin@patron.local'),
    ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Session lifetimes in hours. */
    STAFF_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    MEMBER_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(24 * 30),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * Count each GraphQL request's SQL statements in its log line. Off by default: telling
     * one request's statements from another's takes an AsyncLocalStorage, which puts Node's
     * hooks on every promise of the process (a twentieth of the write path's time).
     */
    LOG_STATEMENTS: booleanFlag.default(false),
    GRAPHIQL: booleanFlag.optional(),
    INTROSPECTION: booleanFlag.optional(),
    /**
     * Browsers (anonymous visitors, members, staff) may run only the web app's operations,
     * sent by hash (schema/persisted-operations.json); API keys still send any query.
     */
    GRAPHQL_PERSISTED_ONLY: booleanFlag.default(false),
    /** Queries and mutations run compiled by graphql-jit (http/compiled-execution.ts); false: graphql-js's executor, as yoga ships. */
    GRAPHQL_JIT: booleanFlag.default(true),
    /** Purchases that arrive together are written together, in one transaction (db/write-groups.ts); false: each in its own. */
    WRITE_GROUPS: booleanFlag.default(true),
    /** Sign-in attempts allowed per address and email in SIGNIN_RATE_WINDOW_SECONDS. */
    SIGNIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
    SIGNIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(100).default(12),
    GRAPHQL_MAX_COMPLEXITY: z.coerce.number().int().min(10).max(1_000_000).default(5000),
    /** The largest GraphQL request body; bigger ones are refused before they are read (bulk data goes to /import). */
    GRAPHQL_MAX_BODY_BYTES: z.coerce.number().int().min(10_000).max(100_000_000).default(2_000_000),
    /** How often the ledger maintenance (pending → available, expiry, tier review) runs; 0 turns it off. */
    JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(86_400).default(3600),
    /** How often each server looks for due jobs (flow.wait, scheduled triggers), in milliseconds; 0 turns the worker off. */
    JOBS_POLL_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
    /** Members with no purchase and no change for this many days are anonymised by the maintenance run; 0 keeps them. */
    MEMBER_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
    /** What runs the jobs: BullMQ on Redis, or the database; auto = BullMQ when REDIS_URL is set. */
    JOBS_QUEUE: z.enum(['auto', 'database', 'bullmq']).default('auto'),
    /** Built web app to serve; empty disables static serving. */
    WEB_DIST: z.string().default('web/dist'),
    /** Trust X-Forwarded-For from a reverse proxy for client addresses. */
    TRUST_PROXY: booleanFlag.default(false),
    /** Outgoing mail server, smtp://user:pass@host:port (smtps:// for TLS); unset = emails are logged as skipped. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s/]+(:\d+)?\/?$/, 'expected smtp://user:pass@host:port')
      .refine((value) => URL.canParse(value) && new URL(value).hostname !== '', 'expected smtp://user:pass@host:port')
      .optional(),
    /** Sender of every email: an address, or "Name <address>". */
    MAIL_FROM: z
      .string()
      .regex(/^(?:[^<>\r\n"]{1,100} <[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/, 'expected name@host or "Name <name@host>"')
      .default('Patron <no-reply@patron.local>'),
    /** How long a webhook receiver (or the mail server) may take before the attempt counts as failed. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    /** Attempts per email or webhook delivery before it is marked failed. */
    NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
    /** Backoff base between attempts: 2^attempts × this. */
    NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(15_000),
    /** Let webhooks reach private and loopback addresses in production (they always may elsewhere). */
    WEBHOOKS_ALLOW_PRIVATE: booleanFlag.default(false),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.NODE_ENV === 'production' && !cfg.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' });
    }
    if (cfg.DATABASE_REPLICA_URLS.length && cfg.DATABASE_URL.dialect !== 'mysql') {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_REPLICA_URLS'], message: 'read replicas need a mysql:// DATABASE_URL' });
    }
    if (cfg.JOBS_QUEUE === 'bullmq' && !cfg.REDIS_URL) {
      ctx.addIssue({ code: 'custom', path: ['JOBS_QUEUE'], message: 'bullmq needs REDIS_URL' });
    }
  });

export type Config = z.output<typeof configSchema>;
export type DatabaseOptions =
  | { dialect: 'sqlite'; path: string; url: string }
  | { dialect: 'mysql'; host: string; port: number; user: string; password: string; database: string; url: string; socketPath?: string };

/** The environment variable names Patron understands (docker/compose.yml is checked against it). */
export const configKeys = Object.keys(configSchema.shape) as string[];

export function parseDatabaseUrl(value: string): DatabaseOptions | null {
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    return path.length > 0 ? { dialect: 'sqlite', path, url: value } : null;
  }
  if (value.startsWith('mysql://') || value.startsWith('mariadb://')) {
    let url: URL;
    try {
      url = new URL(value.replace(/^mariadb:/, 'mysql:'));
    } catch {
      return null;
    }
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    if (!url.hostname || !database || database.includes('/')) return null;
    const port = url.port ? Number(url.port) : 3306;
    // `?socket=/run/mysqld/mysqld.sock`: the server's Unix socket, for a database on the same
    // host. It skips the TCP stack on both sides: bench/ledger.ts measured ~15 % less CPU per
    // statement in Patron and in the server. Any other parameter is refused, not ignored.
    const socketPath = url.searchParams.get('socket') ?? undefined;
    for (const key of url.searchParams.keys()) if (key !== 'socket') return null;
    if (socketPath !== undefined && !socketPath.startsWith('/')) return null;
    return {
      dialect: 'mysql',
      host: url.hostname,
      port,
      user: decodeURIComponent(url.username || 'root'),
      password: decodeURIComponent(url.password),
      database,
      url: value,
      ...(socketPath ? { socketPath } : {}),
    };
  }
  return null;
}

/** A URL's password as ***, so that a refused DATABASE_URL or REDIS_URL is not echoed to the logs with it. */
function withoutPassword(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

export class ConfigError extends Error {
  constructor(readonly setting: string, detail: string) {
    super(`Invalid setting ${setting}: ${detail}`);
  }
}

/** Reads the configuration; throws a ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input: Record<string, string> = {};
  for (const key of configKeys) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const result = configSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const setting = String(issue.path[0] ?? 'environment');
    const given = input[setting];
    const shown = given === undefined || /SECRET|PASSWORD|SMTP_URL/.test(setting) ? '' : ` (got "${withoutPassword(given)}")`;
    throw new ConfigError(setting, `${issue.message}${shown}`);
  }
  return result.data;
}
