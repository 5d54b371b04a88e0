import type { EntityManager } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { fromSqlDate, sqlDate, sqlMonth } from '../db/sql-date';
import { ValidationError } from '../errors';
import { ENTRY_KINDS, type EntryKind } from '../ledger/ledger-entry.entity';
import type { ProgramsService } from '../programs/programs.service';
import type { Program } from '../programs/program.entity';
import { welchTest, type Moments } from '../experiments/statistics';

const DAY_MS = 86_400_000;
/** The longest range one query may cover. */
const MAX_RANGE_DAYS = 3 * 366;

/** A figure for the range and the same-length range just before it. */
export interface Kpi {
  value: number;
  previous: number;
  /** (value − previous) / previous; null when previous is 0. */
  change: number | null;
}

export interface Range {
  from: Date;
  to: Date;
}

const kpi = (value: number, previous: number): Kpi => ({ value, previous, change: previous !== 0 ? (value - previous) / previous : null });
const num = (v: unknown) => Number(v ?? 0);

/**
 * Program analytics as SQL aggregates over indexed columns (ledger entries by program,
 * kind and time; purchases by program and time; members by join time). Every figure's
 * formula is in the README ("Analytics"). Ranges are [from, to).
 */
export class AnalyticsService {
  constructor(private readonly programs: ProgramsService) {}

  async context(em: EntityManager, programId: number | null | undefined, range: Range) {
    if (!(range.from < range.to)) throw ValidationError.of(['to'], 'must be after from');
    if (range.to.getTime() - range.from.getTime() > MAX_RANGE_DAYS * DAY_MS) throw ValidationError.of(['to'], `at most ${MAX_RANGE_DAYS} days`);
    const program = await this.programs.resolve(em, programId);
    const length = range.to.getTime() - range.from.getTime();
    return { program, range, previous: { from: new Date(range.from.getTime() - length), to: range.from } };
  }

  private date(em: EntityManager, date: Date) {
    return sqlDate(dialectOf(em.connection), date);
  }

  /** Members who joined (the brand) before `to`, who joined within the range, and who bought within it. */
  async members(em: EntityManager, program: Program, range: Range, previous: Range) {
    const total = async (to: Date) => num((await em.query(`SELECT COUNT(*) AS n FROM members WHERE createdAt < ? AND status <> 'anonymised'`, [this.date(em, to)]))[0].n);
    const joined = async (r: Range) => num((await em.query(`SELECT COUNT(*) AS n FROM members WHERE createdAt >= ? AND createdAt < ?`, [this.date(em, r.from), this.date(em, r.to)]))[0].n);
    return {
      total: kpi(await total(range.to), await total(previous.to)),
      new: kpi(await joined(range), await joined(previous)),
      active: kpi(await this.activeCount(em, program, range), await this.activeCount(em, program, previous)),
    };
  }

  private async activeCount(em: EntityManager, program: Program, r: Range): Promise<number> {
    const rows = await em.query(`SELECT COUNT(DISTINCT memberId) AS n FROM purchases WHERE programId = ? AND memberId IS NOT NULL AND occurredAt >= ? AND occurredAt < ?`, [program.id, this.date(em, r.from), this.date(em, r.to)]);
    return num(rows[0].n);
  }

  /**
   * Points by what happened to them in a range: issued (earned), redeemed, expired. The kinds
   * named lead the index (programId, kind, occurredAt, changes…), so each is one short range
   * read from the index alone; `ended` skips the earnings, by far the most entries.
   */
  private async pointFlows(em: EntityManager, program: Program, r: Range, kinds: readonly EntryKind[] = ['earn', 'redeem', 'expire']) {
    const [row] = await em.query(
      `SELECT
         COALESCE(SUM(CASE WHEN kind = 'earn' THEN availableChange + pendingChange - debtChange ELSE 0 END), 0) AS issued,
         COALESCE(SUM(CASE WHEN kind = 'redeem' THEN -availableChange ELSE 0 END), 0) AS redeemed,
         COALESCE(SUM(CASE WHEN kind = 'expire' THEN -(availableChange + pendingChange) ELSE 0 END), 0) AS expired
       FROM ledger_entries WHERE programId = ? AND kind IN (${kinds.map(() => '?').join(', ')}) AND occurredAt >= ? AND occurredAt < ?`,
      [program.id, ...kinds, this.date(em, r.from), this.date(em, r.to)],
    );
    return { issued: num(row.issued), redeemed: num(row.redeemed), expired: num(row.expired) };
  }

