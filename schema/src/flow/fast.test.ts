import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NODE_CATALOG } from './catalog';
import { compileGraph, type CompiledRule, type EvaluateOptions } from './compile';
import type { FlowEvent, MemberFacts } from './events';
import { golden } from './golden/golden';
import type { FlowGraph } from './graph';
import type { ValidateOptions } from './validate';

/**
 * The hot path (decide) against the reference walk (interpret), which is what the trace
 * comes from: the same effects, exposures and variants, in the same order, and a trace
 * exactly when a trigger fired.
 */
function expectSame(rule: CompiledRule, event: FlowEvent, facts: MemberFacts, options: EvaluateOptions) {
  const reference = rule.interpret(event, facts, options);
  const decision = rule.decide(event, facts, options);
  expect(decision.effects).toStrictEqual(reference.effects);
  expect(decision.exposures).toStrictEqual(reference.exposures);
  expect(decision.fired).toBe(reference.trace.length > 0);
  expect(rule.listensTo(event)).toBe(decision.fired);
  const evaluation = rule.evaluate(event, facts, options);
  expect(evaluation).toStrictEqual(reference);
  return reference;
}

describe('the fast path', () => {
  const options = { domains: (golden.options.domains === 'all' ? 'all' : new Set(golden.options.domains)) as ValidateOptions['domains'], references: golden.options.references };
  const runnable = golden.cases.filter((c) => !('diagnostics' in c[4]));

  it.each(runnable.map((c) => [c[0], c] as const))('agrees with the reference walk: %s', (_name, [, graph, event, facts]) => {
    const { rule } = compileGraph(graph, options);
    expectSame(rule!, event, facts, golden.options);
    // Twice on one rule: what marks a node as fired belongs to one evaluation only.
    expectSame(rule!, event, facts, golden.options);
  });

  it('resumes after a wait as the reference walk does', () => {
    const graph = {
      nodes: [
        { id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } },
        { id: 'w', kind: 'flow.wait', params: { minutes: 60 }, position: { x: 0, y: 0 } },
        { id: 's', kind: 'split.ab', params: { experimentKey: 'later' }, position: { x: 0, y: 0 } },
        { id: 'a', kind: 'action.awardPoints', params: { amount: 5 }, position: { x: 0, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: 't', sourcePort: 'out', target: 'w' },
        { id: 'e2', source: 'w', sourcePort: 'out', target: 's' },
        { id: 'e3', source: 's', sourcePort: 'A', target: 'a' },
        { id: 'e4', source: 's', sourcePort: 'B', target: 'a' },
      ],
    };
    const { rule } = compileGraph(graph, { domains: 'all' });
    const event: FlowEvent = { type: 'purchase', memberId: 'm', occurredAt: '2026-01-01T00:00:00Z' };
    const first = expectSame(rule!, event, {}, golden.options);
    expect(first.effects.map((e) => e.type)).toEqual(['wait']);
    const path = { variants: [], caps: [{ nodeId: 'c', perMember: 1, perPeriod: null, periodDays: null, budgetPoints: null }] };
    const resumed = rule!.resume('s', event, {}, golden.options, path);
    const reference = compileGraph(graph, { domains: 'all' }).rule!.resume('s', event, {}, golden.options, path);
    expect(resumed).toStrictEqual(reference);
    expect(resumed.effects).toHaveLength(1);
    expect(rule!.resume('nowhere', event, {}, golden.options)).toStrictEqual({ effects: [], trace: [], exposures: [] });
  });

  it('takes parameters as data: a hostile string is only ever compared', () => {
    const hostile = '"); process.exit(1); ("';
    const graph = {
      nodes: [
        { id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } },
        { id: 'c', kind: 'condition.attribute', params: { attribute: 'note', op: 'eq', value: hostile }, position: { x: 0, y: 0 } },
        { id: 'a', kind: 'action.awardPoints', params: { amount: 7 }, position: { x: 0, y: 0 } },
      ],
      edges: [
        { id: 'e1', source: 't', sourcePort: 'out', target: 'c' },
        { id: 'e2', source: 'c', sourcePort: 'true', target: 'a' },
      ],
    };
    const rule = compileGraph(graph, { domains: 'all' }).rule!;
    const event: FlowEvent = { type: 'purchase', memberId: 'm', occurredAt: '2026-01-01T00:00:00Z' };
    expect(expectSame(rule, event, { attributes: { note: hostile } }, golden.options).effects).toHaveLength(1);
    expect(expectSame(rule, event, { attributes: { note: 'x' } }, golden.options).effects).toHaveLength(0);
  });
});

// Random graphs with random parameters, so that every condition goes both ways and
// branches meet again; events and facts drawn from small pools for the same reason.
const kinds = [...NODE_CATALOG.keys()];
const triggerKinds = kinds.filter((k) => NODE_CATALOG.get(k)!.group === 'trigger');
const innerKinds = kinds.filter((k) => NODE_CATALOG.get(k)!.group !== 'trigger');
const value = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 5, 50, 100, 500_00, 1000_00, 1.5, -1),
  fc.constantFrom('gte', 'gt', 'lte', 'lt', 'eq', 'neq', 'contains', 'exists', 'fixed', 'percent', 'perUnit', 'multiplier', 'sku', 'category', 'Moscow', 'city', 'gold', 'vip', 'purchaseCount', 'purchaseSum', 'any'),
  fc.constantFrom(['gold'], ['silver', 'gold'], ['coffee', 'drinks'], ['LATTE'], ['store', 'online'], ['app']),
  fc.constantFrom(null, true, false),
);
const paramKeys = (kind: string) => Object.keys(NODE_CATALOG.get(kind)!.ui);
const paramsFor = (kind: string) => (paramKeys(kind).length ? fc.dictionary(fc.constantFrom(...paramKeys(kind)), value, { maxKeys: 3 }) : fc.constant({}));

