import { addDays, startOfNextPeriod } from './calendar';
import type { Program } from './program.entity';

type EarnRules = Pick<Program, 'earnPoints' | 'earnPerMinor' | 'rounding' | 'minPurchaseMinor'>;

/**
 * Points a purchase of `amountMinor` earns: the program's rate, times the tier's
 * multiplier (percent), rounded once by the program's rule. Integer arithmetic only.
 */
export function pointsForAmount(rules: EarnRules, amountMinor: number, multiplierPercent = 100): number {
  if (amountMinor <= 0 || amountMinor < rules.minPurchaseMinor) return 0;
  const numerator = amountMinor * rules.earnPoints * multiplierPercent;
  const denominator = rules.earnPerMinor * 100;
  const whole = Math.floor(numerator / denominator);
  const remainder = numerator - whole * denominator;
  if (remainder === 0 || rules.rounding === 'floor') return whole;
  if (rules.rounding === 'ceil') return whole + 1;
  return remainder * 2 >= denominator ? whole + 1 : whole;
}

type ExpiryRules = Pick<Program, 'expiryPolicy' | 'expiryDays' | 'timezone'>;

/** When points earned at `earnedAt` expire; null when they never do. */
export function expiryFor(rules: ExpiryRules, earnedAt: Date): Date | null {
  switch (rules.expiryPolicy) {
    case 'never':
      return null;
    case 'days':
      return addDays(earnedAt, rules.expiryDays);
    case 'endOfMonth':
      return startOfNextPeriod(addDays(earnedAt, rules.expiryDays), 'month', rules.timezone);
    case 'endOfQuarter':
      return startOfNextPeriod(addDays(earnedAt, rules.expiryDays), 'quarter', rules.timezone);
    case 'endOfYear':
      return startOfNextPeriod(addDays(earnedAt, rules.expiryDays), 'year', rules.timezone);
  }
}

/** When points earned at `earnedAt` may be spent: after the return period. */
export function availableFrom(rules: Pick<Program, 'pendingDays'>, earnedAt: Date): Date {
  return addDays(earnedAt, rules.pendingDays);
}

type RedeemRules = Pick<Program, 'pointValueMinor' | 'maxRedeemPercent' | 'minRedeemPoints'>;

export interface CheckoutQuote {
  discountPercent: number;
  discountMinor: number;
  /** The order after the tier discount, before points. */
  payableMinor: number;
  availablePoints: number;
  /** The most points this order may take. */
  maxPoints: number;
  maxPointsValueMinor: number;
  pointValueMinor: number;
}

/** What a member may spend on an order of `totalMinor` with `available` points and a tier discount. */
export function quote(rules: RedeemRules, totalMinor: number, available: number, discountPercent: number): CheckoutQuote {
  const discountMinor = Math.floor((totalMinor * discountPercent) / 100);
  const payableMinor = totalMinor - discountMinor;
  const capValue = Math.floor((payableMinor * rules.maxRedeemPercent) / 100);
  const spendable = available >= rules.minRedeemPoints ? available : 0;
  const maxPoints = rules.pointValueMinor > 0 ? Math.min(spendable, Math.floor(capValue / rules.pointValueMinor)) : 0;
  return {
    discountPercent,
    discountMinor,
    payableMinor,
    availablePoints: available,
    maxPoints,
    maxPointsValueMinor: maxPoints * rules.pointValueMinor,
    pointValueMinor: rules.pointValueMinor,
  };
}
