import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { EvalContext } from '../definition';
import { conditionTimeWindow, localTime } from './condition-time-window';

const context = (occurredAt: string, timezone = 'Europe/Moscow'): EvalContext => ({
  event: { type: 'purchase', memberId: 'm-1', occurredAt },
  facts: {},
  timezone,
  pointValueMinor: 100,
});

const run = (params: object, occurredAt: string, timezone?: string) => conditionTimeWindow.run!(conditionTimeWindow.params.parse(params), context(occurredAt, timezone));
const port = (params: object, occurredAt: string, timezone?: string) => run(params, occurredAt, timezone).ports[0];

function issuePaths(params: z.ZodType, input: unknown): string[] {
  const result = params.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

// 2025-03-14 is a Friday. At 21:30 UTC it is already Saturday 00:30 in Moscow (UTC+3, no DST).
const FRIDAY_LATE_UTC = '2025-03-14T21:30:00Z';

describe('localTime', () => {
  it('gives the local date, ISO weekday and hour', () => {
    expect(localTime(FRIDAY_LATE_UTC, 'UTC')).toEqual({ date: '2025-03-14', weekday: 5, hour: 21 });
    expect(localTime(FRIDAY_LATE_UTC, 'Europe/Moscow')).toEqual({ date: '2025-03-15', weekday: 6, hour: 0 });
    expect(localTime('2025-03-16T12:00:00Z', 'UTC').weekday).toBe(7);
  });

  it('follows daylight saving time', () => {
    // New York springs forward on 2025-03-09: 01:59 EST is followed by 03:00 EDT.
    expect(localTime('2025-03-09T06:59:00Z', 'America/New_York').hour).toBe(1);
    expect(localTime('2025-03-09T07:00:00Z', 'America/New_York').hour).toBe(3);
  });

  it('says midnight is hour 0, not 24', () => {
    expect(localTime('2025-03-14T00:00:00Z', 'UTC').hour).toBe(0);
  });
});

describe('condition.timeWindow params', () => {
  it('defaults to any time', () => {
    expect(conditionTimeWindow.params.parse({})).toEqual({ from: null, to: null, weekdays: [1, 2, 3, 4, 5, 6, 7], fromHour: 0, toHour: 24 });
    expect(port({}, FRIDAY_LATE_UTC)).toBe('true');
  });

  it('refuses impossible dates and a range that ends before it starts', () => {
    expect(issuePaths(conditionTimeWindow.params, { from: '2025-02-30' })).toEqual(['from']);
    expect(issuePaths(conditionTimeWindow.params, { to: '15.03.2025' })).toEqual(['to']);
    expect(issuePaths(conditionTimeWindow.params, { from: '2025-03-15', to: '2025-03-14' })).toEqual(['to']);
    expect(conditionTimeWindow.params.safeParse({ from: '2024-02-29', to: '2024-02-29' }).success).toBe(true);
  });

  it('refuses weekdays outside 1..7, none, or twice', () => {
    expect(issuePaths(conditionTimeWindow.params, { weekdays: [0] })).toEqual(['weekdays.0']);
    expect(issuePaths(conditionTimeWindow.params, { weekdays: [1, 8] })).toEqual(['weekdays.1']);
    expect(issuePaths(conditionTimeWindow.params, { weekdays: [] })).toEqual(['weekdays']);
    expect(issuePaths(conditionTimeWindow.params, { weekdays: [5, 5] })).toEqual(['weekdays']);
  });

  it('refuses hours out of range and an empty window', () => {
    expect(issuePaths(conditionTimeWindow.params, { fromHour: 24 })).toEqual(['fromHour']);
    expect(issuePaths(conditionTimeWindow.params, { toHour: 0 })).toEqual(['toHour']);
    expect(issuePaths(conditionTimeWindow.params, { fromHour: 14, toHour: 10 })).toEqual(['toHour']);
    expect(issuePaths(conditionTimeWindow.params, { fromHour: 10, toHour: 10 })).toEqual(['toHour']);
  });
});

describe('condition.timeWindow run', () => {
  it('takes the weekday in the brand time zone, not in UTC', () => {
    const fridays = { weekdays: [5] };
    expect(port(fridays, FRIDAY_LATE_UTC, 'UTC')).toBe('true');
    expect(port(fridays, FRIDAY_LATE_UTC, 'Europe/Moscow')).toBe('false');
    expect(port({ weekdays: [6, 7] }, FRIDAY_LATE_UTC, 'Europe/Moscow')).toBe('true');
  });

  it('includes both ends of the date range by local date', () => {
    const saturday = { from: '2025-03-15', to: '2025-03-15' };
    expect(port(saturday, FRIDAY_LATE_UTC, 'Europe/Moscow')).toBe('true');
    expect(port(saturday, FRIDAY_LATE_UTC, 'UTC')).toBe('false');
    const march = { from: '2025-03-01', to: '2025-03-31' };
    expect(port(march, '2025-02-28T21:00:00Z')).toBe('true'); // 1 March 00:00 in Moscow
    expect(port(march, '2025-02-28T20:59:59Z')).toBe('false');
    expect(port(march, '2025-03-31T20:59:59Z')).toBe('true'); // 31 March 23:59:59
    expect(port(march, '2025-03-31T21:00:00Z')).toBe('false'); // 1 April
  });

  it('has open ends when a date is empty', () => {
    expect(port({ from: '2025-03-15' }, '2030-01-01T12:00:00Z')).toBe('true');
    expect(port({ to: '2025-03-14' }, FRIDAY_LATE_UTC)).toBe('false');
  });

  it('runs happy hours from the start hour up to, not including, the end hour', () => {
    const evening = { fromHour: 18, toHour: 22 };
    expect(port(evening, '2025-03-14T14:59:59Z')).toBe('false'); // 17:59 in Moscow
    expect(port(evening, '2025-03-14T15:00:00Z')).toBe('true'); // 18:00
    expect(port(evening, '2025-03-14T18:59:59Z')).toBe('true'); // 21:59
    expect(port(evening, '2025-03-14T19:00:00Z')).toBe('false'); // 22:00
  });

  it('lets the last hour of the day in when the window runs to 24', () => {
    expect(port({ fromHour: 23, toHour: 24 }, '2025-03-14T20:30:00Z')).toBe('true'); // 23:30 in Moscow
    expect(port({ fromHour: 23, toHour: 24 }, FRIDAY_LATE_UTC)).toBe('false'); // 00:30
  });

  it('needs dates, weekday and hour to hold together', () => {
    const weekdayMornings = { from: '2025-03-01', to: '2025-03-31', weekdays: [1, 2, 3, 4, 5], fromHour: 8, toHour: 11 };
    expect(port(weekdayMornings, '2025-03-14T06:00:00Z')).toBe('true'); // Friday 09:00
    expect(port(weekdayMornings, '2025-03-15T06:00:00Z')).toBe('false'); // Saturday 09:00
    expect(port(weekdayMornings, '2025-03-14T09:00:00Z')).toBe('false'); // Friday 12:00
    expect(port(weekdayMornings, '2025-04-04T06:00:00Z')).toBe('false'); // a Friday in April
  });

  it('shows the local time it judged', () => {
    expect(run({}, FRIDAY_LATE_UTC).inputs).toEqual({ timezone: 'Europe/Moscow', localDate: '2025-03-15', weekday: 6, hour: 0 });
  });

  it('says false, with a note, for an unknown time zone or a broken event time', () => {
    const badZone = run({}, FRIDAY_LATE_UTC, 'Mars/Olympus');
    expect(badZone.ports).toEqual(['false']);
    expect(badZone.note).toMatch(/time zone/);
    expect(run({}, 'yesterday').ports).toEqual(['false']);
  });
});

describe('condition.timeWindow summary', () => {
  const summary = (params: object, locale: 'ru' | 'en') => conditionTimeWindow.summary(conditionTimeWindow.params.parse(params), locale).replace(/\s/g, ' ');

  it('says any time for the default', () => {
    expect(summary({}, 'ru')).toBe('В любое время');
    expect(summary({}, 'en')).toBe('Any time');
  });

  it('names weekdays, weekends and single days', () => {
    expect(summary({ weekdays: [5, 1, 2, 3, 4] }, 'ru')).toBe('По будням');
    expect(summary({ weekdays: [6, 7] }, 'en')).toBe('On weekends');
    expect(summary({ weekdays: [5, 1, 3] }, 'ru')).toBe('Пн, ср, пт');
    expect(summary({ weekdays: [5, 1, 3] }, 'en')).toBe('Mon, Wed, Fri');
  });

  it('shows hours and dates', () => {
    expect(summary({ weekdays: [1, 2, 3, 4, 5], fromHour: 18, toHour: 22 }, 'en')).toBe('On weekdays, 18:00–22:00');
    expect(summary({ from: '2025-03-01', to: '2025-03-31' }, 'en')).toBe('Mar 1, 2025 – Mar 31, 2025');
    expect(summary({ from: '2025-03-01' }, 'ru')).toMatch(/^С 1 мар/);
    expect(summary({ to: '2025-03-31' }, 'en')).toBe('Until Mar 31, 2025');
    for (const locale of ['ru', 'en'] as const) {
      const text = summary({ from: '2025-03-01', to: '2025-03-31', weekdays: [6], fromHour: 10, toHour: 14 }, locale);
      expect(text).not.toMatch(/undefined|NaN|null/);
    }
  });
});
