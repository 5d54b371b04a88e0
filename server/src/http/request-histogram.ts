import type { Registry } from 'prom-client';

/**
 * A Prometheus histogram for what every request records: its duration by route, or by
 * GraphQL operation. prom-client's Histogram validates and hashes its label object on every
 * observation, about a fifth of the server's own time for a trivial GraphQL query
 * (bench/graphql-in-process.ts); here the label values make a short key into a Map of
 * series, and observing is a bucket search and three additions.
 *
 * It registers in prom-client's registry and answers `get()` as prom-client's histograms
 * do (the buckets with `le`, then `_sum` and `_count`, per series), so /metrics reads the
 * same; request-histogram.test.ts holds the two to the same text.
 */
export class RequestHistogram<L extends string> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Series<L>>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly L[],
    private readonly buckets: readonly number[],
    registry: Registry,
  ) {
    registry.registerMetric(this as never);
  }

  observe(labels: Record<L, string>, seconds: number): void {
    let key = '';
    // Each value after its length: no two sets of values make the same key, whatever they hold.
    for (const name of this.labelNames) key += `${labels[name].length}:${labels[name]}`;
    let series = this.series.get(key);
    if (!series) this.series.set(key, (series = { labels: { ...labels }, counts: new Array<number>(this.buckets.length).fill(0), sum: 0, count: 0 }));
    for (let i = 0; i < this.buckets.length; i++) {
      if (seconds <= this.buckets[i]) {
        series.counts[i]++;
        break;
      }
    }
    series.sum += seconds;
    series.count++;
  }

  async get(): Promise<{ name: string; help: string; type: 'histogram'; values: HistogramValue[]; aggregator: 'sum' }> {
    const values: HistogramValue[] = [];
    for (const { labels, counts, sum, count } of this.series.values()) {
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += counts[i];
        values.push({ labels: { le: bound, ...labels }, value: cumulative, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { le: '+Inf', ...labels }, value: count, metricName: `${this.name}_bucket` });
      values.push({ labels: { ...labels }, value: sum, metricName: `${this.name}_sum` });
      values.push({ labels: { ...labels }, value: count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  reset(): void {
    this.series.clear();
  }
}

/** One line of the exposition: a bucket (with `le`), the sum or the count of a series. */
interface HistogramValue {
  labels: Record<string, string | number>;
  value: number;
  metricName: string;
}

interface Series<L extends string> {
  labels: Record<L, string>;
  /** Observations per bucket, each counted in the first bucket that holds it. */
  counts: number[];
  sum: number;
  count: number;
}
