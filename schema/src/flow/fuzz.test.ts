import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NODE_CATALOG } from './catalog';
import { compileGraph } from './compile';
import { TRIGGER_EVENTS, type FlowEvent } from './events';

const kinds = [...NODE_CATALOG.keys()];
const ports = ['out', 'true', 'false', 'A', 'B', 'double', 'nope'];
const anyValue = fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.double(), fc.string({ maxLength: 12 }), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }));
const params = fc.oneof(
  fc.constant({}),
  fc.dictionary(fc.constantFrom('op', 'value', 'mode', 'amount', 'name', 'tiers', 'variants', 'experimentKey', 'perMember', 'percent', 'fromHour', 'toHour', 'days', 'metric', 'segment', 'tier', 'minutes', 'channel', 'url'), anyValue, { maxKeys: 4 }),
);

const graph = fc.integer({ min: 0, max: 12 }).chain((count) => {
  const ids = Array.from({ length: count }, (_, i) => `n${i}`);
  return fc.record({
    nodes: fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), kind: fc.oneof(fc.constantFrom(...kinds), fc.string({ maxLength: 8 })), params, position: fc.record({ x: fc.integer(), y: fc.integer() }) }))),
    edges: fc.array(
      fc.record({ id: fc.string({ minLength: 1, maxLength: 5 }), source: fc.constantFrom('x', ...ids), sourcePort: fc.constantFrom(...ports), target: fc.constantFrom('x', ...ids) }),
      { maxLength: 20 },
    ),
  });
});

const triggerKinds = kinds.filter((k) => NODE_CATALOG.get(k)!.group === 'trigger');
const innerKinds = kinds.filter((k) => NODE_CATALOG.get(k)!.group !== 'trigger');
const defaultPorts = (kind: string) => {
  const d = NODE_CATALOG.get(kind)!;
  return d.outputs(d.params.parse({}) as never);
};
/** Mostly-valid graphs: a trigger first, every later node fed from an earlier one's real port. */
const structured = fc
  .tuple(fc.constantFrom(...triggerKinds), fc.array(fc.tuple(fc.constantFrom(...innerKinds), fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 10 }))
  .map(([trigger, rest]) => {
    const nodes = [{ id: 'n0', kind: trigger, params: {}, position: { x: 0, y: 0 } }, ...rest.map(([kind], i) => ({ id: `n${i + 1}`, kind, params: {}, position: { x: i, y: 0 } }))];
    const edges = rest.map(([, parentSeed, portSeed], i) => {
      const parent = nodes[parentSeed % (i + 1)];
      const portsOf = defaultPorts(parent.kind);
      return { id: `e${i}`, source: parent.id, sourcePort: portsOf[portSeed % portsOf.length] ?? 'out', target: `n${i + 1}` };
    });
    return { nodes, edges };
  });

const event: fc.Arbitrary<FlowEvent> = fc.record({
  type: fc.constantFrom(...TRIGGER_EVENTS),
  memberId: fc.string({ minLength: 1, maxLength: 8 }),
  occurredAt: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  name: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
  purchase: fc.option(
    fc.record({
      totalMinor: fc.integer({ min: 0, max: 2_000_000_000 }),
      currency: fc.constant('RUB'),
      channel: fc.constantFrom('store', 'online', 'app', 'partner'),
      items: fc.array(fc.record({ sku: fc.string({ maxLength: 6 }), category: fc.option(fc.string({ maxLength: 6 })), quantity: fc.integer({ min: 1, max: 5 }), unitPriceMinor: fc.integer({ min: 0, max: 10_000 }) }), { maxLength: 3 }),
      basePoints: fc.integer({ min: 0, max: 100_000 }),
    }),
    { nil: undefined },
  ),
  data: fc.option(fc.dictionary(fc.constantFrom('daysBefore', 'toTier', 'survey', 'days', 'cron', 'channel'), anyValue), { nil: undefined }),
});

describe('the compiler under random graphs', () => {
  it('never crashes: invalid graphs give diagnostics, valid ones evaluate any event', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.oneof(graph, structured, structured), fc.array(event, { minLength: 1, maxLength: 3 }), (g, events) => {
        const { rule, diagnostics } = compileGraph(g, { domains: 'all' });
        const errors = diagnostics.filter((d) => d.severity === 'error');
        if (errors.length) {
          expect(rule).toBeNull();
          for (const d of errors) expect(d.message.en.length).toBeGreaterThan(0);
          return;
        }
        expect(rule).not.toBeNull();
        valid += 1;
        for (const e of events) {
          const result = rule!.evaluate(e, { segments: [], attributes: {}, aggregates: {} }, { timezone: 'Europe/Moscow', pointValueMinor: 100 });
          expect(Array.isArray(result.effects)).toBe(true);
          for (const effect of result.effects) expect(g.nodes.some((n) => n.id === effect.nodeId)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
    // The generator must reach the evaluator often enough to mean something.
    expect(valid).toBeGreaterThan(40);
  });

  it('never crashes on input that is not a graph at all', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const { rule, diagnostics } = compileGraph(input);
        expect(rule === null || diagnostics.every((d) => d.severity !== 'error')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
