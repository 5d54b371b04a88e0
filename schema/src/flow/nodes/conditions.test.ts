import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { compileGraph } from '../compile';
import type { EvalContext } from '../definition';
import type { FlowEvent, MemberFacts, PurchaseFacts } from '../events';
import { conditionAttribute } from './condition-attribute';
import { conditionChannel } from './condition-channel';
import { conditionClub } from './condition-club';
import { conditionFirstPurchase } from './condition-first-purchase';
import { conditionItems } from './condition-items';
import { conditionSegment } from './condition-segment';
import { conditionTier } from './condition-tier';
import { conditionWindowAggregate } from './condition-window-aggregate';

const purchase = (extra: Partial<PurchaseFacts> = {}): PurchaseFacts => ({
  totalMinor: 54_000,
  currency: 'RUB',
  channel: 'store',
  items: [
    { sku: 'LATTE-L', category: 'coffee', quantity: 2, unitPriceMinor: 25_000 },
    { sku: 'CROISSANT', category: 'bakery', quantity: 1, unitPriceMinor: 4_000 },
  ],
  basePoints: 54,
  ...extra,
});

function context(facts: MemberFacts = {}, event: Partial<FlowEvent> = {}): EvalContext {
  return { event: { type: 'purchase', memberId: 'm-1', occurredAt: '2025-03-14T10:00:00Z', purchase: purchase(), ...event }, facts, timezone: 'Europe/Moscow', pointValueMinor: 100 };
}

function issuePaths(params: z.ZodType, input: unknown): string[] {
  const result = params.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
}

