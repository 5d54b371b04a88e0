import type { FactRequest } from '@patron/schema/flow';
import type { EntityManager } from 'typeorm';
import { LedgerEntry } from '../ledger/ledger-entry.entity';
import type { Program } from '../programs/program.entity';
import { Purchase } from '../purchases/purchase.entity';
import { addDays } from '../programs/calendar';

/** Window aggregates over indexed columns; the current purchase is inside the window. Values already in `cache` are not read again. */
export async function windowAggregates(em: EntityManager, program: Program, memberId: number, requests: FactRequest[], now: Date, cache: Map<string, number>): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const request of requests) {
    if (!cache.has(request.key)) {
      const from = addDays(now, -request.days);
      let value = 0;
      if (request.metric === 'pointsEarned') {
        const row = await em
          .getRepository(LedgerEntry)
          .createQueryBuilder('e')
          .select('COALESCE(SUM(e.availableChange + e.pendingChange - e.debtChange), 0)', 'v')
          .where('e.memberId = :memberId AND e.programId = :programId AND e.kind = :kind AND e.occurredAt >= :from', { memberId, programId: program.id, kind: 'earn', from })
          .getRawOne<{ v: string | number }>();
        value = Number(row?.v ?? 0);
      } else {
        const row = await em
          .getRepository(Purchase)
          .createQueryBuilder('p')
          .select(request.metric === 'purchaseCount' ? 'COUNT(*)' : 'COALESCE(SUM(p.totalMinor - p.refundedMinor), 0)', 'v')
          .where('p.memberId = :memberId AND p.programId = :programId AND p.occurredAt >= :from', { memberId, programId: program.id, from })
          .getRawOne<{ v: string | number }>();
        value = Number(row?.v ?? 0);
      }
      cache.set(request.key, value);
    }
    result[request.key] = cache.get(request.key)!;
  }
  return result;
}
