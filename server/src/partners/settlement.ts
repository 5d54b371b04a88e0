import type { Partner } from './partner.entity';

/** Point sums of one partner's ledger entries in a period (or one month of it). */
export interface PointTotals {
  /** Earned on purchases recorded with the partner's keys. */
  issued: number;
  /** Taken back by refunds of those purchases (from balances and as debt). */
  reversed: number;
  /** Spent at the partner. */
  redeemed: number;
}

export interface SettlementFigures extends PointTotals {
  /** issued − reversed: what the partner pays for. */
  netIssued: number;
  /** What the partner owes the coalition for the points it issued, net of refunds. */
  partnerOwesMinor: number;
  /** What the coalition owes the partner for the points redeemed there. */
  coalitionOwesMinor: number;
  /** partnerOwes − coalitionOwes: positive, the partner pays; negative, the partner is paid. */
  netMinor: number;
}

/**
 * Money for `points` at `rateMinor` per `ratePoints` points, in whole minor units.
 * Rounding: half away from zero, applied once to the line's point total (never per
 * entry), so that a thousand small purchases add no rounding error. Exact in integers:
 * points ≤ 2^31 and rate ≤ 10^6 keep every product below 2^53.
 */
export function moneyFor(points: number, rateMinor: number, ratePoints: number): number {
  const magnitude = Math.abs(points) * rateMinor;
  const rounded = Math.floor((2 * magnitude + ratePoints) / (2 * ratePoints));
  return points < 0 ? -rounded : rounded;
}

export function figuresFor(partner: Pick<Partner, 'issueRateMinor' | 'redeemRateMinor' | 'ratePoints'>, totals: PointTotals): SettlementFigures {
  const netIssued = totals.issued - totals.reversed;
  const partnerOwesMinor = moneyFor(netIssued, partner.issueRateMinor, partner.ratePoints);
  const coalitionOwesMinor = moneyFor(totals.redeemed, partner.redeemRateMinor, partner.ratePoints);
  return { ...totals, netIssued, partnerOwesMinor, coalitionOwesMinor, netMinor: partnerOwesMinor - coalitionOwesMinor };
}

/** Points of one grouped ledger row, by the kind of entry (see LedgerService for the signs). */
export function pointsOfRow(row: { kind: string; available: number; pending: number; debt: number }): Partial<PointTotals> {
  if (row.kind === 'earn') return { issued: row.available + row.pending - row.debt };
  if (row.kind === 'reverse') return { reversed: row.debt - row.available - row.pending };
  if (row.kind === 'redeem') return { redeemed: -row.available };
  return {};
}

export const ZERO: PointTotals = { issued: 0, reversed: 0, redeemed: 0 };

export function addTotals(a: PointTotals, b: Partial<PointTotals>): PointTotals {
  return { issued: a.issued + (b.issued ?? 0), reversed: a.reversed + (b.reversed ?? 0), redeemed: a.redeemed + (b.redeemed ?? 0) };
}
