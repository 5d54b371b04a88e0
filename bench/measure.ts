import { performance } from 'node:perf_hooks';
import { openLoop } from './open-loop.mjs';

export interface Measurement {
  latenciesMs: number[];
  wallMs: number;
  errors: number;
}

/** Runs `count` tasks with at most `concurrency` in flight; records each task's latency. */
export async function runPool(count: number, concurrency: number, task: (index: number) => Promise<unknown>): Promise<Measurement> {
  const latenciesMs: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: unknown;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= count) return;
      const t0 = performance.now();
      try {
        await task(index);
        latenciesMs.push(performance.now() - t0);
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (errors > count / 100) throw new Error(`${errors} of ${count} requests failed; first: ${String(firstError)}`);
  return { latenciesMs, wallMs: performance.now() - started, errors };
}

/**
 * Open loop in this process: task i starts when it is due (open-loop.mjs, the HTTP load
 * worker's schedule too), whatever the tasks before it, and its latency counts from then,
 * so a side that falls behind shows it instead of slowing the load down.
 */
export async function runOpenLoop(count: number, ratePerSecond: number, task: (index: number) => Promise<unknown>): Promise<Measurement> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: unknown;
  const started = performance.now();
  await openLoop(count, ratePerSecond, (index, due) =>
    task(index).then(
      () => void latenciesMs.push(performance.now() - due),
      (error) => {
        errors += 1;
        firstError ??= error;
      },
    ),
  );
  if (errors > count / 100) throw new Error(`${errors} of ${count} tasks failed; first: ${String(firstError)}`);
  return { latenciesMs, wallMs: performance.now() - started, errors };
}

export function summarize(m: Measurement) {
  const sorted = [...m.latenciesMs].sort((a, b) => a - b);
  const at = (p: number) => Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(2));
  return {
    requests: sorted.length,
    errors: m.errors,
    perSecond: Number(((sorted.length / m.wallMs) * 1000).toFixed(1)),
    p50Ms: at(50),
    p95Ms: at(95),
    p99Ms: at(99),
  };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
