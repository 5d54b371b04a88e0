import { performance } from 'node:perf_hooks';
import { Engine } from 'json-rules-engine';
import { compileGraph, pickVariant, type FlowEvent, type MemberFacts } from '../schema/src/flow';

/**
 * Rule evaluation, three ways, on the same logic: Patron's compiled flow (closures),
 * json-rules-engine (interpreted rules), and a hand-written TypeScript function (the
 * ceiling). A 20-node flow: purchase → six conditions in a chain → A/B split → awards.
 */
const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({ id, kind, params, position: { x: 0, y: 0 } });
const edge = (source: string, target: string, sourcePort = 'out') => ({ id: `${source}-${sourcePort}-${target}`, source, sourcePort, target });

export const benchGraph = {
  nodes: [
    node('t', 'trigger.purchase'),
    node('amount', 'condition.amount', { op: 'gte', value: 500_00 }),
    node('channel', 'condition.channel', { channels: ['store', 'online'] }),
    node('items', 'condition.items', { match: 'category', values: ['coffee', 'drinks'], minQuantity: 1 }),
    node('tier', 'condition.tier', { tiers: ['silver', 'gold'] }),
    node('attr', 'condition.attribute', { attribute: 'city', op: 'eq', value: 'Moscow' }),
    node('freq', 'condition.windowAggregate', { metric: 'purchaseCount', days: 30, op: 'gte', value: 2 }),
    node('split', 'split.ab', { experimentKey: 'bench', variants: [{ key: 'A', weight: 50 }, { key: 'B', weight: 50 }] }),
    node('a1', 'action.awardPoints', { mode: 'multiplier', amount: 2 }),
    node('a2', 'action.awardPoints', { mode: 'fixed', amount: 50 }),
    node('b1', 'action.awardPoints', { mode: 'fixed', amount: 100 }),
    node('b2', 'action.awardPoints', { mode: 'percent', amount: 5 }),
    node('n1', 'action.awardPoints', { mode: 'fixed', amount: 1 }),
    node('n2', 'action.awardPoints', { mode: 'fixed', amount: 2 }),
    node('n3', 'action.awardPoints', { mode: 'fixed', amount: 3 }),
    node('n4', 'action.awardPoints', { mode: 'fixed', amount: 4 }),
    node('n5', 'action.awardPoints', { mode: 'fixed', amount: 5 }),
    node('n6', 'action.awardPoints', { mode: 'fixed', amount: 6 }),
    node('first', 'condition.firstPurchase'),
    node('welcome', 'action.awardPoints', { mode: 'fixed', amount: 500 }),
  ],
  edges: [
    edge('t', 'amount'),
    edge('t', 'first'),
    edge('first', 'welcome', 'true'),
    edge('amount', 'channel', 'true'),
    edge('amount', 'n1', 'false'),
    edge('channel', 'items', 'true'),
    edge('channel', 'n2', 'false'),
    edge('items', 'tier', 'true'),
    edge('items', 'n3', 'false'),
    edge('tier', 'attr', 'true'),
    edge('tier', 'n4', 'false'),
    edge('attr', 'freq', 'true'),
    edge('attr', 'n5', 'false'),
    edge('freq', 'split', 'true'),
    edge('freq', 'n6', 'false'),
    edge('split', 'a1', 'A'),
    edge('a1', 'a2'),
    edge('split', 'b1', 'B'),
    edge('b1', 'b2'),
  ],
};

interface Sample {
  event: FlowEvent;
  facts: MemberFacts;
}

function samples(count: number): Sample[] {
  const list: Sample[] = [];
  for (let i = 0; i < count; i++) {
    list.push({
      event: {
        type: 'purchase',
        memberId: String(i),
        occurredAt: '2026-11-20T12:00:00Z',
        purchase: {
          totalMinor: 300_00 + (i % 7) * 150_00,
          currency: 'RUB',
          channel: i % 5 === 0 ? 'app' : 'store',
          items: [{ sku: 'LATTE', category: i % 4 === 0 ? 'bakery' : 'drinks', quantity: 1 + (i % 2), unitPriceMinor: 250_00 }],
          basePoints: 3 + (i % 7),
        },
      },
      facts: { tier: ['basic', 'silver', 'gold'][i % 3], attributes: { city: i % 6 === 0 ? 'Kazan' : 'Moscow' }, purchaseCount: i % 9, aggregates: { 'purchaseCount:30': i % 5 }, segments: [] },
    });
  }
  return list;
}

/** The same logic written by hand: what a developer would code for this one campaign. */
function handWritten(s: Sample, variantOf: (memberId: string) => string): number {
  const p = s.event.purchase!;
  let points = s.facts.purchaseCount === 0 ? 500 : 0;
  if (p.totalMinor < 500_00) return points + 1;
  if (p.channel !== 'store' && p.channel !== 'online') return points + 2;
  const quantity = p.items.filter((i) => i.category === 'coffee' || i.category === 'drinks').reduce((sum, i) => sum + i.quantity, 0);
  if (quantity < 1) return points + 3;
  if (s.facts.tier !== 'silver' && s.facts.tier !== 'gold') return points + 4;
  if (s.facts.attributes?.city !== 'Moscow') return points + 5;
  if ((s.facts.aggregates?.['purchaseCount:30'] ?? 0) < 2) return points + 6;
  if (variantOf(s.event.memberId) === 'A') return points + p.basePoints + 50;
  return points + 100 + Math.floor((p.totalMinor * 5) / 100 / 100);
}