const randomGraph: fc.Arbitrary<FlowGraph> = fc
  .tuple(
    fc.constantFrom(...triggerKinds).chain((kind) => fc.tuple(fc.constant(kind), paramsFor(kind))),
    fc.array(fc.constantFrom(...innerKinds).chain((kind) => fc.tuple(fc.constant(kind), paramsFor(kind), fc.nat(), fc.nat(), fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: null }))), { minLength: 1, maxLength: 12 }),
  )
  .map(([[trigger, triggerParams], rest]) => {
    // Parameters a node refuses fall back to its defaults: most drawn sets are not valid.
    const usable = (kind: string, p: Record<string, unknown>) => (NODE_CATALOG.get(kind)!.params.safeParse(p).success ? p : {});
    const nodes = [{ id: 'n0', kind: trigger, params: usable(trigger, triggerParams), position: { x: 0, y: 0 } }, ...rest.map(([kind, p], i) => ({ id: `n${i + 1}`, kind, params: usable(kind, p), position: { x: 0, y: 0 } }))];
    const portsOf = (kind: string, p: Record<string, unknown>) => {
      const d = NODE_CATALOG.get(kind)!;
      const parsed = d.params.safeParse(p);
      return parsed.success ? d.outputs(parsed.data as never) : ['out'];
    };
    const edges: FlowGraph['edges'] = [];
    rest.forEach(([, , parentSeed, portSeed, extra], i) => {
      const link = (parentIndex: number, seed: number) => {
        const parent = nodes[parentIndex];
        const ports = portsOf(parent.kind, parent.params);
        const port = ports[seed % ports.length] ?? 'out';
        if (!edges.some((e) => e.source === parent.id && e.sourcePort === port && e.target === `n${i + 1}`)) edges.push({ id: `e${edges.length}`, source: parent.id, sourcePort: port, target: `n${i + 1}` });
      };
      link(parentSeed % (i + 1), portSeed);
      // A second way in: where two branches meet, the node still fires once.
      if (extra) link(extra[0] % (i + 1), extra[1]);
    });
    return { nodes, edges };
  });

const randomEvent: fc.Arbitrary<FlowEvent> = fc.record({
  type: fc.constantFrom('purchase', 'purchase', 'custom', 'signup', 'tierChanged'),
  memberId: fc.constantFrom('1', '2', '3', 'm-42', 'm-7'),
  occurredAt: fc.constantFrom('2026-11-20T12:00:00Z', '2026-03-08T06:30:00Z', '2026-12-31T22:59:00Z'),
  name: fc.option(fc.constantFrom('app_opened', 'review'), { nil: undefined }),
  purchase: fc.option(
    fc.record({
      totalMinor: fc.constantFrom(0, 100_00, 500_00, 1500_00),
      currency: fc.constant('RUB'),
      channel: fc.constantFrom('store', 'online', 'app'),
      items: fc.array(fc.record({ sku: fc.constantFrom('LATTE', 'BUN'), category: fc.constantFrom('coffee', 'drinks', 'bakery', null), quantity: fc.integer({ min: 1, max: 3 }), unitPriceMinor: fc.constant(250_00) }), { maxLength: 3 }),
      basePoints: fc.integer({ min: 0, max: 50 }),
    }),
    { nil: undefined },
  ),
  data: fc.option(fc.dictionary(fc.constantFrom('channel', 'toTier', 'fromTier'), fc.constantFrom('store', 'gold', 'silver')), { nil: undefined }),
});

const randomFacts: fc.Arbitrary<MemberFacts> = fc.record({
  tier: fc.constantFrom('gold', 'silver', null),
  segments: fc.constantFrom([], ['vip'], ['vip', 'city']),
  clubs: fc.constantFrom([], ['any'], ['gold']),
  attributes: fc.constantFrom<Record<string, unknown>[]>({}, { city: 'Moscow' }, { city: 'Kazan', gold: 3 }),
  purchaseCount: fc.constantFrom(0, 1, 5),
  aggregates: fc.constantFrom<Record<string, number>[]>({}, { 'purchaseCount:30': 2, 'purchaseSum:30': 1000_00 }, { 'purchaseCount:3': 5 }),
  capUsage: fc.dictionary(fc.constantFrom('n1', 'n2', 'n3', 'n4'), fc.record({ member: fc.constantFrom(0, 1, 5), budget: fc.constantFrom(0, 1000) })),
});

describe('the fast path on random graphs', () => {
  it('gives what the reference walk gives, for any event and any facts', () => {
    let compiled = 0;
    let withEffects = 0;
    fc.assert(
      fc.property(randomGraph, fc.array(fc.tuple(randomEvent, randomFacts), { minLength: 1, maxLength: 4 }), (graph, runs) => {
        const { rule } = compileGraph(graph, { domains: 'all' });
        if (!rule) return;
        compiled += 1;
        for (const [event, facts] of runs) {
          if (expectSame(rule, event, facts, { timezone: 'Europe/Moscow', pointValueMinor: 100 }).effects.length) withEffects += 1;
        }
      }),
      { numRuns: 600 },
    );
    // The generators must reach rules that do something, or the comparison means little.
    expect(compiled).toBeGreaterThan(100);
    expect(withEffects).toBeGreaterThan(50);
  });
});
