#!/usr/bin/env node
// Supply chain: npm audit of the production dependencies, failing on high or critical
// advisories. Where the registry's advisory endpoint cannot be reached (an offline mirror,
// a registry that answers 405), it says so and does not pretend to have checked.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = null;
}
if (!report?.metadata) {
  const why = report?.message ?? report?.error?.summary ?? run.stderr.split('\n').find((l) => l.trim()) ?? 'no answer';
  console.log(`npm audit: SKIPPED — the advisory endpoint did not answer (${why}).`);
  process.exit(0);
}
const counts = report.metadata?.vulnerabilities ?? {};
console.log(`npm audit (production dependencies): ${JSON.stringify(counts)}`);
process.exit((counts.high ?? 0) + (counts.critical ?? 0) > 0 ? 1 : 0);
