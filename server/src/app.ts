import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { migrations } from '../../migrations';
import { FallbackRateLimiter, MemoryRateLimiter, RedisRateLimiter } from './auth/rate-limiter';
import type { Config } from './config';
import { openDataSource } from './db/data-source';
import { tuneMysqlDriver } from './db/driver-tuning';
import { migrationsApplied, runMigrations } from './db/migrate';
import { withQueryStats } from './db/query-stats';
import { inTransaction } from './db/transaction';
import { entities } from './entities';
import { createMetrics, type Metrics } from './http/metrics';
import { createExportHandler } from './http/export';
import { createImportHandler } from './http/imports';
import { json } from './http/respond';
import { createStaticHandler } from './http/static';
import { createGraphqlLane } from './http/graphql-lane';
import { createYogaApp, type YogaApp } from './http/yoga';
import { createLogger, type Logger } from './logger';
import { DEMO_MARKETER, DEMO_MEMBER, isDatabaseEmpty, seedDemo } from './seed/demo';
import { DEMO_MODERATOR } from './seed/community';
import { ListenersVersionSubscriber } from './rules/listeners-version';
import { createServices, type Services } from './services';
import { startScheduler } from './jobs/scheduler';
import { BullJobQueue } from './jobs/bullmq-job-queue';
import { DbJobQueue } from './jobs/db-job-queue';
import type { JobHandler, JobQueue } from './jobs/job-queue';
import { createLiveEvents } from './live/live-events';