function expectWords(text: string) {
  expect(text.trim()).not.toBe('');
  expect(text).not.toMatch(/undefined|NaN|null|\[object/);
}

describe('condition.items', () => {
  const run = (params: object, ctx = context()) => conditionItems.run!(conditionItems.params.parse(params), ctx);

  it('defaults to at least one coffee', () => {
    expect(conditionItems.params.parse({})).toEqual({ match: 'category', values: ['coffee'], minQuantity: 1 });
  });

  it('refuses an empty or oversized list and a zero quantity', () => {
    expect(issuePaths(conditionItems.params, { values: [] })).toEqual(['values']);
    expect(issuePaths(conditionItems.params, { values: Array.from({ length: 51 }, (_, i) => `c${i}`) })).toEqual(['values']);
    expect(issuePaths(conditionItems.params, { values: ['coffee', ''] })).toEqual(['values.1']);
    expect(issuePaths(conditionItems.params, { minQuantity: 0 })).toEqual(['minQuantity']);
    expect(issuePaths(conditionItems.params, { match: 'brand' })).toEqual(['match']);
  });

  it('sums the quantity of matching items', () => {
    expect(run({ minQuantity: 2 })).toEqual({ ports: ['true'], inputs: { match: 'category', values: ['coffee'], quantity: 2, minQuantity: 2 } });
    expect(run({ minQuantity: 3 }).ports).toEqual(['false']);
    expect(run({ values: ['coffee', 'bakery'], minQuantity: 3 }).ports).toEqual(['true']);
  });

  it('matches by SKU when asked', () => {
    expect(run({ match: 'sku', values: ['CROISSANT'] }).ports).toEqual(['true']);
    expect(run({ match: 'sku', values: ['coffee'] }).ports).toEqual(['false']);
  });

  it('skips items without a category and is false without a purchase', () => {
    const ctx = context({}, { purchase: purchase({ items: [{ sku: 'GIFT', category: null, quantity: 5, unitPriceMinor: 0 }] }) });
    expect(run({}, ctx).inputs?.quantity).toBe(0);
    const signup = context({}, { type: 'signup', purchase: undefined });
    expect(run({}, signup)).toMatchObject({ ports: ['false'], inputs: { quantity: 0 } });
  });

  it('summarizes the threshold and the values', () => {
    expect(conditionItems.summary(conditionItems.params.parse({ minQuantity: 2 }), 'ru')).toBe('≥ 2 товара из категории coffee');
    expect(conditionItems.summary(conditionItems.params.parse({ values: ['coffee', 'tea'] }), 'en')).toBe('≥ 1 item in category coffee or tea');
    const many = conditionItems.params.parse({ match: 'sku', values: ['A', 'B', 'C', 'D', 'E'], minQuantity: 5 });
    expect(conditionItems.summary(many, 'ru')).toBe('≥ 5 товаров с артикулом A, B, C +2');
  });
});

describe('condition.tier', () => {
  const run = (params: object, facts: MemberFacts) => conditionTier.run!(conditionTier.params.parse(params), context(facts)).ports;

  it('defaults to gold and references every tier in the list', () => {
    const p = conditionTier.params.parse({ tiers: ['gold', 'silver'] });
    expect(conditionTier.params.parse({})).toEqual({ tiers: ['gold'], negate: false });
    expect(conditionTier.references?.(p)).toEqual([
      { kind: 'tier', id: 'gold', path: ['params', 'tiers'] },
      { kind: 'tier', id: 'silver', path: ['params', 'tiers'] },
    ]);
  });

  it('is true for a tier in the list, and the opposite when negated', () => {
    expect(run({}, { tier: 'gold' })).toEqual(['true']);
    expect(run({}, { tier: 'silver' })).toEqual(['false']);
    expect(run({ negate: true }, { tier: 'silver' })).toEqual(['true']);
    expect(run({ negate: true }, { tier: 'gold' })).toEqual(['false']);
  });

  it('treats a member without a tier as in none', () => {
    expect(run({}, {})).toEqual(['false']);
    expect(run({ negate: true }, { tier: null })).toEqual(['true']);
  });

  it('refuses an empty list', () => {
    expect(issuePaths(conditionTier.params, { tiers: [] })).toEqual(['tiers']);
  });

  it('summarizes', () => {
    expect(conditionTier.summary(conditionTier.params.parse({ tiers: ['gold', 'silver'] }), 'ru')).toBe('Уровень gold или silver');
    expect(conditionTier.summary(conditionTier.params.parse({ tiers: ['basic'], negate: true }), 'en')).toBe('Tier is not basic');
  });
});

describe('condition.segment', () => {
  const p = conditionSegment.params.parse({});

  it('defaults to loyal, needs segments and references the segment', () => {
    expect(p).toEqual({ segment: 'loyal' });
    expect(conditionSegment.requires).toBe('segments');
    expect(conditionSegment.references?.(p)).toEqual([{ kind: 'segment', id: 'loyal', path: ['params', 'segment'] }]);
    expect(issuePaths(conditionSegment.params, { segment: '' })).toEqual(['segment']);
  });

  it('is true when the member is in the segment', () => {
    expect(conditionSegment.run!(p, context({ segments: ['new', 'loyal'] })).ports).toEqual(['true']);
    expect(conditionSegment.run!(p, context({ segments: ['new'] })).ports).toEqual(['false']);
    expect(conditionSegment.run!(p, context({})).ports).toEqual(['false']);
  });

  it('summarizes', () => {
    expect(conditionSegment.summary(p, 'ru')).toBe('В сегменте «loyal»');
    expect(conditionSegment.summary(p, 'en')).toBe('In segment “loyal”');
  });
});

describe('condition.club', () => {
  const any = conditionClub.params.parse({});
  const coffee = conditionClub.params.parse({ plan: 'coffee-plus' });

  it('defaults to any club, needs the clubs domain and references only a named plan', () => {
    expect(any).toEqual({ plan: 'any' });
    expect(conditionClub.requires).toBe('clubs');
    expect(conditionClub.references?.(any)).toEqual([]);
    expect(conditionClub.references?.(coffee)).toEqual([{ kind: 'club', id: 'coffee-plus', path: ['params', 'plan'] }]);
    expect(issuePaths(conditionClub.params, { plan: '' })).toEqual(['plan']);
    expect(issuePaths(conditionClub.params, { plan: 42 })).toEqual(['plan']);
    expect(issuePaths(conditionClub.params, { plan: 'x'.repeat(65) })).toEqual(['plan']);
  });

  it('is true for a member of the plan, or of any plan for "any"', () => {
    expect(conditionClub.run!(coffee, context({ clubs: ['coffee-plus'] }))).toEqual({ ports: ['true'], inputs: { plan: 'coffee-plus', clubs: ['coffee-plus'] } });
    expect(conditionClub.run!(coffee, context({ clubs: ['tea-plus'] })).ports).toEqual(['false']);
    expect(conditionClub.run!(any, context({ clubs: ['tea-plus'] })).ports).toEqual(['true']);
    expect(conditionClub.run!(any, context({ clubs: [] })).ports).toEqual(['false']);
    expect(conditionClub.run!(any, context({})).ports).toEqual(['false']);
  });

  it('summarizes in words', () => {
    expect(conditionClub.summary(any, 'ru')).toBe('В любом платном клубе');
    expect(conditionClub.summary(any, 'en')).toBe('In any paid club');
    expect(conditionClub.summary(coffee, 'ru')).toBe('В клубе «coffee-plus»');
    expect(conditionClub.summary(coffee, 'en')).toBe('In club “coffee-plus”');
    expectWords(conditionClub.portLabel!('true', 'ru'));
  });

  // Golden: trigger.purchase → condition.club → double points, compiled as the server compiles it.
  const graph = {
    nodes: [
      { id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } },
      { id: 'c', kind: 'condition.club', params: { plan: 'coffee-plus' }, position: { x: 0, y: 0 } },
      { id: 'a', kind: 'action.awardPoints', params: { mode: 'multiplier', amount: 2 }, position: { x: 0, y: 0 } },
    ],
    edges: [
      { id: 'e1', source: 't', sourcePort: 'out', target: 'c' },
      { id: 'e2', source: 'c', sourcePort: 'true', target: 'a' },
    ],
  };
  const cases: [name: string, facts: MemberFacts, points: number[]][] = [
    ['a club member earns the base points again', { clubs: ['coffee-plus'] }, [54]],
    ['a member of another club earns nothing more', { clubs: ['tea-plus'] }, []],
    ['a member of no club earns nothing more', {}, []],
  ];
  it.each(cases)('%s', (_name, facts, points) => {
    const { rule, diagnostics } = compileGraph(graph, { domains: new Set(['clubs']), references: { club: ['coffee-plus'] } });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const result = rule!.evaluate(context().event, facts, { timezone: 'Europe/Moscow', pointValueMinor: 100 });
    expect(result.effects.map((e) => (e.type === 'awardPoints' ? e.points : null))).toEqual(points);
  });

  it('does not compile without the clubs domain or with an unknown plan', () => {
    expect(compileGraph(graph, { domains: new Set(), references: { club: ['coffee-plus'] } }).diagnostics.map((d) => d.code)).toContain('domain_unavailable');
    expect(compileGraph(graph, { domains: new Set(['clubs']), references: { club: ['tea-plus'] } }).diagnostics.map((d) => d.code)).toContain('unknown_reference');
  });
});

