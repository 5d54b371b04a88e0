import type { Effect, MemberFacts } from '@patron/schema/flow';
import type { EntityManager } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { isUniqueViolation } from '../db/unique-violation';
import { CapUsage } from './cap-usage.entity';

type Cap = NonNullable<Effect['caps']>[number];

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

/** One use of a cap node, atomically within each of its limits. */
export async function takeCap(em: EntityManager, campaignId: number, cap: Cap, memberId: number, points: number, now: Date): Promise<boolean> {
  const checks: { scope: string; column: 'uses' | 'points'; limit: number; add: number }[] = [];
  if (cap.perMember !== null) checks.push({ scope: `member:${memberId}`, column: 'uses', limit: cap.perMember, add: 1 });
  if (cap.perPeriod !== null) checks.push({ scope: `period:${memberId}:${periodKey(now, cap.periodDays ?? 1)}`, column: 'uses', limit: cap.perPeriod, add: 1 });
  if (cap.budgetPoints !== null) checks.push({ scope: 'budget', column: 'points', limit: cap.budgetPoints, add: points });
  const taken: typeof checks = [];
  for (const check of checks) {
    await ensureCapRow(em, campaignId, cap.nodeId, check.scope);
    if (await bump(em, campaignId, cap.nodeId, check, check.add)) {
      taken.push(check);
      continue;
    }
    // A later limit refused: give back what the earlier ones took, and skip the effect.
    for (const undo of taken) await bump(em, campaignId, cap.nodeId, undo, -undo.add);
    return false;
  }
  return true;
}

async function bump(em: EntityManager, campaignId: number, nodeId: string, check: { scope: string; column: 'uses' | 'points'; limit: number }, add: number): Promise<boolean> {
  const result = await em
    .createQueryBuilder()
    .update(CapUsage)
    .set({ [check.column]: () => `${check.column} + (${Math.trunc(add)})` })
    .where(`campaignId = :campaignId AND nodeId = :nodeId AND scope = :scope AND ${check.column} + :add <= :limit`, { campaignId, nodeId, scope: check.scope, add, limit: check.limit })
    .execute();
  return result.affected === 1;
}

async function ensureCapRow(em: EntityManager, campaignId: number, nodeId: string, scope: string) {
  if (await em.exists(CapUsage, { where: { campaignId, nodeId, scope } })) return;
  try {
    if (dialectOf(em.connection) === 'mysql') {
      await em.query('INSERT IGNORE INTO cap_usage (campaignId, nodeId, scope, uses, points) VALUES (?, ?, ?, 0, 0)', [campaignId, nodeId, scope]);
    } else {
      await em.insert(CapUsage, { campaignId, nodeId, scope });
    }
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}
