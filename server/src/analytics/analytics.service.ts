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
 * Reads that several figures of one request share (the dashboard asks for members, retention
 * and the member comparison, each from the same purchases), each run once per request: a
 * DataLoader-like memo that lives as long as the request's scope, not a cache.
 */
export type SharedReads = Map<string, Promise<unknown>>;

function once<T>(shared: SharedReads | undefined, key: string, work: () => Promise<T>): Promise<T> {
  if (!shared) return work();
  let read = shared.get(key) as Promise<T> | undefined;
  if (!read) {
    read = work();
    shared.set(key, read);
  }
  return read;
}

/** What the purchases of a range and of the range before say about members (`purchaseFacts`). */
export interface PurchaseFacts {
  /** Members who bought in the previous range, in this one, in either. */
  buyersBefore: number;
  buyers: number;
  buyersInEither: number;
  memberPurchases: number;
  memberRevenue: number;
  otherPurchases: number;
  otherRevenue: number;
}

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

  /**
   * Members who joined (the brand) before `to`, who joined within the range, and who bought
   * within it. Counting every member is one pass over the (createdAt, status) index; the
   * total at the end of the previous range is that less the members who joined since.
   */
  async members(em: EntityManager, program: Program, range: Range, previous: Range, shared?: SharedReads) {
    const date = (d: Date) => this.date(em, d);
    const [[total], [since], [joinedBefore], facts] = await Promise.all([
      em.query(`SELECT COUNT(*) AS n FROM members WHERE createdAt < ? AND status <> 'anonymised'`, [date(range.to)]),
      // previous.to <= range.from: the members who joined in [previous.to, range.to) hold those of the range.
      em.query(
        `SELECT COALESCE(SUM(CASE WHEN status <> 'anonymised' THEN 1 ELSE 0 END), 0) AS kept, COALESCE(SUM(CASE WHEN createdAt >= ? THEN 1 ELSE 0 END), 0) AS joined
           FROM members WHERE createdAt >= ? AND createdAt < ?`,
        [date(range.from), date(previous.to), date(range.to)],
      ),
      em.query(`SELECT COUNT(*) AS n FROM members WHERE createdAt >= ? AND createdAt < ?`, [date(previous.from), date(previous.to)]),
      this.purchaseFacts(em, program, range, previous, shared),
    ]);
    return {
      total: kpi(num(total.n), num(total.n) - num(since.kept)),
      new: kpi(num(since.joined), num(joinedBefore.n)),
      active: kpi(facts.buyers, facts.buyersBefore),
    };
  }

  /**
   * One pass over the purchases of the previous range and this one (the covering
   * (programId, occurredAt, memberId, totalMinor, refundedMinor) index) for everything the
   * dashboard asks of them: buyers then, now and in either (churn = either − now), and
   * purchases and revenue of members and of others now.
   */
  purchaseFacts(em: EntityManager, program: Program, range: Range, previous: Range, shared?: SharedReads): Promise<PurchaseFacts> {
    const key = `purchases:${program.id}:${range.from.getTime()}:${range.to.getTime()}:${previous.from.getTime()}:${previous.to.getTime()}`;
    return once(shared, key, async () => {
      const [from, to, prevFrom, prevTo] = [range.from, range.to, previous.from, previous.to].map((d) => this.date(em, d));
      const now = `occurredAt >= ? AND occurredAt < ?`;
      const before = `occurredAt >= ? AND occurredAt < ?`;
      const [row] = await em.query(
        `SELECT COUNT(DISTINCT CASE WHEN ${before} THEN memberId END) AS buyersBefore,
                COUNT(DISTINCT CASE WHEN ${now} THEN memberId END) AS buyers,
                COUNT(DISTINCT memberId) AS buyersInEither,
                COALESCE(SUM(CASE WHEN memberId IS NOT NULL AND ${now} THEN 1 ELSE 0 END), 0) AS memberPurchases,
                COALESCE(SUM(CASE WHEN memberId IS NOT NULL AND ${now} THEN totalMinor - refundedMinor ELSE 0 END), 0) AS memberRevenue,
                COALESCE(SUM(CASE WHEN memberId IS NULL AND ${now} THEN 1 ELSE 0 END), 0) AS otherPurchases,
                COALESCE(SUM(CASE WHEN memberId IS NULL AND ${now} THEN totalMinor - refundedMinor ELSE 0 END), 0) AS otherRevenue
           FROM purchases WHERE programId = ? AND ((${before}) OR (${now}))`,
        [prevFrom, prevTo, from, to, from, to, from, to, from, to, from, to, program.id, prevFrom, prevTo, from, to],
      );
      return {
        buyersBefore: num(row.buyersBefore),
        buyers: num(row.buyers),
        buyersInEither: num(row.buyersInEither),
        memberPurchases: num(row.memberPurchases),
        memberRevenue: num(row.memberRevenue),
        otherPurchases: num(row.otherPurchases),
        otherRevenue: num(row.otherRevenue),
      };
    });
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
    const [now, before] = await Promise.all([this.pointFlows(em, program, range), this.pointFlows(em, program, previous)]);
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
  async liability(em: EntityManager, program: Program, at: Date, shared?: SharedReads) {
    const [byTier, [since], flows] = await Promise.all([
      this.accountsByTier(em, program, shared),
      em.query(
        `SELECT COALESCE(SUM(availableChange), 0) AS available, COALESCE(SUM(pendingChange), 0) AS pending FROM ledger_entries
          WHERE programId = ? AND kind IN (${ENTRY_KINDS.map(() => '?').join(', ')}) AND occurredAt >= ?`,
        [program.id, ...ENTRY_KINDS, this.date(em, at)],
      ),
      this.pointFlows(em, program, { from: new Date(at.getTime() - 365 * DAY_MS), to: at }, ['redeem', 'expire']),
    ]);
    const sum = (pick: (t: (typeof byTier)[number]) => number) => byTier.reduce((total, t) => total + pick(t), 0);
    const row = { available: sum((t) => t.available) - num(since.available), pending: sum((t) => t.pending) - num(since.pending) };
    const ended = flows.expired + flows.redeemed;
    const breakageRate = ended > 0 ? flows.expired / ended : 0;
    const points = num(row.available) + num(row.pending);
    const pointValue = program.valueKind === 'cashback' ? 1 : program.pointValueMinor;
    return { availablePoints: num(row.available), pendingPoints: num(row.pending), points, moneyMinor: points * pointValue, breakageRate, expectedBreakageMinor: Math.round(points * pointValue * breakageRate) };
  }

  /**
   * The program's accounts now, by tier: how many and the points they hold. One pass over
   * the (programId, tierId, available, pending) index, never the rows; the tiers and the
   * liability share it.
   */
  accountsByTier(em: EntityManager, program: Program, shared?: SharedReads) {
    return once(shared, `accounts:${program.id}`, async () => {
      const rows: { code: string | null; name: string | null; n: number | string; available: number | string; pending: number | string }[] = await em.query(
        `SELECT t.code AS code, t.name AS name, x.n AS n, x.available AS available, x.pending AS pending
           FROM (SELECT tierId, COUNT(*) AS n, SUM(available) AS available, SUM(pending) AS pending FROM loyalty_accounts WHERE programId = ? GROUP BY tierId) x
           LEFT JOIN tiers t ON t.id = x.tierId`,
        [program.id],
      );
      return rows.map((r) => ({ code: r.code, name: r.name, n: num(r.n), available: num(r.available), pending: num(r.pending) }));
    });
  }

  /** Purchases of members and of people who are not members, in the range. */
  async memberComparison(em: EntityManager, program: Program, range: Range, previous: Range, shared?: SharedReads) {
    const facts = await this.purchaseFacts(em, program, range, previous, shared);
    const side = (purchases: number, revenue: number, customers: number | null) => ({
      purchases,
      revenueMinor: revenue,
      averageCheckMinor: purchases ? revenue / purchases : 0,
      // Non-members cannot be told apart, so their frequency is unknown.
      purchasesPerCustomer: customers === null ? null : customers ? purchases / customers : 0,
    });
    return { members: side(facts.memberPurchases, facts.memberRevenue, facts.buyers), nonMembers: side(facts.otherPurchases, facts.otherRevenue, null) };
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
    const [sizes, active]: [{ cohort: string; n: number | string }[], { cohort: string; bought: string; n: number | string }[]] = await Promise.all([
      em.query(`SELECT ${month('createdAt')} AS cohort, COUNT(*) AS n FROM members WHERE createdAt >= ? AND createdAt < ? GROUP BY ${month('createdAt')}`, args),
      // The new members' purchases from the (memberId, occurredAt, programId) index alone.
      em.query(
      `SELECT ${month('m.createdAt')} AS cohort, ${month('p.occurredAt')} AS bought, COUNT(DISTINCT p.memberId) AS n
         FROM members m INNER JOIN purchases p ON p.memberId = m.id AND p.programId = ? AND p.occurredAt >= m.createdAt AND p.occurredAt < ?
        WHERE m.createdAt >= ? AND m.createdAt < ?
        GROUP BY ${month('m.createdAt')}, ${month('p.occurredAt')}`,
        [program.id, this.date(em, range.to), ...args],
      ),
    ]);
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
  async retention(em: EntityManager, program: Program, range: Range, previous: Range, grossMarginPercent: number, shared?: SharedReads) {
    const facts = await this.purchaseFacts(em, program, range, previous, shared);
    // Lost: bought before and not now, the buyers of either range less those of this one.
    const base = facts.buyersBefore;
    const churnRate = base ? (facts.buyersInEither - facts.buyers) / base : 0;
    const days = (range.to.getTime() - range.from.getTime()) / DAY_MS;
    const monthlyChurn = 1 - (1 - churnRate) ** (30 / days);
    const monthlyRevenuePerMember = facts.buyers ? (facts.memberRevenue / facts.buyers) * (30 / days) : 0;
    return {
      churnRate,
      monthlyChurnRate: monthlyChurn,
      monthlyRevenuePerMemberMinor: monthlyRevenuePerMember,
      cltvMinor: monthlyChurn > 0 ? (monthlyRevenuePerMember * (grossMarginPercent / 100)) / monthlyChurn : null,
    };
  }

  /** Members per tier now, and the moves between tiers in the range. */
  async tiers(em: EntityManager, program: Program, range: Range, shared?: SharedReads) {
    const [counted, [moves]] = await Promise.all([
      this.accountsByTier(em, program, shared),
      em.query(
        // A first tier (from none) is joining, not an upgrade.
        `SELECT COALESCE(SUM(CASE WHEN ft.id IS NOT NULL AND COALESCE(tt.rank, -1) > ft.rank THEN 1 ELSE 0 END), 0) AS upgrades,
                COALESCE(SUM(CASE WHEN ft.id IS NOT NULL AND COALESCE(tt.rank, -1) < ft.rank THEN 1 ELSE 0 END), 0) AS downgrades
           FROM tier_changes c INNER JOIN loyalty_accounts a ON a.id = c.accountId
           LEFT JOIN tiers ft ON ft.id = c.fromTierId LEFT JOIN tiers tt ON tt.id = c.toTierId
          WHERE a.programId = ? AND c.createdAt >= ? AND c.createdAt < ?`,
        [program.id, this.date(em, range.from), this.date(em, range.to)],
      ),
    ]);
    const byTier = new Map<string, { code: string | null; name: string | null; n: number }>();
    for (const row of counted) {
      const key = `${row.code}\u0000${row.name}`;
      const seen = byTier.get(key) ?? { code: row.code, name: row.name, n: 0 };
      seen.n += row.n;
      byTier.set(key, seen);
    }
    const distribution = [...byTier.values()];
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
