// The HTTP load generator runs in a worker thread (http-load-worker.mjs), as a load
// generator runs on its own machine: its requests and their answers must not take turns with
// the server on one event loop, or the benchmark would measure the client as much as the
// server.
import { Worker } from 'node:worker_threads';
import type { Measurement } from './measure';

export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  /** JSON bodies, sent in order, `concurrency` at a time. */
  bodies: string[];
  concurrency: number;
  /** A response counts as a success when its text contains one of these. */
  expect: string[];
  /** Open loop: send at this fixed rate instead of `concurrency` at a time (see http-load-worker.mjs). */
  ratePerSecond?: number;
}

/** A worker that sends loads on request; close() ends it. */
export function startHttpLoad() {
  const worker = new Worker(new URL('./http-load-worker.mjs', import.meta.url));
  return {
    run(request: LoadRequest): Promise<Measurement> {
      return new Promise((resolve, reject) => {
        const failed = (error: Error) => {
          worker.off('message', answered);
          reject(error);
        };
        const answered = (answer: { ok: true; measurement: Measurement } | { ok: false; error: string }) => {
          worker.off('error', failed);
          if (answer.ok) resolve(answer.measurement);
          else reject(new Error(answer.error));
        };
        worker.once('message', answered);
        worker.once('error', failed);
        worker.postMessage(request);
      });
    },
    close: () => worker.terminate(),
  };
}
