import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { localParts } from '../programs/calendar';
import { Program } from '../programs/program.entity';
import type { ProgramsService } from '../programs/programs.service';
import type { TiersService } from '../programs/tiers.service';
import type { RulesService } from '../rules/rules.service';
import { LoyaltyAccount } from './account.entity';
import type { LedgerService } from './ledger.service';
import { PointLot } from './point-lot.entity';

export interface MaintenanceReport {
  accounts: number;
  expiredPoints: number;
  releasedPoints: number;
  tierChanges: number;
}

/** Accounts listed at once (each listing reads two indexes from their start). */
const BATCH = 2000;
/**
 * Accounts settled in one transaction. Their locks are held until it commits (tens of
 * milliseconds, at 1M members on two cores about a hundred), so a purchase of one of them
 * waits at most that long; fewer, larger transactions are what make the run fast (a fixed
 * number of statements per batch).
 */
const SETTLE_BATCH = 200;
/** Batches settled at once, on disjoint accounts; three leave most of the pool to the live traffic. (SQLite queues them.) */
const CONCURRENCY = 3;

/**
 * The daily work on balances: points past their return period become available, lots
 * past their date expire, and tiers are reviewed on the first day of a review period.
 * Accounts are settled a batch per transaction, so a long run never holds many locks for
 * long, and a run repeated (two instances, a restart) finds nothing left to do.
 */
export class MaintenanceService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly programs: ProgramsService,
    private readonly tiers: TiersService,
    private readonly rules?: RulesService,
  ) {}

  async run(dataSource: DataSource, now = new Date()): Promise<MaintenanceReport> {
    const report: MaintenanceReport = { accounts: 0, expiredPoints: 0, releasedPoints: 0, tierChanges: 0 };
    const seen = new Set<number>();
    for (;;) {
      const ids = (await accountsWithDueLots(dataSource.manager, now, BATCH)).filter((id) => !seen.has(id));
      if (ids.length === 0) break;
      for (const accountId of ids) seen.add(accountId);
      // In id order: neighbouring accounts share pages of the accounts, lots and entries indexes.
      ids.sort((a, b) => a - b);
      const batches = Array.from({ length: Math.ceil(ids.length / SETTLE_BATCH) }, (_, i) => ids.slice(i * SETTLE_BATCH, (i + 1) * SETTLE_BATCH));
      let next = 0;
      const settle = async () => {
        while (next < batches.length) {
          const batch = batches[next++];
          const settled = await inTransaction(dataSource, (em) => this.ledger.settleDue(em, batch, now));
          for (const { released, expired } of settled) {
            report.releasedPoints += released;
            report.expiredPoints += expired;
          }
          report.accounts += settled.length;
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batches.length) }, settle));
    }
    for (const program of await dataSource.manager.find(Program)) {
      if (isReviewDay(program, now)) report.tierChanges += await this.reviewTiers(dataSource, program.id, now);
    }
    return report;
  }

  /** Re-qualifies every account of a program, downgrading where it no longer qualifies. */
  async reviewTiers(dataSource: DataSource, programId: number, now = new Date()): Promise<number> {
    const program = await this.programs.resolve(dataSource.manager, programId);
    const tiers = await this.programs.tiers(dataSource.manager, programId);
    if (tiers.length === 0) return 0;
    let changes = 0;
    let after = 0;
    for (;;) {
      const accounts = await dataSource.manager
        .getRepository(LoyaltyAccount)
        .createQueryBuilder('a')
        .where('a.programId = :programId AND a.id > :after', { programId, after })
        .orderBy('a.id', 'ASC')
        .take(BATCH)
        .getMany();
      if (accounts.length === 0) return changes;
      for (const account of accounts) {
        const change = await inTransaction(dataSource, async (em) => {
          const moved = await this.tiers.evaluate(em, await this.ledger.lock(em, account.id), program, tiers, now, true);
          if (moved && this.rules) {
            const data = { toTier: tiers.find((t) => t.id === moved.toTierId)?.code ?? null, fromTier: tiers.find((t) => t.id === moved.fromTierId)?.code ?? null };
            await this.rules.onEvent(em, program, account.memberId, { type: 'tierChanged', memberId: String(account.memberId), occurredAt: now.toISOString(), data }, { now });
          }
          return moved;
        });
        if (change) changes += 1;
      }
      after = accounts[accounts.length - 1].id;
    }
  }
}

/** The first local day of a month, quarter or year, as the program's review policy says. */
export function isReviewDay(program: Pick<Program, 'tierReview' | 'timezone'>, now: Date): boolean {
  const { month, day } = localParts(now, program.timezone);
  if (day !== 1) return false;
  if (program.tierReview === 'monthly') return true;
  if (program.tierReview === 'quarterly') return (month - 1) % 3 === 0;
  if (program.tierReview === 'yearly') return month === 1;
  return false;
}

/**
 * Accounts with lots to expire or release by `now`, for the daily job: one read of each
 * covering index ((state, expiresAt, accountId), (state, availableAt, accountId)), no lot read.
 */
export async function accountsWithDueLots(em: EntityManager, now: Date, limit: number): Promise<number[]> {
  const due = async (state: 'available' | 'pending', column: 'expiresAt' | 'availableAt') => {
    const rows: { accountId: number }[] = await em
      .getRepository(PointLot)
      .createQueryBuilder('l')
      .select('DISTINCT l.accountId', 'accountId')
      .where(`l.state = :state AND l.${column} <= :now`, { state, now })
      .limit(limit)
      .getRawMany();
    return rows.map((r) => Number(r.accountId));
  };
  const [expiring, releasing] = await Promise.all([due('available', 'expiresAt'), due('pending', 'availableAt')]);
  return [...new Set([...expiring, ...releasing])].slice(0, limit);
}