describe('condition.attribute', () => {
  const run = (params: object, attributes?: Record<string, unknown>) => conditionAttribute.run!(conditionAttribute.params.parse(params), context({ attributes })).ports[0];

  it('defaults to a usable "is set" check', () => {
    expect(conditionAttribute.params.parse({})).toEqual({ attribute: 'city', op: 'exists', value: null });
  });

  it('refuses a missing attribute, a non-number for ≥ and ≤, and nothing to look for', () => {
    expect(issuePaths(conditionAttribute.params, { attribute: '' })).toEqual(['attribute']);
    expect(issuePaths(conditionAttribute.params, { op: 'gte', value: 'many' })).toEqual(['value']);
    expect(issuePaths(conditionAttribute.params, { op: 'lte', value: null })).toEqual(['value']);
    expect(issuePaths(conditionAttribute.params, { op: 'contains', value: true })).toEqual(['value']);
    expect(issuePaths(conditionAttribute.params, { op: 'like' })).toEqual(['op']);
    expect(issuePaths(conditionAttribute.params, { value: { nested: 1 } })).toEqual(['value']);
    expect(conditionAttribute.params.safeParse({ op: 'gte', value: '18' }).success).toBe(true);
  });

  it.each([
    [{ attribute: 'city', op: 'exists' }, { city: 'Казань' }, 'true'],
    [{ attribute: 'city', op: 'exists' }, { city: null }, 'false'],
    [{ attribute: 'city', op: 'exists' }, undefined, 'false'],
    [{ attribute: 'city', op: 'eq', value: 'Казань' }, { city: 'Казань' }, 'true'],
    [{ attribute: 'city', op: 'eq', value: 'Казань' }, { city: 'казань' }, 'false'],
    [{ attribute: 'city', op: 'neq', value: 'Казань' }, { city: 'Москва' }, 'true'],
    [{ attribute: 'city', op: 'neq', value: 'Казань' }, {}, 'true'],
    [{ attribute: 'age', op: 'eq', value: 30 }, { age: '30' }, 'true'],
    [{ attribute: 'age', op: 'eq', value: 30 }, { age: 30.0 }, 'true'],
    [{ attribute: 'age', op: 'eq', value: '30.0' }, { age: 30 }, 'true'],
    [{ attribute: 'age', op: 'gte', value: 18 }, { age: 18 }, 'true'],
    [{ attribute: 'age', op: 'gte', value: 18 }, { age: 9 }, 'false'],
    // Numerically, not as text: "9" < "18" as strings.
    [{ attribute: 'age', op: 'lte', value: '18' }, { age: '9' }, 'true'],
    [{ attribute: 'age', op: 'gte', value: 18 }, { age: 'unknown' }, 'false'],
    [{ attribute: 'age', op: 'gte', value: 18 }, {}, 'false'],
    [{ attribute: 'pets', op: 'contains', value: 'dog' }, { pets: ['cat', 'dog'] }, 'true'],
    [{ attribute: 'pets', op: 'contains', value: 'dog' }, { pets: ['cat'] }, 'false'],
    [{ attribute: 'floors', op: 'contains', value: 3 }, { floors: [1, 3] }, 'true'],
    [{ attribute: 'email', op: 'contains', value: '@corp.ru' }, { email: 'anna@corp.ru' }, 'true'],
    [{ attribute: 'email', op: 'contains', value: '@corp.ru' }, { email: 42 }, 'false'],
    [{ attribute: 'vip', op: 'eq', value: true }, { vip: true }, 'true'],
    [{ attribute: 'vip', op: 'eq', value: true }, { vip: false }, 'false'],
    [{ attribute: 'vip', op: 'eq', value: null }, {}, 'true'],
    [{ attribute: 'vip', op: 'neq', value: null }, { vip: false }, 'true'],
  ] as const)('%j on %j is %s', (params, attributes, expected) => {
    expect(run(params, attributes as Record<string, unknown> | undefined)).toBe(expected);
  });

  it('shows what it compared', () => {
    const outcome = conditionAttribute.run!(conditionAttribute.params.parse({ attribute: 'age', op: 'gte', value: 18 }), context({ attributes: { age: 21 } }));
    expect(outcome.inputs).toEqual({ attribute: 'age', op: 'gte', actual: 21, value: 18 });
  });

  it('summarizes every comparison', () => {
    const summary = (params: object, locale: 'ru' | 'en') => conditionAttribute.summary(conditionAttribute.params.parse(params), locale);
    expect(summary({}, 'ru')).toBe('Атрибут city заполнен');
    expect(summary({}, 'en')).toBe('Attribute city is set');
    expect(summary({ op: 'eq', value: 'Казань' }, 'ru')).toBe('Атрибут city = «Казань»');
    expect(summary({ attribute: 'age', op: 'gte', value: 18 }, 'en')).toBe('Attribute age ≥ 18');
    expect(summary({ attribute: 'pets', op: 'contains', value: 'dog' }, 'ru')).toBe('Атрибут pets содержит «dog»');
    expect(summary({ attribute: 'vip', op: 'neq', value: true }, 'en')).toBe('Attribute vip ≠ yes');
    expectWords(summary({ attribute: 'vip', op: 'eq', value: null }, 'ru'));
  });
});

