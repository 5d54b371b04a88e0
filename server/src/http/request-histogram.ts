import type { Registry } from 'prom-client';

/**
 * A Prometheus histogram for what every request records: its duration by route, or by
 * GraphQL operation. prom-client's Histogram validates and hashes its label object on every
 * observation, about a fifth of the server's own time for a trivial GraphQL query
 * (bench/graphql-in-process.ts); here the series are found by their label values, one Map
 * per label (no key is built: a string made per request is hashed afresh, where the values,
 * mostly the same few strings, keep their hash), and observing is a bucket search and three
 * additions.
 *
 * It registers in prom-client's registry and answers `get()` as prom-client's histograms
 * do (the buckets with `le`, then `_sum` and `_count`, per series), so /metrics reads the
 * same; request-histogram.test.ts holds the two to the same text.
 */
export class RequestHistogram<L extends string> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  /** Series by the first label's value, then the next's…: nested Maps, the last level holding the series. */
  private readonly tree: Tree<L> = new Map();
  private readonly series: Series<L>[] = [];

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
    const names = this.labelNames;
    let level: Tree<L> = this.tree;
    for (let i = 0; i < names.length - 1; i++) {
      const value = labels[names[i]];
      let next = level.get(value) as Tree<L> | undefined;
      if (!next) level.set(value, (next = new Map()));
      level = next;
    }
    const last = labels[names[names.length - 1]];
    let series = level.get(last) as Series<L> | undefined;
    if (!series) {
      series = { labels: { ...labels }, counts: new Array<number>(this.buckets.length).fill(0), sum: 0, count: 0 };
      level.set(last, series);
      this.series.push(series);
    }
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
    for (const { labels, counts, sum, count } of this.series) {
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
    this.tree.clear();
    this.series.length = 0;
  }
}

/** One line of the exposition: a bucket (with `le`), the sum or the count of a series. */
interface HistogramValue {
  labels: Record<string, string | number>;
  value: number;
  metricName: string;
}

/** A level of the series' tree: a label's values, each to the next level or, at the last label, to its series. */
type Tree<L extends string> = Map<string, Tree<L> | Series<L>>;

interface Series<L extends string> {
  labels: Record<L, string>;
  /** Observations per bucket, each counted in the first bucket that holds it. */
  counts: number[];
  sum: number;
  count: number;
}
