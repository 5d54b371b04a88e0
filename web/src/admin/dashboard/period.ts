/** The dashboard's period: the last 7, 30 or 90 days up to the end of today, or dates picked by hand. */
export type PeriodPreset = 7 | 30 | 90 | 'custom';

export interface Period {
  from: Date;
  to: Date;
}

const DAY = 86_400_000;

function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

/** [from, to): to is the start of tomorrow, so today counts, and the range is whole days. */
export function lastDays(days: number, now: Date): Period {
  const to = new Date(startOfDay(now).getTime() + DAY);
  return { from: new Date(to.getTime() - days * DAY), to };
}

/** A picked range of days, both ends included. */
export function pickedDays(start: number, end: number): Period {
  const from = startOfDay(new Date(Math.min(start, end)));
  const to = new Date(startOfDay(new Date(Math.max(start, end))).getTime() + DAY);
  return { from, to };
}

export function periodDays(period: Period): number {
  return Math.round((period.to.getTime() - period.from.getTime()) / DAY);
}