/** The same logic as json-rules-engine rules (its own idiom: one rule per outcome). */
function jsonEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const chain = [
    { fact: 'total', operator: 'greaterThanInclusive', value: 500_00 },
    { fact: 'channel', operator: 'in', value: ['store', 'online'] },
    { fact: 'drinkQuantity', operator: 'greaterThanInclusive', value: 1 },
    { fact: 'tier', operator: 'in', value: ['silver', 'gold'] },
    { fact: 'city', operator: 'equal', value: 'Moscow' },
    { fact: 'purchases30', operator: 'greaterThanInclusive', value: 2 },
  ];
  const negate = (c: (typeof chain)[number]) => ({ not: c });
  engine.addRule({ conditions: { all: [{ fact: 'purchaseCount', operator: 'equal', value: 0 }] }, event: { type: 'award', params: { points: 500 } } });
  chain.forEach((condition, index) => {
    engine.addRule({ conditions: { all: [...chain.slice(0, index), negate(condition)] }, event: { type: 'award', params: { points: index + 1 } } });
  });
  engine.addRule({ conditions: { all: [...chain, { fact: 'variant', operator: 'equal', value: 'A' }] }, event: { type: 'award', params: { mode: 'A' } } });
  engine.addRule({ conditions: { all: [...chain, { fact: 'variant', operator: 'equal', value: 'B' }] }, event: { type: 'award', params: { mode: 'B' } } });
  return engine;
}

function timeIt(label: string, iterations: number, run: (i: number) => unknown) {
  for (let i = 0; i < Math.min(iterations, 2000); i++) run(i);
  const started = performance.now();
  for (let i = 0; i < iterations; i++) run(i);
  const ms = performance.now() - started;
  return { label, iterations, opsPerSecond: Math.round((iterations / ms) * 1000), microsPerOp: Number(((ms * 1000) / iterations).toFixed(2)) };
}

async function timeAsync(label: string, iterations: number, run: (i: number) => Promise<unknown>) {
  for (let i = 0; i < Math.min(iterations, 500); i++) await run(i);
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await run(i);
  const ms = performance.now() - started;
  return { label, iterations, opsPerSecond: Math.round((iterations / ms) * 1000), microsPerOp: Number(((ms * 1000) / iterations).toFixed(2)) };
}

export async function rulesBench() {
  const { rule } = compileGraph(benchGraph, { domains: 'all' });
  if (!rule) throw new Error('bench graph does not compile');
  const data = samples(1024);
  const options = { timezone: 'Europe/Moscow', pointValueMinor: 100 };
  const pick = (memberId: string) => pickVariant('bench', memberId, [{ key: 'A', weight: 50 }, { key: 'B', weight: 50 }]);
  // The compiled flow and the hand-written function must agree before either is timed.
  for (const s of data.slice(0, 200)) {
    const compiled = rule.evaluate(s.event, s.facts, options).effects.reduce((sum, e) => sum + (e.type === 'awardPoints' ? e.points : 0), 0);
    if (compiled !== handWritten(s, pick)) throw new Error(`compiled and hand-written disagree for member ${s.event.memberId}`);
  }
  const engine = jsonEngine();
  const factsOf = (s: Sample) => {
    const p = s.event.purchase!;
    return {
      total: p.totalMinor,
      channel: p.channel,
      drinkQuantity: p.items.filter((i) => i.category === 'coffee' || i.category === 'drinks').reduce((sum, i) => sum + i.quantity, 0),
      tier: s.facts.tier,
      city: s.facts.attributes?.city,
      purchases30: s.facts.aggregates?.['purchaseCount:30'] ?? 0,
      purchaseCount: s.facts.purchaseCount,
      variant: pick(s.event.memberId),
    };
  };
  const n = 200_000;
  const compiled = timeIt('Patron compiled flow', n, (i) => rule.evaluate(data[i & 1023].event, data[i & 1023].facts, options));
  const hand = timeIt('hand-written function', n, (i) => handWritten(data[i & 1023], pick));
  const json = await timeAsync('json-rules-engine', 20_000, (i) => engine.run(factsOf(data[i & 1023])));

  // 1,000 active campaigns listening to one trigger, evaluated for one event.
  const campaigns = Array.from({ length: 1000 }, () => compileGraph(benchGraph, { domains: 'all' }).rule!);
  const latencies: number[] = [];
  for (let r = 0; r < 300; r++) {
    const s = data[r & 1023];
    const t0 = performance.now();
    for (const c of campaigns) c.evaluate(s.event, s.facts, options);
    latencies.push(performance.now() - t0);
  }
  latencies.sort((a, b) => a - b);
  return {
    nodes: benchGraph.nodes.length,
    compiled,
    hand,
    json,
    thousandCampaigns: { p50Ms: Number(latencies[150].toFixed(3)), p99Ms: Number(latencies[296].toFixed(3)) },
  };
}
