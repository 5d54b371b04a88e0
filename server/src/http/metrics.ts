import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { onStatement } from '../db/query-stats';

/** Prometheus metrics for one process, served at /metrics. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'patron_' });
  const httpRequests = new Histogram({
    name: 'patron_http_request_duration_seconds',
    help: 'HTTP requests by route and status.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const graphqlOperations = new Histogram({
    name: 'patron_graphql_operation_duration_seconds',
    help: 'GraphQL operations by name and type; result is ok or error.',
    labelNames: ['operation', 'type', 'result'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const dbQueries = new Counter({
    name: 'patron_db_queries_total',
    help: 'SQL statements sent to the database.',
    registers: [registry],
  });
  const stopCounting = onStatement(() => dbQueries.inc());
  return { registry, httpRequests, graphqlOperations, dbQueries, stop: stopCounting };
}

export type Metrics = ReturnType<typeof createMetrics>;