export interface App {
  config: Config;
  logger: Logger;
  dataSource: DataSource;
  services: Services;
  yoga: YogaApp;
  metrics: Metrics;
  server: Server;
  /** Runs the ledger maintenance now (it also runs every JOBS_INTERVAL_SECONDS). */
  runMaintenance(): Promise<void>;
  /** Runs the jobs that are due now (the worker also polls every JOBS_POLL_MS). */
  runJobs(now?: Date): Promise<number>;
  /** Plans the scheduled triggers now (each instance also does every minute while its worker runs). */
  planTriggers(now?: Date): Promise<number>;
  jobs: JobQueue;
  /** What start-up did, for the banner: the generated admin password, the demo logins. */
  bootstrap: BootstrapReport;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface BootstrapReport {
  migrationsRun: string[];
  adminEmail: string;
  adminCreated: boolean;
  generatedAdminPassword?: string;
  seeded: boolean;
}

/**
 * Builds the whole server: database (migrated), services, GraphQL, HTTP. Nothing listens
 * until `listen()`, so tests can call `app.yoga.fetch` directly.
 */
export async function createApp(config: Config, options: { logger?: Logger } = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const dataSource = await openDataSource({
    database: config.DATABASE_URL,
    entities,
    migrations,
    subscribers: [ListenersVersionSubscriber],
    poolSize: config.DATABASE_POOL_SIZE,
    replicas: config.DATABASE_REPLICA_URLS,
    log: logger,
  });
  tuneMysqlDriver(dataSource);

  const migrationsRun = config.MIGRATIONS_RUN ? await runMigrations(dataSource) : [];
  if (migrationsRun.length) logger.info({ migrations: migrationsRun }, 'migrations applied');

  const redis = config.REDIS_URL ? new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: false }) : undefined;
  redis?.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
  const rateLimiter = redis
    ? new FallbackRateLimiter(new RedisRateLimiter(redis, `${config.REDIS_PREFIX}rl:`), new MemoryRateLimiter(), (err) => logger.warn({ err: String(err) }, 'shared rate limiter unavailable; limiting per instance'))
    : new MemoryRateLimiter();
  const live = createLiveEvents({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX, onError: (err) => logger.warn({ err: err.message }, 'live events: redis error') });
  const services = createServices(config, rateLimiter, live);

  const { empty, admin } = await inTransaction(dataSource, async (em) => ({
    empty: await isDatabaseEmpty(em),
    admin: await services.auth.ensureAdmin(em, config.ADMIN_EMAIL, config.ADMIN_PASSWORD),
  }));
  const seed = config.SEED_DEMO ?? (empty && config.NODE_ENV !== 'production');
  if (seed) {
    const seeded = await seedDemo(dataSource, services);
    logger.info(seeded, 'demo brand seeded');
  }
  const bootstrap: BootstrapReport = {
    migrationsRun,
    adminEmail: config.ADMIN_EMAIL,
    adminCreated: admin.created,
    generatedAdminPassword: admin.password,
    seeded: seed,
  };

  const handlers: Record<string, JobHandler> = {
    'flow.resume': async (em, payload) => void (await services.rules.resume(em, payload)),
    ...services.scheduledTriggers.handlers,
    ...services.segments.handlers,
    ...services.clubs.handlers,
    ...services.notifications.handlers,
    ...services.webhooks.handlers,
  };
  const useBull = config.JOBS_QUEUE === 'bullmq' || (config.JOBS_QUEUE === 'auto' && Boolean(config.REDIS_URL));
  const jobs: JobQueue = useBull ? new BullJobQueue(dataSource, handlers, logger, { redisUrl: config.REDIS_URL!, prefix: config.REDIS_PREFIX }) : new DbJobQueue(dataSource, handlers, logger);
  jobs.start(config.JOBS_POLL_MS);
  const scheduler = startScheduler({ dataSource, services, logger, intervalSeconds: config.JOBS_INTERVAL_SECONDS, retentionDays: config.MEMBER_RETENTION_DAYS, planTriggers: config.JOBS_POLL_MS > 0 });
  const metrics = createMetrics(dataSource);
  const yoga = createYogaApp({ config, dataSource, services, logger, metrics });
  const serveGraphql = createGraphqlLane(yoga, logger, metrics);
  const web = createStaticHandler(config.WEB_DIST);
  const exportMembers = createExportHandler({ dataSource, services, logger });
  const importCsv = createImportHandler({ dataSource, services, logger });

  async function ready(): Promise<{ ok: boolean; database: boolean; migrations: boolean }> {
    try {
      await dataSource.query('SELECT 1');
      const applied = await migrationsApplied(dataSource);
      return { ok: applied, database: true, migrations: applied };
    } catch {
      return { ok: false, database: false, migrations: false };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const started = process.hrtime.bigint();
    const requestId = String(req.headers['x-request-id'] ?? '').slice(0, 64) || randomUUID();
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    // Not split('?'), which makes an array per request: 3 % of a trivial query's CPU time.
    const pathname = query === -1 ? url : url.slice(0, query);
    // The GraphQL lane sends it with the other headers of its answer (graphql-lane.ts, send).
    if (pathname !== '/graphql') res.setHeader('x-request-id', requestId);
    const stats = { statements: 0 };
    let route = 'web';
    try {
      if (pathname === '/graphql') {
        route = 'graphql';
        const refused = bodyRefusal(req, config.GRAPHQL_MAX_BODY_BYTES);
        if (refused) {
          res.setHeader('x-request-id', requestId);
          return json(res, refused.status, { errors: [{ message: refused.message, extensions: { code: 'REQUEST_TOO_LARGE' } }] });
        }
        const serverContext = { requestId, bodyLengthChecked: true };
        if (config.LOG_STATEMENTS) await withQueryStats(stats, () => serveGraphql(req, res, serverContext));
        else await serveGraphql(req, res, serverContext);
      } else if (pathname === '/healthz') {
        route = 'healthz';
        json(res, 200, { status: 'ok' });
      } else if (pathname === '/readyz') {
        route = 'readyz';
        const state = await ready();
        json(res, state.ok ? 200 : 503, { status: state.ok ? 'ready' : 'not ready', ...state });
      } else if (pathname === '/export/members.csv' && req.method === 'GET') {
        route = 'export';
        await exportMembers(req, res, new URL(req.url ?? '/', 'http://patron.local'));
      } else if (pathname.startsWith('/import/') && (await importCsv(req, res, new URL(req.url ?? '/', 'http://patron.local')))) {
        route = 'import';
      } else if (pathname === '/metrics') {
        route = 'metrics';
        res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
      } else if (!web.handle(req, res, pathname)) {
        route = 'not_found';
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(web.available() ? 'Not found' : 'The web app is not built. Run `npm run build` (or `npm start`, which builds it).');
      }
    } catch (err) {
      logger.error({ err, requestId }, 'request failed');
      if (!res.headersSent) {
        res.setHeader('x-request-id', requestId);
        json(res, 500, { error: 'internal error', requestId });
      } else res.end();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      metrics.httpRequests.observe({ route, method: req.method ?? 'GET', status: String(res.statusCode) }, ms / 1000);
      if (route === 'graphql' || route === 'not_found') {
        logger.info({ requestId, method: req.method, path: pathname, status: res.statusCode, ms: Math.round(ms), ...(config.LOG_STATEMENTS ? { statements: stats.statements } : {}) }, 'request');
      }
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 65_000;

  return {
    config,
    logger,
    dataSource,
    services,
    yoga,
    metrics,
    server,
    runMaintenance: () => scheduler.tick(),
    runJobs: (now) => jobs.runDue(now),
    planTriggers: async (now) => (await services.scheduledTriggers.plan(dataSource, now)) + (await services.segments.plan(dataSource, now)),
    jobs,
    bootstrap,
    listen() {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.PORT, config.HOST, () => {
          const { port } = server.address() as AddressInfo;
          const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
          resolve(config.PUBLIC_URL ?? `http://${host}:${port}`);
        });
      });
    },
    async close() {
      // Stop taking connections, let requests in flight finish (up to 10 s), then let go of the database.
      await new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        const force = setTimeout(() => server.closeAllConnections(), 10_000);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      });
      await scheduler.stop();
      await jobs.stop();
      await services.notifications.stop();
      await live.close();
      metrics.stop();
      await redis?.quit().catch(() => undefined);
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}


