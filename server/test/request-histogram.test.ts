import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { RequestHistogram } from '../src/http/request-histogram';

/**
 * RequestHistogram (http/request-histogram.ts) stands in for prom-client's Histogram on the
 * per-request path: the same observations must read the same, in /metrics text and in
 * `get()`, as prom-client's own.
 */
describe('the request histogram', () => {
  const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
  const labelNames = ['operation', 'type', 'result'] as const;

  function both() {
    const theirs = new Registry();
    const ours = new Registry();
    const reference = new Histogram({ name: 'patron_test_seconds', help: 'Test durations.', labelNames, buckets, registers: [theirs] });
    const histogram = new RequestHistogram('patron_test_seconds', 'Test durations.', labelNames, buckets, ours);
    const observe = (labels: Record<(typeof labelNames)[number], string>, seconds: number) => {
      reference.observe(labels, seconds);
      histogram.observe(labels, seconds);
    };
    return { theirs, ours, reference, histogram, observe };
  }

  it('reads as prom-client’s histogram: buckets, bounds, sums and counts per series', async () => {
    const { theirs, ours, reference, histogram, observe } = both();
    // On a bound (it counts in that bucket), between bounds, past the last, zero.
    for (const seconds of [0.005, 0.0051, 0.3, 5, 7.5, 0, 1e-9]) observe({ operation: 'Members', type: 'query', result: 'ok' }, seconds);
    observe({ operation: 'Members', type: 'query', result: 'error' }, 0.02);
    // Values that would run together without their lengths, and ones the text format escapes.
    observe({ operation: 'ab', type: 'c', result: 'ok' }, 0.2);
    observe({ operation: 'a', type: 'bc', result: 'ok' }, 0.4);
    observe({ operation: 'say "hi"\nback\\slash', type: 'mutation', result: 'ok' }, 2);
    expect(await ours.metrics()).toBe(await theirs.metrics());
    // prom-client's values also carry an exemplar, always empty here (none is ever given).
    const { values, ...metric } = await reference.get();
    expect(values.every((v) => (v as { exemplar?: unknown }).exemplar == null)).toBe(true);
    expect(await histogram.get()).toEqual({ ...metric, values: values.map(({ labels, value, metricName }) => ({ labels, value, metricName })) });
    expect((await histogram.get()).values.filter((v) => v.metricName.endsWith('_count'))).toHaveLength(5);
  });

  it('empties on reset, as the registry resets its metrics', async () => {
    const { theirs, ours, histogram, observe } = both();
    observe({ operation: 'A', type: 'query', result: 'ok' }, 0.1);
    theirs.resetMetrics();
    ours.resetMetrics();
    expect((await histogram.get()).values).toEqual([]);
    observe({ operation: 'B', type: 'query', result: 'ok' }, 0.1);
    expect(await ours.metrics()).toBe(await theirs.metrics());
  });

  it('refuses a second metric of the same name in a registry', () => {
    const registry = new Registry();
    new RequestHistogram('patron_twice_seconds', 'Twice.', ['route'], buckets, registry);
    expect(() => new RequestHistogram('patron_twice_seconds', 'Twice.', ['route'], buckets, registry)).toThrow(/already been registered/);
  });
});