describe('condition.channel', () => {
  const p = conditionChannel.params.parse({ channels: ['online', 'app'] });

  it('defaults to online and refuses unknown or repeated channels', () => {
    expect(conditionChannel.params.parse({})).toEqual({ channels: ['online'] });
    expect(issuePaths(conditionChannel.params, { channels: ['tv'] })).toEqual(['channels.0']);
    expect(issuePaths(conditionChannel.params, { channels: ['app', 'app'] })).toEqual(['channels']);
    expect(issuePaths(conditionChannel.params, { channels: [] })).toEqual(['channels']);
  });

  it('reads the purchase channel, or the event data for other events', () => {
    expect(conditionChannel.run!(p, context({}, { purchase: purchase({ channel: 'app' }) }))).toEqual({ ports: ['true'], inputs: { channel: 'app', channels: ['online', 'app'] } });
    expect(conditionChannel.run!(p, context({})).ports).toEqual(['false']);
    expect(conditionChannel.run!(p, context({}, { type: 'custom', purchase: undefined, data: { channel: 'online' } })).ports).toEqual(['true']);
    expect(conditionChannel.run!(p, context({}, { type: 'signup', purchase: undefined }))).toEqual({ ports: ['false'], inputs: { channel: null, channels: ['online', 'app'] } });
  });

  it('summarizes with channel names', () => {
    expect(conditionChannel.summary(p, 'ru')).toBe('Канал: онлайн или приложение');
    expect(conditionChannel.summary(p, 'en')).toBe('Channel: online or app');
  });
});