/** The lines printed at start: where to go and how to sign in. */
/**
 * A body that may not be read: larger than the limit, or of no stated length (a chunked
 * upload could grow without end; browsers and HTTP clients state it for a query).
 */
function bodyRefusal(req: IncomingMessage, maxBytes: number): { status: number; message: string } | null {
  if (req.method !== 'POST') return null;
  const length = req.headers['content-length'];
  if (length === undefined) return { status: 411, message: 'Send the request with a Content-Length.' };
  if (!/^\d+$/.test(length) || Number(length) > maxBytes) return { status: 413, message: `The request is larger than ${maxBytes} bytes.` };
  return null;
}

export function bannerLines(url: string, report: BootstrapReport): string[] {
  const lines = [
    `Patron is running at ${url}`,
    `  member portal   ${url}/`,
    `  staff console   ${url}/admin`,
    `  GraphQL         ${url}/graphql`,
    `  health          ${url}/healthz  ${url}/readyz  ${url}/metrics`,
  ];
  if (report.generatedAdminPassword) {
    lines.push(`Admin login: ${report.adminEmail} / ${report.generatedAdminPassword}  (generated now and shown once; set ADMIN_PASSWORD to choose it)`);
  } else {
    lines.push(`Admin login: ${report.adminEmail} (password from ADMIN_PASSWORD, or the one printed at first start)`);
  }
  if (report.seeded) {
    lines.push(`Demo data seeded. Demo member: ${DEMO_MEMBER.email} / ${DEMO_MEMBER.password}; demo marketer: ${DEMO_MARKETER.email} / ${DEMO_MARKETER.password}; demo moderator: ${DEMO_MODERATOR.email} / ${DEMO_MODERATOR.password}`);
  }
  return lines;
}
