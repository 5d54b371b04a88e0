import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runOpenLoop, runPool, summarize } from './measure';

/** Work that one worker does at a time, as a saturated server: each task waits for the one before it. */
function oneAtATime(ms: number) {
  let tail = Promise.resolve();
  return () => {
    const done = tail.then(() => sleep(ms));
    tail = done;
    return done;
  };
}

describe('the open loop', () => {
  it('sends each task when it is due, whatever the tasks before it, so a backlog shows in the latencies', async () => {
    // 20 tasks due every 5 ms, served one at a time in 15 ms: the side falls behind by 10 ms a task.
    const open = summarize(await runOpenLoop(20, 200, oneAtATime(15)));
    // The last one waited for the 19 before it, counted from when it was due: about 19 × 10 + 15 ms.
    expect(open.p99Ms).toBeGreaterThan(150);
    expect(open.requests).toBe(20);
    // A closed loop of one at a time never sees the backlog: each latency is the task's own time.
    const closed = summarize(await runPool(20, 1, oneAtATime(15)));
    expect(closed.p99Ms).toBeLessThan(100);
  });

  it('counts a latency from when the task was due, not from when the loop got to start it', async () => {
    // The first task holds the thread for 100 ms: the nine due behind it (every 5 ms) start late, and say so.
    const measured = await runOpenLoop(10, 200, async (i) => {
      if (i === 0) {
        const until = performance.now() + 100;
        while (performance.now() < until);
      }
    });
    expect(measured.latenciesMs).toHaveLength(10);
    expect(Math.min(...measured.latenciesMs)).toBeGreaterThan(50);
  });

  it('keeps the rate when the tasks keep up, and counts failures without stopping', async () => {
    const started = performance.now();
    let calls = 0;
    const measured = await runOpenLoop(200, 100, async (i) => {
      calls += 1;
      // Two in two hundred fail: under the one in a hundred that makes the run fail.
      if (i % 100 === 7) throw new Error('refused');
    });
    expect(calls).toBe(200);
    expect(measured.errors).toBe(2);
    expect(measured.latenciesMs).toHaveLength(198);
    // 200 tasks at 100 a second take two seconds, not the instant they would take in a closed loop.
    expect(performance.now() - started).toBeGreaterThan(1900);
    await expect(runOpenLoop(10, 1000, async () => Promise.reject(new Error('down')))).rejects.toThrow(/10 of 10 tasks failed; first: Error: down/);
  });
});
