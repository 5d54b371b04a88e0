import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { EvalContext } from '../definition';
import type { FlowEvent } from '../events';
import { actionAddToSegment } from './action-add-to-segment';
import { actionCashback } from './action-cashback';
import { actionChallengeProgress } from './action-challenge-progress';
import { actionDiscount } from './action-discount';
import { actionGrantBadge } from './action-grant-badge';
import { actionGrantOffer } from './action-grant-offer';
import { actionIssueReward } from './action-issue-reward';
import { actionNotify } from './action-notify';
import { actionSetTier } from './action-set-tier';

function context(totalMinor?: number): EvalContext {
  const event: FlowEvent = { type: 'purchase', memberId: 'm-1', occurredAt: '2025-03-14T10:00:00Z' };
  if (totalMinor !== undefined) event.purchase = { totalMinor, currency: 'RUB', channel: 'store', items: [], basePoints: Math.floor(totalMinor / 100) };
  else event.type = 'signup';
  return { event, facts: {}, timezone: 'Europe/Moscow', pointValueMinor: 100 };
}

function issuePaths(params: z.ZodType, input: unknown): string[] {
  const result = params.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

function expectWords(text: string) {
  expect(text.trim()).not.toBe('');
  expect(text).not.toMatch(/undefined|NaN|null|\[object/);
}

describe('action.cashback', () => {
  const cashback = (params: object, totalMinor?: number) => actionCashback.run!(actionCashback.params.parse(params), context(totalMinor));

  it('defaults to 5 % with no ceiling', () => {
    expect(actionCashback.params.parse({})).toEqual({ percent: 5, maxMinor: null });
  });

  it('refuses more than one decimal place and percents out of range', () => {
    expect(issuePaths(actionCashback.params, { percent: 1.15 })).toEqual(['percent']);
    expect(issuePaths(actionCashback.params, { percent: 101 })).toEqual(['percent']);
    expect(issuePaths(actionCashback.params, { percent: -1 })).toEqual(['percent']);
    expect(issuePaths(actionCashback.params, { maxMinor: -100 })).toEqual(['maxMinor']);
    expect(actionCashback.params.safeParse({ percent: 12.3 }).success).toBe(true);
    expect(actionCashback.params.safeParse({ percent: 0.1 }).success).toBe(true);
  });

  it('returns a percent of the total, rounded down to the kopeck', () => {
    expect(cashback({}, 123_456)).toEqual({ ports: ['out'], effects: [{ type: 'cashback', amountMinor: 6172 }], inputs: { totalMinor: 123_456, percent: 5, amountMinor: 6172 } });
    expect(cashback({ percent: 5.5 }, 1000).effects).toEqual([{ type: 'cashback', amountMinor: 55 }]);
    // In floating point 100 000 × 2.3 / 100 is 2299.999…: tenths of a percent keep it exact.
    expect(cashback({ percent: 2.3 }, 100_000).effects).toEqual([{ type: 'cashback', amountMinor: 2300 }]);
    expect(cashback({ percent: 100 }, 2_000_000_000).effects).toEqual([{ type: 'cashback', amountMinor: 2_000_000_000 }]);
  });

  it('stops at the ceiling', () => {
    expect(cashback({ percent: 10, maxMinor: 50_000 }, 1_000_000).effects).toEqual([{ type: 'cashback', amountMinor: 50_000 }]);
    expect(cashback({ percent: 10, maxMinor: 50_000 }, 100_000).effects).toEqual([{ type: 'cashback', amountMinor: 10_000 }]);
  });

  it('gives nothing without a purchase or when it rounds to zero, and still passes on', () => {
    expect(cashback({})).toMatchObject({ ports: ['out'], effects: [] });
    expect(cashback({ percent: 0.1 }, 999)).toMatchObject({ ports: ['out'], effects: [] });
    expect(cashback({ percent: 0 }, 100_000).effects).toEqual([]);
  });

  it('summarizes', () => {
    expect(actionCashback.summary(actionCashback.params.parse({}), 'ru')).toBe('Кешбэк 5 %');
    expect(actionCashback.summary(actionCashback.params.parse({ percent: 2.5, maxMinor: 50_000 }), 'ru').replace(/\s/g, ' ')).toBe('Кешбэк 2,5 % до 500 ₽');
    expect(actionCashback.summary(actionCashback.params.parse({ percent: 2.5, maxMinor: 50_000 }), 'en').replace(/\s/g, ' ')).toBe('Cashback 2.5 % up to RUB 500');
  });
});

describe('action.discount', () => {
  it('defaults to 10 % and is exclusive on a path', () => {
    expect(actionDiscount.params.parse({})).toEqual({ percent: 10, maxMinor: null });
    expect(actionDiscount.exclusive).toBe(true);
  });

  it('refuses fractional, zero and over-100 percents', () => {
    expect(issuePaths(actionDiscount.params, { percent: 10.5 })).toEqual(['percent']);
    expect(issuePaths(actionDiscount.params, { percent: 0 })).toEqual(['percent']);
    expect(issuePaths(actionDiscount.params, { percent: 101 })).toEqual(['percent']);
  });

  it('gives the discount with its ceiling', () => {
    const p = actionDiscount.params.parse({ percent: 15, maxMinor: 100_000 });
    expect(actionDiscount.run!(p, context(500_000))).toEqual({ ports: ['out'], effects: [{ type: 'discount', percent: 15, maxMinor: 100_000 }], inputs: { percent: 15, maxMinor: 100_000 } });
    expect(actionDiscount.summary(p, 'en').replace(/\s/g, ' ')).toBe('Discount 15 % up to RUB 1,000');
    expectWords(actionDiscount.summary(actionDiscount.params.parse({}), 'ru'));
  });
});

describe('actions on a catalog item', () => {
  it.each([
    [actionIssueReward, 'reward', 'rewards', 'reward', 'free-coffee', { type: 'issueReward', reward: 'free-coffee' }],
    [actionSetTier, 'tier', undefined, 'tier', 'gold', { type: 'setTier', tier: 'gold' }],
    [actionGrantBadge, 'badge', 'badges', 'badge', 'first-purchase', { type: 'grantBadge', badge: 'first-purchase' }],
    [actionChallengeProgress, 'challenge', 'challenges', 'challenge', 'ten-coffees', { type: 'challengeProgress', challenge: 'ten-coffees', amount: 1 }],
    [actionAddToSegment, 'segment', 'segments', 'segment', 'loyal', { type: 'addToSegment', segment: 'loyal' }],
    [actionGrantOffer, 'offer', 'offers', 'offer', 'birthday', { type: 'grantOffer', offer: 'birthday' }],
  ] as const)('%#: %s gives its effect, references its id and needs its domain', (definition, field, domain, kind, id, effect) => {
    const d = definition as unknown as { params: z.ZodType; requires?: string; references(p: unknown): unknown; run(p: unknown, ctx: EvalContext): unknown; summary(p: unknown, l: 'ru' | 'en'): string };
    const p = d.params.parse({});
    expect(p).toMatchObject({ [field]: id });
    expect(d.requires).toBe(domain);
    expect(d.references(p)).toEqual([{ kind, id, path: ['params', field] }]);
    expect(d.run(p, context())).toMatchObject({ ports: ['out'], effects: [effect] });
    expect(issuePaths(d.params, { [field]: '   ' })).toEqual([field]);
    expect(issuePaths(d.params, { [field]: 'x'.repeat(65) })).toEqual([field]);
    expectWords(d.summary(p, 'ru'));
    expectWords(d.summary(p, 'en'));
  });

  it('grants an offer by its code, on any event, and refuses what is not a code', () => {
    const p = actionGrantOffer.params.parse({ offer: 'bday-2x' });
    expect(actionGrantOffer.run!(p, context()).effects).toEqual([{ type: 'grantOffer', offer: 'bday-2x' }]);
    expect(actionGrantOffer.run!(p, context(10_000)).effects).toEqual([{ type: 'grantOffer', offer: 'bday-2x' }]);
    expect(issuePaths(actionGrantOffer.params, { offer: 'Birthday Gift' })).toEqual(['offer']);
    expect(issuePaths(actionGrantOffer.params, { offer: 42 })).toEqual(['offer']);
    expect(actionGrantOffer.summary(p, 'ru')).toBe('Предложение «bday-2x»');
  });

  it('changes tier as the only tier change on a path', () => {
    expect(actionSetTier.exclusive).toBe(true);
    expect(actionSetTier.summary({ tier: 'silver' }, 'ru')).toBe('Перевести на уровень «silver»');
  });

  it('moves a challenge by several steps, up to 1000', () => {
    const p = actionChallengeProgress.params.parse({ challenge: 'summer', amount: 3 });
    expect(actionChallengeProgress.run!(p, context(10_000)).effects).toEqual([{ type: 'challengeProgress', challenge: 'summer', amount: 3 }]);
    expect(issuePaths(actionChallengeProgress.params, { amount: 0 })).toEqual(['amount']);
    expect(issuePaths(actionChallengeProgress.params, { amount: 1001 })).toEqual(['amount']);
    expect(actionChallengeProgress.summary(p, 'en')).toBe('+3 in challenge “summer”');
  });
});

describe('action.notify', () => {
  it('defaults to a thank-you email', () => {
    expect(actionNotify.params.parse({})).toEqual({ channel: 'email', template: 'thank-you', url: null });
    expect(actionNotify.requires).toBe('notifications');
  });

  it('needs an https URL for a webhook', () => {
    expect(issuePaths(actionNotify.params, { channel: 'webhook' })).toEqual(['url']);
    expect(issuePaths(actionNotify.params, { channel: 'webhook', url: 'http://example.com/hook' })).toEqual(['url']);
    expect(issuePaths(actionNotify.params, { channel: 'webhook', url: 'not a url' })).toEqual(['url']);
    expect(issuePaths(actionNotify.params, { channel: 'webhook', url: '' })).toEqual(['url']);
    expect(issuePaths(actionNotify.params, { channel: 'sms' })).toEqual(['channel']);
    expect(actionNotify.params.safeParse({ channel: 'webhook', url: 'https://hooks.example.com/patron?x=1' }).success).toBe(true);
  });

  it('sends the URL only for a webhook', () => {
    const webhook = actionNotify.params.parse({ channel: 'webhook', template: 'order-reviewed', url: 'https://hooks.example.com/patron' });
    expect(actionNotify.run!(webhook, context())).toEqual({
      ports: ['out'],
      effects: [{ type: 'notify', channel: 'webhook', template: 'order-reviewed', url: 'https://hooks.example.com/patron' }],
      inputs: { channel: 'webhook', template: 'order-reviewed', url: 'https://hooks.example.com/patron' },
    });
    const email = actionNotify.params.parse({ url: 'https://left.over/from-webhook' });
    expect(actionNotify.run!(email, context()).effects).toEqual([{ type: 'notify', channel: 'email', template: 'thank-you', url: null }]);
  });

  it('summarizes', () => {
    expect(actionNotify.summary(actionNotify.params.parse({}), 'ru')).toBe('Письмо «thank-you»');
    expect(actionNotify.summary(actionNotify.params.parse({ channel: 'webhook', url: 'https://hooks.example.com/x' }), 'en')).toBe('Webhook “thank-you” → hooks.example.com');
  });
});
