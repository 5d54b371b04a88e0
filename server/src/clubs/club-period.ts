import type { PeriodUnit } from './club-plan.entity';

const DAY_MS = 86_400_000;

/** Instants kept to whole seconds: MySQL DATETIME drops milliseconds, and jobs compare periods exactly. */
export const wholeSecond = (instant: Date) => new Date(Math.floor(instant.getTime() / 1000) * 1000);

export const addDays = (instant: Date, days: number) => new Date(instant.getTime() + days * DAY_MS);

/** One paid period after `start` (UTC): a month from 31 January ends on the last day of February. */
export function addPeriod(start: Date, unit: PeriodUnit, count: number): Date {
  if (unit === 'day') return addDays(start, count);
  const target = new Date(start.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + count);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/** What one subscription brings in per month, in minor units (a 30-day month for day plans). */
export function monthlyMinor(priceMinor: number, unit: PeriodUnit, count: number): number {
  return unit === 'month' ? priceMinor / count : (priceMinor * 30) / count;
}
