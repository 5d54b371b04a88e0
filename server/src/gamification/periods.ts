import { DAY_MS, localMidnight, localParts, startOfNextPeriod, startOfPeriod } from '../programs/calendar';

/** One period of a challenge or a leaderboard: [start, end) and the key its progress rows share. */
export interface PeriodWindow {
  key: string;
  start: Date;
  end: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar week (Monday to Monday) or month that `at` falls in, where the brand is. */
export function calendarWindow(period: 'week' | 'month', at: Date, timeZone: string): PeriodWindow {
  if (period === 'month') {
    const { year, month } = localParts(at, timeZone);
    return { key: `m:${year}-${pad(month)}`, start: startOfPeriod(at, 'month', timeZone), end: startOfNextPeriod(at, 'month', timeZone) };
  }
  const { year, month, day } = localParts(at, timeZone);
  const sinceMonday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  const monday = new Date(Date.UTC(year, month - 1, day) - sinceMonday * DAY_MS);
  const nextMonday = new Date(monday.getTime() + 7 * DAY_MS);
  return {
    key: `w:${monday.getUTCFullYear()}-${pad(monday.getUTCMonth() + 1)}-${pad(monday.getUTCDate())}`,
    start: localMidnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone),
    end: localMidnight(nextMonday.getUTCFullYear(), nextMonday.getUTCMonth() + 1, nextMonday.getUTCDate(), timeZone),
  };
}

/** A member's next rolling window, after the one numbered `previous` (0: none yet), starting now. */
export function rollingWindow(previous: number, days: number, at: Date): PeriodWindow {
  return { key: `r:${previous + 1}`, start: at, end: new Date(at.getTime() + days * DAY_MS) };
}

export const rollingNumber = (key: string) => Number(key.slice(2)) || 0;

/** When an event happened: its own time when it carries a valid one, otherwise now. */
export function eventTime(occurredAt: string | undefined, now: Date): Date {
  const at = occurredAt ? new Date(occurredAt) : now;
  return Number.isNaN(at.getTime()) ? now : at;
}