  async points(em: EntityManager, program: Program, range: Range, previous: Range) {
    const now = await this.pointFlows(em, program, range);
    const before = await this.pointFlows(em, program, previous);
    const rate = (f: { issued: number; redeemed: number }) => (f.issued > 0 ? f.redeemed / f.issued : 0);
    return {
      issued: kpi(now.issued, before.issued),
      redeemed: kpi(now.redeemed, before.redeemed),
      expired: kpi(now.expired, before.expired),
      redemptionRate: kpi(rate(now), rate(before)),
    };
  }

  /**
   * What the program owes at `to`: the balances then, in points and money, and the share
   * expected never to be spent, from the last year's outcome of points that ended
   * (expired ÷ (expired + redeemed)). The balances then are the accounts' balances now less
   * what the ledger moved since: the same as summing the ledger up to `at` (the accounts
   * always equal their entries), but it reads one row per member and the recent entries,
   * not every entry ever written.
   */
  async liability(em: EntityManager, program: Program, at: Date) {
    const [now] = await em.query(`SELECT COALESCE(SUM(available), 0) AS available, COALESCE(SUM(pending), 0) AS pending FROM loyalty_accounts WHERE programId = ?`, [program.id]);
    const [since] = await em.query(
      `SELECT COALESCE(SUM(availableChange), 0) AS available, COALESCE(SUM(pendingChange), 0) AS pending FROM ledger_entries
        WHERE programId = ? AND kind IN (${ENTRY_KINDS.map(() => '?').join(', ')}) AND occurredAt >= ?`,
      [program.id, ...ENTRY_KINDS, this.date(em, at)],
    );
    const row = { available: num(now.available) - num(since.available), pending: num(now.pending) - num(since.pending) };
    const flows = await this.pointFlows(em, program, { from: new Date(at.getTime() - 365 * DAY_MS), to: at }, ['redeem', 'expire']);
    const ended = flows.expired + flows.redeemed;
    const breakageRate = ended > 0 ? flows.expired / ended : 0;
    const points = num(row.available) + num(row.pending);
    const pointValue = program.valueKind === 'cashback' ? 1 : program.pointValueMinor;
    return { availablePoints: num(row.available), pendingPoints: num(row.pending), points, moneyMinor: points * pointValue, breakageRate, expectedBreakageMinor: Math.round(points * pointValue * breakageRate) };
  }

  /** Purchases of members and of people who are not members, in the range. */
  async memberComparison(em: EntityManager, program: Program, range: Range) {
    const rows: { member: number | string; purchases: number | string; revenue: number | string; customers: number | string }[] = await em.query(
      `SELECT CASE WHEN memberId IS NULL THEN 0 ELSE 1 END AS member, COUNT(*) AS purchases, COALESCE(SUM(totalMinor - refundedMinor), 0) AS revenue, COUNT(DISTINCT memberId) AS customers
         FROM purchases WHERE programId = ? AND occurredAt >= ? AND occurredAt < ? GROUP BY CASE WHEN memberId IS NULL THEN 0 ELSE 1 END`,
      [program.id, this.date(em, range.from), this.date(em, range.to)],
    );
    const side = (member: boolean) => {
      const r = rows.find((x) => num(x.member) === (member ? 1 : 0));
      const purchases = num(r?.purchases);
      const revenue = num(r?.revenue);
      const customers = num(r?.customers);
      return {
        purchases,
        revenueMinor: revenue,
        averageCheckMinor: purchases ? revenue / purchases : 0,
        // Non-members cannot be told apart, so their frequency is unknown.
        purchasesPerCustomer: member ? (customers ? purchases / customers : 0) : null,
      };
    };
    return { members: side(true), nonMembers: side(false) };
  }

