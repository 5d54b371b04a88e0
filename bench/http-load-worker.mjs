// The worker half of bench/http-load.ts, in plain JavaScript so that it runs without a
// TypeScript loader: it sends the bodies it is given (over http-client.mjs's keep-alive
// connections) and reports each request's latency
// (as measure.ts's runPool does). Closed loop by default: `concurrency` requests in flight,
// the next sent when one returns. With `ratePerSecond`, open loop: request i is due at
// start + i / rate and is sent then, whatever the answers before it, and its latency
// counts from when it was due, so a server that falls behind shows it in the latencies
// instead of slowing the load down.
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { httpClient } from './http-client.mjs';
import { openLoop } from './open-loop.mjs';

parentPort.on('message', async ({ url, headers, bodies, concurrency, expect, ratePerSecond }) => {
  const client = httpClient(url, headers);
  const latenciesMs = [];
  let errors = 0;
  let firstError;
  const started = performance.now();
  const send = async (index, since) => {
    try {
      const { body: text } = await client.post(bodies[index]);
      if (!expect.some((e) => text.includes(e))) throw new Error(text.slice(0, 300));
      latenciesMs.push(performance.now() - since);
    } catch (error) {
      errors += 1;
      firstError ??= error;
    }
  };
  if (ratePerSecond) {
    await openLoop(bodies.length, ratePerSecond, send);
  } else {
    let next = 0;
    const worker = async () => {
      for (;;) {
        const index = next++;
        if (index >= bodies.length) return;
        await send(index, performance.now());
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
  const wallMs = performance.now() - started;
  client.close();
  if (errors > bodies.length / 100) parentPort.postMessage({ ok: false, error: `${errors} of ${bodies.length} requests failed; first: ${String(firstError)}` });
  else parentPort.postMessage({ ok: true, measurement: { latenciesMs, wallMs, errors } });
});