describe('condition.windowAggregate', () => {
  const p = conditionWindowAggregate.params.parse({});

  it('defaults to at least 3 purchases in 30 days', () => {
    expect(p).toEqual({ metric: 'purchaseCount', days: 30, op: 'gte', value: 3 });
  });

  it('refuses windows outside 1..730 days and negative thresholds', () => {
    expect(issuePaths(conditionWindowAggregate.params, { days: 0 })).toEqual(['days']);
    expect(issuePaths(conditionWindowAggregate.params, { days: 731 })).toEqual(['days']);
    expect(issuePaths(conditionWindowAggregate.params, { value: -1 })).toEqual(['value']);
    expect(issuePaths(conditionWindowAggregate.params, { metric: 'visits' })).toEqual(['metric']);
  });

  it('asks for the aggregate it reads', () => {
    const sum = conditionWindowAggregate.params.parse({ metric: 'purchaseSum', days: 90 });
    expect(conditionWindowAggregate.facts?.(sum)).toEqual([{ key: 'purchaseSum:90', metric: 'purchaseSum', days: 90 }]);
  });

  it('compares the aggregate and counts a missing one as zero', () => {
    expect(conditionWindowAggregate.run!(p, context({ aggregates: { 'purchaseCount:30': 3 } }))).toEqual({ ports: ['true'], inputs: { key: 'purchaseCount:30', actual: 3, op: 'gte', value: 3 } });
    expect(conditionWindowAggregate.run!(p, context({ aggregates: { 'purchaseCount:30': 2, 'purchaseCount:90': 10 } })).ports).toEqual(['false']);
    expect(conditionWindowAggregate.run!(p, context({})).inputs?.actual).toBe(0);
    const none = conditionWindowAggregate.params.parse({ op: 'eq', value: 0 });
    expect(conditionWindowAggregate.run!(none, context({})).ports).toEqual(['true']);
  });

  it('summarizes sums as money', () => {
    expect(conditionWindowAggregate.summary(p, 'ru')).toBe('Число покупок за 30 дней ≥ 3');
    expect(conditionWindowAggregate.summary(p, 'en')).toBe('Number of purchases in 30 days ≥ 3');
    const sum = conditionWindowAggregate.params.parse({ metric: 'purchaseSum', days: 1, op: 'gt', value: 500_000 });
    expect(conditionWindowAggregate.summary(sum, 'ru').replace(/\s/g, ' ')).toBe('Сумма покупок за 1 день > 5 000 ₽');
    expectWords(conditionWindowAggregate.summary({ ...sum, metric: 'pointsEarned' }, 'en'));
  });
});

describe('condition.firstPurchase', () => {
  it('is true when the member had no purchase before', () => {
    expect(conditionFirstPurchase.params.parse({})).toEqual({});
    expect(conditionFirstPurchase.run!({}, context({ purchaseCount: 0 }))).toEqual({ ports: ['true'], inputs: { purchaseCount: 0 } });
    expect(conditionFirstPurchase.run!({}, context({})).ports).toEqual(['true']);
    expect(conditionFirstPurchase.run!({}, context({ purchaseCount: 4 })).ports).toEqual(['false']);
    expectWords(conditionFirstPurchase.summary({}, 'ru'));
    expectWords(conditionFirstPurchase.summary({}, 'en'));
  });
});