  /**
   * Members who bought before they joined (history imported from the till), each compared
   * with themselves: average check and purchases per 30 days before joining (from their first
   * purchase) and after (up to `to`); spans shorter than 30 days count as 30.
   */
  async enrolmentEffect(em: EntityManager, program: Program, to: Date) {
    const rows: { joinedAt: Date | string; first: Date | string; nb: number | string; rb: number | string; na: number | string; ra: number | string }[] = await em.query(
      `SELECT m.createdAt AS joinedAt, MIN(p.occurredAt) AS first,
              SUM(CASE WHEN p.occurredAt < m.createdAt THEN 1 ELSE 0 END) AS nb,
              SUM(CASE WHEN p.occurredAt < m.createdAt THEN p.totalMinor - p.refundedMinor ELSE 0 END) AS rb,
              SUM(CASE WHEN p.occurredAt >= m.createdAt THEN 1 ELSE 0 END) AS na,
              SUM(CASE WHEN p.occurredAt >= m.createdAt THEN p.totalMinor - p.refundedMinor ELSE 0 END) AS ra
         FROM members m INNER JOIN purchases p ON p.memberId = m.id AND p.programId = ? AND p.occurredAt < ?
        GROUP BY m.id, m.createdAt
       HAVING SUM(CASE WHEN p.occurredAt < m.createdAt THEN 1 ELSE 0 END) > 0`,
      [program.id, this.date(em, to)],
    );
    const at = (v: Date | string) => fromSqlDate(v).getTime();
    const months = (from: number, until: number) => Math.max(30, (until - from) / DAY_MS) / 30;
    const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((total, r) => total + pick(r), 0);
    const side = (purchases: number, revenue: number, spanMonths: number) => ({
      purchases,
      averageCheckMinor: purchases ? revenue / purchases : 0,
      purchasesPerMonth: spanMonths ? purchases / spanMonths : 0,
    });
    return {
      members: rows.length,
      before: side(sum((r) => num(r.nb)), sum((r) => num(r.rb)), sum((r) => months(at(r.first), at(r.joinedAt)))),
      after: side(sum((r) => num(r.na)), sum((r) => num(r.ra)), sum((r) => months(at(r.joinedAt), to.getTime()))),
    };
  }

