// The worker half of bench/http-load.ts, in plain JavaScript so that it runs without a
// TypeScript loader: it sends the bodies it is given, `concurrency` at a time, and reports
// each request's latency (as measure.ts's runPool does).
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';

parentPort.on('message', async ({ url, headers, bodies, concurrency, expect }) => {
  const latenciesMs = [];
  let next = 0;
  let errors = 0;
  let firstError;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= bodies.length) return;
      const t0 = performance.now();
      try {
        const res = await fetch(url, { method: 'POST', headers, body: bodies[index] });
        const text = await res.text();
        if (!expect.some((e) => text.includes(e))) throw new Error(text.slice(0, 300));
        latenciesMs.push(performance.now() - t0);
      } catch (error) {
        errors += 1;
        firstError ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (errors > bodies.length / 100) parentPort.postMessage({ ok: false, error: `${errors} of ${bodies.length} requests failed; first: ${String(firstError)}` });
  else parentPort.postMessage({ ok: true, measurement: { latenciesMs, wallMs: performance.now() - started, errors } });
});
