import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { EvalContext } from '../definition';
import { duration, flowWait } from './flow-wait';
import { limitCap } from './limit-cap';

const context: EvalContext = { event: { type: 'signup', memberId: 'm-1', occurredAt: '2025-03-14T10:00:00Z' }, facts: {}, timezone: 'Europe/Moscow', pointValueMinor: 100 };

function issuePaths(params: z.ZodType, input: unknown): string[] {
  const result = params.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

describe('limit.cap', () => {
  it('defaults to once per member', () => {
    expect(limitCap.params.parse({})).toEqual({ perMember: 1, perPeriod: null, periodDays: null, budgetPoints: null });
  });

  it('needs at least one limit', () => {
    expect(issuePaths(limitCap.params, { perMember: null })).toEqual(['perMember']);
    expect(limitCap.params.safeParse({ perMember: null, budgetPoints: 50_000 }).success).toBe(true);
  });

  it('needs the period length with a period limit', () => {
    expect(issuePaths(limitCap.params, { perMember: null, perPeriod: 2 })).toEqual(['periodDays']);
    expect(limitCap.params.safeParse({ perMember: null, perPeriod: 2, periodDays: 7 }).success).toBe(true);
  });

  it('refuses limits out of range and reports each problem once', () => {
    expect(issuePaths(limitCap.params, { perMember: 0 })).toEqual(['perMember']);
    expect(issuePaths(limitCap.params, { perMember: 10_001 })).toEqual(['perMember']);
    expect(issuePaths(limitCap.params, { perPeriod: 1, periodDays: 367 })).toEqual(['periodDays']);
    expect(issuePaths(limitCap.params, { budgetPoints: 1_000_000_001 })).toEqual(['budgetPoints']);
    expect(issuePaths(limitCap.params, { perMember: 1.5 })).toEqual(['perMember']);
  });

  it('passes the member on and hands its limits to the compiler', () => {
    const p = limitCap.params.parse({ perMember: 3, perPeriod: 1, periodDays: 7, budgetPoints: 100_000 });
    const cap = { perMember: 3, perPeriod: 1, periodDays: 7, budgetPoints: 100_000 };
    expect(limitCap.run!(p, context)).toEqual({ ports: ['out'], cap, inputs: cap });
    expect(limitCap.outputs(p)).toEqual(['out']);
  });

  it('summarizes every limit in both languages', () => {
    const summary = (params: object, locale: 'ru' | 'en') => limitCap.summary(limitCap.params.parse(params), locale).replace(/\s/g, ' ');
    expect(summary({}, 'ru')).toBe('1 раз на участника');
    expect(summary({}, 'en')).toBe('Once per member');
    expect(summary({ perMember: null, perPeriod: 3, periodDays: 7 }, 'ru')).toBe('3 раза за 7 дней');
    expect(summary({ perMember: null, perPeriod: 3, periodDays: 7 }, 'en')).toBe('3 times per 7 days');
    expect(summary({ perMember: null, perPeriod: 1, periodDays: 1 }, 'ru')).toBe('1 раз в день');
    expect(summary({ perMember: 5, budgetPoints: 10_000 }, 'ru')).toBe('5 раз на участника, бюджет 10 000 баллов');
    expect(summary({ perMember: null, budgetPoints: 1 }, 'en')).toBe('Budget 1 point');
  });
});

describe('flow.wait', () => {
  it('defaults to an hour and needs the job queue', () => {
    expect(flowWait.params.parse({})).toEqual({ minutes: 60 });
    expect(flowWait.requires).toBe('jobs');
  });

  it('refuses waits under a minute, over a year, or in fractions', () => {
    expect(issuePaths(flowWait.params, { minutes: 0 })).toEqual(['minutes']);
    expect(issuePaths(flowWait.params, { minutes: 525_601 })).toEqual(['minutes']);
    expect(issuePaths(flowWait.params, { minutes: 1.5 })).toEqual(['minutes']);
    expect(flowWait.params.safeParse({ minutes: 525_600 }).success).toBe(true);
  });

  it('stops the path and asks to resume later', () => {
    expect(flowWait.run!({ minutes: 1440 }, context)).toEqual({ ports: ['out'], waitMinutes: 1440, inputs: { minutes: 1440 } });
  });

  it('says the delay in the largest whole unit', () => {
    expect(duration(1, 'ru')).toBe('1 минуту');
    expect(duration(45, 'ru')).toBe('45 минут');
    expect(duration(90, 'en')).toBe('90 minutes');
    expect(duration(120, 'ru')).toBe('2 часа');
    expect(duration(1440, 'en')).toBe('1 day');
    expect(duration(2880, 'ru')).toBe('2 дня');
    expect(flowWait.summary({ minutes: 60 }, 'ru')).toBe('Подождать 1 час');
    expect(flowWait.summary({ minutes: 10_080 }, 'en')).toBe('Wait 7 days');
  });
});