  /**
   * Monthly join cohorts (calendar months in UTC) of members who joined in the range:
   * retention[k] = share of the cohort with a purchase in the k-th month after joining (k = 0 is the join month).
   */
  async cohorts(em: EntityManager, program: Program, range: Range) {
    const month = (column: string) => sqlMonth(dialectOf(em.connection), column);
    const args = [this.date(em, range.from), this.date(em, range.to)];
    const sizes: { cohort: string; n: number | string }[] = await em.query(`SELECT ${month('createdAt')} AS cohort, COUNT(*) AS n FROM members WHERE createdAt >= ? AND createdAt < ? GROUP BY ${month('createdAt')}`, args);
    const active: { cohort: string; bought: string; n: number | string }[] = await em.query(
      `SELECT ${month('m.createdAt')} AS cohort, ${month('p.occurredAt')} AS bought, COUNT(DISTINCT p.memberId) AS n
         FROM members m INNER JOIN purchases p ON p.memberId = m.id AND p.programId = ? AND p.occurredAt >= m.createdAt AND p.occurredAt < ?
        WHERE m.createdAt >= ? AND m.createdAt < ?
        GROUP BY ${month('m.createdAt')}, ${month('p.occurredAt')}`,
      [program.id, this.date(em, range.to), ...args],
    );
    const index = (from: string, to: string) => (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
    const last = range.to.toISOString().slice(0, 7);
    return sizes
      .map((s) => {
        const size = num(s.n);
        const retention = Array.from({ length: index(s.cohort, last) + 1 }, (_, k) => {
          const bought = active.filter((a) => a.cohort === s.cohort && index(s.cohort, a.bought) === k).reduce((sum, a) => sum + num(a.n), 0);
          return size ? bought / size : 0;
        });
        return { cohort: s.cohort, size, retention };
      })
      .sort((a, b) => a.cohort.localeCompare(b.cohort));
  }

  /**
   * Churn: members who bought in the previous range and not in this one, over those who
   * bought in the previous range. CLTV: revenue per active member per 30 days × gross
   * margin × expected lifetime (30-day periods until churn, 1 / monthly churn).
   */
  async retention(em: EntityManager, program: Program, range: Range, previous: Range, grossMarginPercent: number) {
    const between = `SELECT DISTINCT memberId FROM purchases WHERE programId = ? AND memberId IS NOT NULL AND occurredAt >= ? AND occurredAt < ?`;
    const [churn] = await em.query(
      `SELECT COUNT(*) AS base, SUM(CASE WHEN cur.memberId IS NULL THEN 1 ELSE 0 END) AS lost
         FROM (${between}) prev LEFT JOIN (${between}) cur ON cur.memberId = prev.memberId`,
      [program.id, this.date(em, previous.from), this.date(em, previous.to), program.id, this.date(em, range.from), this.date(em, range.to)],
    );
    const base = num(churn.base);
    const churnRate = base ? num(churn.lost) / base : 0;
    const days = (range.to.getTime() - range.from.getTime()) / DAY_MS;
    const monthlyChurn = 1 - (1 - churnRate) ** (30 / days);
    const [revenue] = await em.query(`SELECT COALESCE(SUM(totalMinor - refundedMinor), 0) AS revenue, COUNT(DISTINCT memberId) AS buyers FROM purchases WHERE programId = ? AND memberId IS NOT NULL AND occurredAt >= ? AND occurredAt < ?`, [
      program.id,
      this.date(em, range.from),
      this.date(em, range.to),
    ]);
    const monthlyRevenuePerMember = num(revenue.buyers) ? (num(revenue.revenue) / num(revenue.buyers)) * (30 / days) : 0;
    return {
      churnRate,
      monthlyChurnRate: monthlyChurn,
      monthlyRevenuePerMemberMinor: monthlyRevenuePerMember,
      cltvMinor: monthlyChurn > 0 ? (monthlyRevenuePerMember * (grossMarginPercent / 100)) / monthlyChurn : null,
    };
  }

  /** Members per tier now, and the moves between tiers in the range. */
  async tiers(em: EntityManager, program: Program, range: Range) {
    // Counted by tierId from the (programId, tierId) index alone, then named: a million accounts
    // are counted without reading one of their rows.
    const counted: { code: string | null; name: string | null; n: number | string }[] = await em.query(
      `SELECT t.code AS code, t.name AS name, x.n AS n FROM (SELECT tierId, COUNT(*) AS n FROM loyalty_accounts WHERE programId = ? GROUP BY tierId) x LEFT JOIN tiers t ON t.id = x.tierId`,
      [program.id],
    );
    const byTier = new Map<string, { code: string | null; name: string | null; n: number }>();
    for (const row of counted) {
      const key = `${row.code}\u0000${row.name}`;
      const seen = byTier.get(key) ?? { code: row.code, name: row.name, n: 0 };
      seen.n += num(row.n);
      byTier.set(key, seen);
    }
    const distribution = [...byTier.values()];
    const [moves] = await em.query(
      // A first tier (from none) is joining, not an upgrade.
      `SELECT COALESCE(SUM(CASE WHEN ft.id IS NOT NULL AND COALESCE(tt.rank, -1) > ft.rank THEN 1 ELSE 0 END), 0) AS upgrades,
              COALESCE(SUM(CASE WHEN ft.id IS NOT NULL AND COALESCE(tt.rank, -1) < ft.rank THEN 1 ELSE 0 END), 0) AS downgrades
         FROM tier_changes c INNER JOIN loyalty_accounts a ON a.id = c.accountId
         LEFT JOIN tiers ft ON ft.id = c.fromTierId LEFT JOIN tiers tt ON tt.id = c.toTierId
        WHERE a.programId = ? AND c.createdAt >= ? AND c.createdAt < ?`,
      [program.id, this.date(em, range.from), this.date(em, range.to)],
    );
    return {
      distribution: distribution.map((d) => ({ tier: d.code, name: d.name, members: num(d.n) })).sort((a, b) => String(a.tier).localeCompare(String(b.tier))),
      upgrades: num(moves.upgrades),
      downgrades: num(moves.downgrades),
    };
  }

  /**
   * The program's holdout against everyone else, over the range: revenue per account holder
   * (net of refunds, non-buyers as 0), Welch's test of the difference, incremental revenue =
   * difference × treated members (with its 95 % interval), campaign cost of the range and
   * ROI = (incremental revenue × gross margin − cost) ÷ cost.
   */
  async holdout(em: EntityManager, program: Program, range: Range, grossMarginPercent: number) {
    const rows: { holdout: number | string; n: number | string; revenue: number | string; squares: number | string }[] = await em.query(
      `SELECT x.holdout AS holdout, COUNT(*) AS n, SUM(x.revenue) AS revenue, SUM(x.revenue * 1.0 * x.revenue) AS squares FROM (
         SELECT a.holdout AS holdout, a.memberId AS memberId, COALESCE(SUM(p.totalMinor - p.refundedMinor), 0) AS revenue
           FROM loyalty_accounts a LEFT JOIN purchases p ON p.memberId = a.memberId AND p.programId = a.programId AND p.occurredAt >= ? AND p.occurredAt < ?
          WHERE a.programId = ? AND a.joinedAt < ?
          GROUP BY a.holdout, a.memberId) x
       GROUP BY x.holdout`,
      [this.date(em, range.from), this.date(em, range.to), program.id, this.date(em, range.to)],
    );
    const group = (holdout: boolean): Moments => {
      const r = rows.find((x) => num(x.holdout) === (holdout ? 1 : 0));
      return { n: num(r?.n), sum: num(r?.revenue), sumSquares: num(r?.squares) };
    };
    const control = group(true);
    const treated = group(false);
    const uplift = welchTest(control, treated);
    const cost = (await this.campaignCosts(em, program, range)).reduce((sum, c) => sum + c.costMinor, 0);
    const incremental = uplift.absoluteUplift * treated.n;
    return {
      percent: program.holdoutPercent,
      holdoutMembers: control.n,
      treatedMembers: treated.n,
      uplift,
      incrementalRevenueMinor: incremental,
      incrementalLowMinor: Number.isFinite(uplift.ciLow) ? uplift.ciLow * treated.n : null,
      incrementalHighMinor: Number.isFinite(uplift.ciHigh) ? uplift.ciHigh * treated.n : null,
      campaignCostMinor: cost,
      roi: cost > 0 ? (incremental * (grossMarginPercent / 100) - cost) / cost : null,
    };
  }

  /** Points each campaign gave in the range, their cost and the members who got them. */
  async campaignCosts(em: EntityManager, program: Program, range: Range) {
    const rows: { campaignId: number | string; name: string; points: number | string; members: number | string }[] = await em.query(
      `SELECT e.campaignId AS campaignId, c.name AS name, SUM(e.availableChange + e.pendingChange - e.debtChange) AS points, COUNT(DISTINCT e.memberId) AS members
         FROM ledger_entries e INNER JOIN campaigns c ON c.id = e.campaignId
        WHERE e.programId = ? AND e.kind = 'earn' AND e.campaignId IS NOT NULL AND e.occurredAt >= ? AND e.occurredAt < ?
        GROUP BY e.campaignId, c.name ORDER BY e.campaignId`,
      [program.id, this.date(em, range.from), this.date(em, range.to)],
    );
    const pointValue = program.valueKind === 'cashback' ? 1 : program.pointValueMinor;
    return rows.map((r) => ({ campaignId: num(r.campaignId), name: r.name, pointsIssued: num(r.points), costMinor: num(r.points) * pointValue, membersReached: num(r.members) }));
  }
}
