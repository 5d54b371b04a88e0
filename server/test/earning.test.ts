import { describe, expect, it } from 'vitest';
import { localMidnight, startOfNextPeriod, startOfPeriod } from '../src/programs/calendar';
import { availableFrom, expiryFor, pointsForAmount, quote } from '../src/programs/earning';

const rub = { earnPoints: 1, earnPerMinor: 100, rounding: 'floor' as const, minPurchaseMinor: 0 };

describe('points for an amount', () => {
  it('earns 1 point per 1 ₽ (100 kopecks), rounding down by default', () => {
    expect(pointsForAmount(rub, 123_45)).toBe(123);
    expect(pointsForAmount(rub, 99)).toBe(0);
  });

  it('rounds as the program says', () => {
    expect(pointsForAmount({ ...rub, rounding: 'round' }, 150)).toBe(2);
    expect(pointsForAmount({ ...rub, rounding: 'round' }, 149)).toBe(1);
    expect(pointsForAmount({ ...rub, rounding: 'ceil' }, 101)).toBe(2);
    expect(pointsForAmount({ ...rub, rounding: 'ceil' }, 100)).toBe(1);
  });

  it('applies the tier multiplier before rounding once', () => {
    expect(pointsForAmount(rub, 333, 150)).toBe(4); // 3.33 × 1.5 = 4.995 → 4
    expect(pointsForAmount({ ...rub, rounding: 'round' }, 333, 150)).toBe(5);
  });

  it('earns nothing below the minimum purchase or for nothing', () => {
    expect(pointsForAmount({ ...rub, minPurchaseMinor: 500_00 }, 499_99)).toBe(0);
    expect(pointsForAmount({ ...rub, minPurchaseMinor: 500_00 }, 500_00)).toBe(500);
    expect(pointsForAmount(rub, 0)).toBe(0);
    expect(pointsForAmount(rub, -100)).toBe(0);
  });

  it('is exact on large amounts (5 % cashback on 20 million ₽)', () => {
    expect(pointsForAmount({ earnPoints: 5, earnPerMinor: 100, rounding: 'floor', minPurchaseMinor: 0 }, 2_000_000_000, 300)).toBe(300_000_000);
  });
});

describe('calendar in the brand time zone', () => {
  it('finds local midnight in Moscow (UTC+3, no DST)', () => {
    expect(localMidnight(2026, 3, 1, 'Europe/Moscow').toISOString()).toBe('2026-02-28T21:00:00.000Z');
  });

  it('finds local midnight on both sides of a DST change (New York)', () => {
    expect(localMidnight(2026, 3, 1, 'America/New_York').toISOString()).toBe('2026-03-01T05:00:00.000Z');
    expect(localMidnight(2026, 4, 1, 'America/New_York').toISOString()).toBe('2026-04-01T04:00:00.000Z');
    expect(localMidnight(2026, 3, 8, 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(localMidnight(2026, 11, 1, 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });

  it('an instant late on 31 January UTC is already February in Moscow', () => {
    const instant = new Date('2026-01-31T22:30:00Z');
    expect(startOfPeriod(instant, 'month', 'Europe/Moscow').toISOString()).toBe('2026-01-31T21:00:00.000Z');
    expect(startOfNextPeriod(instant, 'month', 'Europe/Moscow').toISOString()).toBe('2026-02-28T21:00:00.000Z');
  });

  it('knows quarters and years', () => {
    const instant = new Date('2026-05-10T10:00:00Z');
    expect(startOfNextPeriod(instant, 'quarter', 'Europe/Moscow').toISOString()).toBe('2026-06-30T21:00:00.000Z');
    expect(startOfNextPeriod(new Date('2026-11-10T10:00:00Z'), 'quarter', 'Europe/Moscow').toISOString()).toBe('2026-12-31T21:00:00.000Z');
    expect(startOfNextPeriod(instant, 'year', 'America/New_York').toISOString()).toBe('2027-01-01T05:00:00.000Z');
  });
});

describe('expiry and pending dates', () => {
  const earned = new Date('2026-03-20T12:00:00Z');
  it('never, after N days, or at the end of the period N days later', () => {
    expect(expiryFor({ expiryPolicy: 'never', expiryDays: 0, timezone: 'Europe/Moscow' }, earned)).toBeNull();
    expect(expiryFor({ expiryPolicy: 'days', expiryDays: 365, timezone: 'Europe/Moscow' }, earned)?.toISOString()).toBe('2027-03-20T12:00:00.000Z');
    expect(expiryFor({ expiryPolicy: 'endOfMonth', expiryDays: 0, timezone: 'America/New_York' }, earned)?.toISOString()).toBe('2026-04-01T04:00:00.000Z');
    expect(expiryFor({ expiryPolicy: 'endOfYear', expiryDays: 365, timezone: 'Europe/Moscow' }, earned)?.toISOString()).toBe('2027-12-31T21:00:00.000Z');
  });

  it('points wait out the return period', () => {
    expect(availableFrom({ pendingDays: 14 }, earned).toISOString()).toBe('2026-04-03T12:00:00.000Z');
    expect(availableFrom({ pendingDays: 0 }, earned)).toEqual(earned);
  });
});

describe('checkout quote', () => {
  const rules = { pointValueMinor: 100, maxRedeemPercent: 30, minRedeemPoints: 100 };
  it('applies the tier discount, then caps points at the share of the order', () => {
    expect(quote(rules, 1000_00, 5000, 5)).toEqual({
      discountPercent: 5,
      discountMinor: 50_00,
      payableMinor: 950_00,
      availablePoints: 5000,
      maxPoints: 285,
      maxPointsValueMinor: 285_00,
      pointValueMinor: 100,
    });
  });
  it('is limited by the balance, and by the minimum balance to redeem', () => {
    expect(quote(rules, 1000_00, 120, 0).maxPoints).toBe(120);
    expect(quote(rules, 1000_00, 99, 0).maxPoints).toBe(0);
  });
});
