import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { onActivity } from '../activity';
import { fromSqlDate, sqlDate } from '../db/sql-date';
import { dialectOf } from '../db/data-source';
import { onStatement } from '../db/query-stats';
import { RequestHistogram } from './request-histogram';

const GRAPHQL_LANES = ['json', 'hot', 'yoga'] as const;
export type GraphqlLane = (typeof GRAPHQL_LANES)[number];

/** Prometheus metrics for one process, served at /metrics. The job gauges read the jobs table at each scrape. */
export function createMetrics(dataSource?: DataSource) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'patron_' });
  const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
  // Observed on every request: request-histogram.ts, not prom-client's Histogram.
  const httpRequests = new RequestHistogram('patron_http_request_duration_seconds', 'HTTP requests by route and status.', ['route', 'method', 'status'], durationBuckets, registry);
  const graphqlOperations = new RequestHistogram('patron_graphql_operation_duration_seconds', 'GraphQL operations by name and type; result is ok or error.', ['operation', 'type', 'result'], durationBuckets, registry);
  // Counted in plain numbers per request and added to the counter when it is read (a scrape,
  // get()): prom-client's inc() is half a percent of a trivial query's CPU time.
  const laneCounts: Record<GraphqlLane, number> = { json: 0, hot: 0, yoga: 0 };
  const graphqlLane = new Counter({
    name: 'patron_graphql_requests_total',
    help: 'GraphQL requests over HTTP by lane: json (a plain JSON query, run on node:http), hot (a query already run there and compiled, run again without the per-request hooks) or yoga (everything else, and what failed before executing).',
    labelNames: ['lane'] as const,
    registers: [registry],
    collect() {
      for (const lane of GRAPHQL_LANES) {
        if (laneCounts[lane] === 0) continue;
        this.labels(lane).inc(laneCounts[lane]);
        laneCounts[lane] = 0;
      }
    },
  });
  const countLane = (lane: GraphqlLane) => {
    laneCounts[lane] += 1;
  };
  const dbQueries = new Counter({
    name: 'patron_db_queries_total',
    help: 'SQL statements sent to the database.',
    registers: [registry],
  });
  const stopCounting = onStatement(() => dbQueries.inc());
  const ledgerEntries = new Counter({
    name: 'patron_ledger_entries_total',
    help: 'Ledger entries written, by kind (counted when written; a transaction that then rolls back still counts).',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const ruleEvaluations = new Histogram({
    name: 'patron_rule_evaluation_duration_seconds',
    help: "Compiled campaign evaluations; applied says whether the campaign's flow ran past its trigger.",
    labelNames: ['applied'] as const,
    buckets: [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01],
    registers: [registry],
  });
  const stopActivity = onActivity((activity) => {
    if (activity.kind === 'ledgerEntry') ledgerEntries.inc({ kind: activity.entryKind });
    else ruleEvaluations.observe({ applied: String(activity.applied) }, activity.seconds);
  });
  if (dataSource) {
    // Both gauges are collected together at a scrape: the first to ask runs the query, the other shares it.
    let inFlight: Promise<{ depth: number; lagSeconds: number }> | null = null;
    const due = () =>
      (inFlight ??= readDue().finally(() => {
        inFlight = null;
      }));
    const readDue = async () => {
      const now = sqlDate(dialectOf(dataSource), new Date());
      const [row] = await dataSource.query(`SELECT COUNT(*) AS n, MIN(runAt) AS oldest FROM jobs WHERE status IN ('pending', 'queued') AND runAt <= ?`, [now]);
      const oldest = row.oldest ? fromSqlDate(row.oldest) : null;
      return { depth: Number(row.n), lagSeconds: oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0 };
    };
    new Gauge({
      name: 'patron_jobs_due',
      help: 'Jobs due and not yet run (the queue depth).',
      registers: [registry],
      async collect() {
        this.set((await due().catch(() => ({ depth: Number.NaN }))).depth);
      },
    });
    new Gauge({
      name: 'patron_jobs_lag_seconds',
      help: 'How long the oldest due job has waited.',
      registers: [registry],
      async collect() {
        this.set((await due().catch(() => ({ lagSeconds: Number.NaN }))).lagSeconds);
      },
    });
  }
  return {
    registry,
    httpRequests,
    graphqlOperations,
    graphqlLane,
    countLane,
    dbQueries,
    stop: () => {
      stopCounting();
      stopActivity();
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
