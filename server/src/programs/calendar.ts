/**
 * Dates in the brand's time zone. Expiry "at the end of the month" means the end of the
 * month where the brand is, not in UTC; the instants stored are UTC.
 */

export type Period = 'month' | 'quarter' | 'year';

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface LocalParts {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** The UTC offset of `timeZone` at `instant`, in milliseconds (Moscow: +3 h). */
function offsetAt(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant when the local wall clock in `timeZone` shows midnight of the given date. */
export function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day);
  // Two passes settle the offset even when midnight is next to a DST change.
  let instant = guess - offsetAt(new Date(guess), timeZone);
  instant = guess - offsetAt(new Date(instant), timeZone);
  return new Date(instant);
}

/** The first instant of the period after the one `instant` falls in, in `timeZone`. */
export function startOfNextPeriod(instant: Date, period: Period, timeZone: string): Date {
  const { year, month } = localParts(instant, timeZone);
  if (period === 'month') return month === 12 ? localMidnight(year + 1, 1, 1, timeZone) : localMidnight(year, month + 1, 1, timeZone);
  if (period === 'quarter') {
    const nextQuarterMonth = Math.floor((month - 1) / 3) * 3 + 4;
    return nextQuarterMonth > 12 ? localMidnight(year + 1, 1, 1, timeZone) : localMidnight(year, nextQuarterMonth, 1, timeZone);
  }
  return localMidnight(year + 1, 1, 1, timeZone);
}

/** The first instant of the period `instant` falls in. */
export function startOfPeriod(instant: Date, period: Period, timeZone: string): Date {
  const { year, month } = localParts(instant, timeZone);
  if (period === 'month') return localMidnight(year, month, 1, timeZone);
  if (period === 'quarter') return localMidnight(year, Math.floor((month - 1) / 3) * 3 + 1, 1, timeZone);
  return localMidnight(year, 1, 1, timeZone);
}

export const DAY_MS = 86_400_000;
export const addDays = (instant: Date, days: number) => new Date(instant.getTime() + days * DAY_MS);
