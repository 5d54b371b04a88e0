import { describe, expect, it } from 'vitest';
import { compileGraph } from './compile';
import type { FlowEvent } from './events';
import { pickVariant } from './hash';

const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({ id, kind, params, position: { x: 0, y: 0 } });
const edge = (source: string, target: string, sourcePort = 'out') => ({ id: `${source}-${sourcePort}-${target}`, source, sourcePort, target });
const options = { timezone: 'Europe/Moscow', pointValueMinor: 100 };
const purchase = (memberId: string, totalMinor: number, basePoints = Math.floor(totalMinor / 100)): FlowEvent => ({
  type: 'purchase',
  memberId,
  occurredAt: '2026-11-20T12:00:00Z',
  purchase: { totalMinor, currency: 'RUB', channel: 'store', items: [], basePoints },
});

const abFlow = {
  nodes: [
    node('t', 'trigger.purchase'),
    node('c', 'condition.amount', { op: 'gte', value: 1000_00 }),
    node('s', 'split.ab', { experimentKey: 'double-points', variants: [{ key: 'A', weight: 50 }, { key: 'B', weight: 50 }] }),
    node('a', 'action.awardPoints', { mode: 'multiplier', amount: 2 }),
    node('b', 'action.awardPoints', { mode: 'fixed', amount: 100 }),
  ],
  edges: [edge('t', 'c'), edge('c', 's', 'true'), edge('s', 'a', 'A'), edge('s', 'b', 'B')],
};

describe('compileGraph', () => {
  it('gives no rule for a graph with errors, only the diagnostics', () => {
    const { rule, diagnostics } = compileGraph({ nodes: [node('a', 'action.awardPoints')], edges: [] });
    expect(rule).toBeNull();
    expect(diagnostics.map((d) => d.code)).toEqual(['trigger_missing']);
  });

  it('runs trigger → condition → split → action, with effects tagged by variant and a trace', () => {
    const { rule } = compileGraph(abFlow);
    expect(rule!.triggers).toEqual(['purchase']);
    const memberId = 'member-42';
    const variant = pickVariant('double-points', memberId, [{ key: 'A', weight: 50 }, { key: 'B', weight: 50 }]);
    const result = rule!.evaluate(purchase(memberId, 1500_00), {}, options);
    const expectedPoints = variant === 'A' ? 1500 : 100;
    expect(result.effects).toEqual([
      { type: 'awardPoints', points: expectedPoints, nodeId: variant === 'A' ? 'a' : 'b', variants: [{ nodeId: 's', experimentKey: 'double-points', variant }] },
    ]);
    expect(result.exposures).toEqual([{ nodeId: 's', experimentKey: 'double-points', variant }]);
    expect(result.trace.map((s) => [s.nodeId, s.port])).toEqual([
      ['t', 'out'],
      ['c', 'true'],
      ['s', variant],
      [variant === 'A' ? 'a' : 'b', 'out'],
    ]);
    expect(result.trace[1].inputs).toEqual({ totalMinor: 1500_00, op: 'gte', value: 1000_00 });
  });

  it('stops where a condition fails, and ignores events it does not listen to', () => {
    const { rule } = compileGraph(abFlow);
    const small = rule!.evaluate(purchase('m', 999_99), {}, options);
    expect(small.effects).toEqual([]);
    expect(small.exposures).toEqual([]);
    expect(small.trace.map((s) => [s.nodeId, s.port])).toEqual([
      ['t', 'out'],
      ['c', 'false'],
    ]);
    expect(rule!.evaluate({ type: 'signup', memberId: 'm', occurredAt: '2026-01-01T00:00:00Z' }, {}, options)).toEqual({ effects: [], trace: [], exposures: [] });
  });

  it('fires a node once per event even where two branches meet', () => {
    const { rule } = compileGraph({
      nodes: [node('t', 'trigger.purchase'), node('c', 'condition.amount', { value: 0 }), node('a', 'action.awardPoints', { amount: 10 })],
      edges: [edge('t', 'c'), edge('c', 'a', 'true'), edge('t', 'a')],
    });
    expect(rule!.evaluate(purchase('m', 100), {}, options).effects).toHaveLength(1);
  });

  it('is the same for the same member on every compile (stable variants)', () => {
    const one = compileGraph(abFlow).rule!;
    const two = compileGraph(JSON.parse(JSON.stringify(abFlow))).rule!;
    for (let i = 0; i < 200; i++) {
      const event = purchase(`m${i}`, 2000_00);
      expect(two.evaluate(event, {}, options).exposures).toEqual(one.evaluate(event, {}, options).exposures);
    }
  });
});

describe('A/B assignment', () => {
  it('puts 10,000 members within ±2 % of a 50/50 split', () => {
    const counts = { A: 0, B: 0 };
    const variants = [
      { key: 'A', weight: 50 },
      { key: 'B', weight: 50 },
    ];
    for (let i = 1; i <= 10_000; i++) counts[pickVariant('launch-test', String(i), variants) as 'A' | 'B'] += 1;
    expect(Math.abs(counts.A / 10_000 - 0.5)).toBeLessThanOrEqual(0.02);
  });

  it('follows uneven weights and a different key reshuffles members', () => {
    const variants = [
      { key: 'control', weight: 90 },
      { key: 'treatment', weight: 10 },
    ];
    let treated = 0;
    let moved = 0;
    for (let i = 1; i <= 10_000; i++) {
      const v = pickVariant('k1', String(i), variants);
      if (v === 'treatment') treated += 1;
      if (v !== pickVariant('k2', String(i), variants)) moved += 1;
    }
    expect(Math.abs(treated / 10_000 - 0.1)).toBeLessThanOrEqual(0.02);
    expect(moved).toBeGreaterThan(1000);
  });
});
