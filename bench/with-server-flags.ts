/**
 * The benchmarks run under the server's V8 flags (scripts/server-node-flags.mjs): imported
 * first by bench/run.ts, this starts the process again with them when they are missing (as
 * with `tsx bench/run.ts`), so that what is measured runs as it is deployed.
 */
import { spawnSync } from 'node:child_process';
import { SERVER_NODE_FLAGS } from '../scripts/server-node-flags.mjs';

const missing = SERVER_NODE_FLAGS.filter((flag) => !process.execArgv.includes(flag));
if (missing.length > 0) {
  const { status, signal } = spawnSync(process.execPath, [...missing, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  process.exit(status ?? (signal ? 1 : 0));
}

/** The V8 flags this run has, for the report. */
export const V8_FLAGS = process.execArgv.filter((flag) => SERVER_NODE_FLAGS.includes(flag));
