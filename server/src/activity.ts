/**
 * What the domains report about their work (ledger entries written, campaigns evaluated),
 * for /metrics to count. Services call `report`; they know nothing of Prometheus.
 */
export type Activity = { kind: 'ledgerEntry'; entryKind: string } | { kind: 'ruleEvaluation'; seconds: number; applied: boolean };

const listeners = new Set<(activity: Activity) => void>();

export function onActivity(listener: (activity: Activity) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function report(activity: Activity): void {
  for (const listener of listeners) listener(activity);
}
