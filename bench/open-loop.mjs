// The open loop's schedule, shared by the HTTP load worker (http-load-worker.mjs) and the
// raw scripts (measure.ts's runOpenLoop), in plain JavaScript so that the worker runs it
// without a TypeScript loader.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Starts task i when it is due, at the start + i / rate, whatever the tasks before it, and
 * hands it that due time, from which its latency counts; resolves once every task settled.
 */
export async function openLoop(count, ratePerSecond, start) {
  const started = performance.now();
  const interval = 1000 / ratePerSecond;
  const running = [];
  for (let index = 0; index < count; index++) {
    const due = started + index * interval;
    const wait = due - performance.now();
    // Timers are only as fine as a millisecond: a task due sooner starts now.
    if (wait >= 1) await sleep(Math.floor(wait));
    running.push(start(index, due));
  }
  await Promise.all(running);
}
