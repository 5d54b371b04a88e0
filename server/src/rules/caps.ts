import type { MemberFacts } from '@patron/schema/flow';
import type { EntityManager } from 'typeorm';
import { CapUsage } from './cap-usage.entity';

/** Cap counters of a campaign for this member, by node: what a rule with a cap node reads. */
// Per-period use is checked only when applying (the period length lives on the node).
export async function capUsageOf(em: EntityManager, campaignId: number, memberId: number): Promise<MemberFacts['capUsage']> {
  const rows = await em.find(CapUsage, { where: { campaignId } });
  const usage: NonNullable<MemberFacts['capUsage']> = {};
  for (const row of rows) {
    const entry = (usage[row.nodeId] ??= {});
    if (row.scope === `member:${memberId}`) entry.member = row.uses;
    if (row.scope === 'budget') entry.budget = row.points;
  }
  return usage;
}

/** Per-period caps count in fixed windows of `days` days since the epoch (UTC). */
export function periodKey(now: Date, days: number): string {
  const day = Math.floor(now.getTime() / 86_400_000);
  return String(Math.floor(day / days) * days);
}
