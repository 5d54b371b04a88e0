/**
 * The V8 flags the server runs with, wherever it runs: `npm start` (scripts/start.mjs), the
 * Docker image (docker/Dockerfile's CMD repeats them, and server/package.json's start; the
 * Docker test checks that they agree) and the benchmarks (bench/run.ts starts itself again
 * with them), so that what is measured is what is deployed.
 *
 * --max-semi-space-size=32: the young generation grows to 32 MB a half instead of 16. Every
 * request and every rule evaluation makes short-lived garbage; a scavenge costs about the
 * same whatever the space's size (it copies what survives, little here), so a space twice
 * as large halves their number. 1,000 campaigns on one event: 76 scavenges in 5,000 events
 * became 38, under 1 %, and the p99 no longer lands on one (bench/rules.ts). It costs at
 * most 48 MB more memory (two semi-spaces and the space promoted from them grow together).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];
