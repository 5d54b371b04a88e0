import { describe, expect, it } from 'vitest';
import type { EvalContext } from '../definition';
import { conditionChannel } from './condition-channel';
import { conditionItems } from './condition-items';
import { conditionTier } from './condition-tier';
import { oneOf } from './shared';

/**
 * oneOf compiles a short list into comparisons and a long one into a Set: each form must
 * answer as Array.prototype.includes does, and each condition built on it as its
 * reference `run` (what the trace and the simulation show).
 */
const LISTS = [['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd'], Array.from({ length: 20 }, (_, i) => `v${i}`), Array.from({ length: 50 }, (_, i) => `v${i}`)];
// Values near the listed ones: a prefix, another case, an empty string, names every object has.
const PROBES = ['a', 'b', 'c', 'd', 'v0', 'v19', 'v49', 'v50', 'A', 'ab', '', ' a', 'constructor', '__proto__', 'toString', 'hasOwnProperty'];

describe('oneOf', () => {
  it('answers as includes for lists of one, two, three and more values', () => {
    for (const list of LISTS) {
      const listed = oneOf(list);
      for (const value of [...PROBES, ...list]) expect(listed(value), `${value} in [${list.join(', ')}]`).toBe(list.includes(value));
    }
  });

  it('keeps the list it was given, not later changes to it', () => {
    const list = ['a', 'b'];
    const listed = oneOf(list);
    list.push('c');
    expect(listed('c')).toBe(false);
  });
});

describe('conditions compiled with oneOf agree with their reference run', () => {
  const context = (channel: string, tier: string | undefined, categories: string[]): EvalContext => ({
    event: {
      type: 'purchase',
      memberId: 'm-1',
      occurredAt: '2025-03-14T10:00:00Z',
      purchase: { totalMinor: 100_00, currency: 'RUB', channel, items: categories.map((category, i) => ({ sku: `S-${category}`, category, quantity: i + 1, unitPriceMinor: 1_00 })), basePoints: 1 },
    },
    facts: { tier },
    timezone: 'Europe/Moscow',
    pointValueMinor: 100,
  });

  it('channel', () => {
    const channels = ['store', 'online', 'app', 'partner'];
    for (let size = 1; size <= channels.length; size++) {
      const params = conditionChannel.params.parse({ channels: channels.slice(0, size) });
      const test = conditionChannel.compileTest!(params);
      for (const channel of [...channels, 'kiosk']) {
        const ctx = context(channel, undefined, []);
        expect(test(ctx), `${channel} in ${size}`).toBe(conditionChannel.run!(params, ctx).ports[0] === 'true');
      }
    }
  });

  it('tier, listed and negated', () => {
    // A tier list holds at most 20.
    for (const list of LISTS.filter((l) => l.length <= 20)) {
      for (const negate of [false, true]) {
        const params = conditionTier.params.parse({ tiers: list, negate });
        const test = conditionTier.compileTest!(params);
        for (const tier of [...PROBES, undefined]) {
          const ctx = context('store', tier, []);
          expect(test(ctx), `${tier} in [${list.join(', ')}], negate ${negate}`).toBe(conditionTier.run!(params, ctx).ports[0] === 'true');
        }
      }
    }
  });

  it('items, by category and by SKU', () => {
    for (const list of LISTS) {
      for (const match of ['category', 'sku'] as const) {
        for (const minQuantity of [1, 3]) {
          const params = conditionItems.params.parse({ match, values: match === 'sku' ? list.map((v) => `S-${v}`) : list, minQuantity });
          const test = conditionItems.compileTest!(params);
          for (const categories of [[], ['a'], ['b', 'x'], ['x', 'c', 'd'], ['v0', 'v19', 'v49'], ['constructor', 'A']]) {
            const ctx = context('store', undefined, categories);
            expect(test(ctx), `${match} [${categories.join(', ')}] in [${list.join(', ')}] ≥ ${minQuantity}`).toBe(conditionItems.run!(params, ctx).ports[0] === 'true');
          }
        }
      }
    }
  });
});
