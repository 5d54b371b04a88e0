import { compileGraph, type FlowEvent, type MemberFacts } from '../schema/src/flow';
import { benchGraph } from './rules';

/** A profile of the compiled flow's hot path alone: `npx tsx --cpu-prof bench/profile-rules.ts`. */
const { rule } = compileGraph(benchGraph, { domains: 'all' });
if (!rule) throw new Error('bench graph does not compile');
const options = { timezone: 'Europe/Moscow', pointValueMinor: 100 };
const data: { event: FlowEvent; facts: MemberFacts }[] = Array.from({ length: 1024 }, (_, i) => ({
  event: {
    type: 'purchase',
    memberId: String(i),
    occurredAt: '2026-11-20T12:00:00Z',
    purchase: { totalMinor: 300_00 + (i % 7) * 150_00, currency: 'RUB', channel: i % 5 === 0 ? 'app' : 'store', items: [{ sku: 'LATTE', category: i % 4 === 0 ? 'bakery' : 'drinks', quantity: 1 + (i % 2), unitPriceMinor: 250_00 }], basePoints: 3 + (i % 7) },
  },
  facts: { tier: ['basic', 'silver', 'gold'][i % 3], attributes: { city: i % 6 === 0 ? 'Kazan' : 'Moscow' }, purchaseCount: i % 9, aggregates: { 'purchaseCount:30': i % 5 }, segments: [] },
}));
const n = Number(process.env.N ?? 5_000_000);
const started = performance.now();
for (let i = 0; i < n; i++) rule.decide(data[i & 1023].event, data[i & 1023].facts, options);
console.log(`${((performance.now() - started) * 1000 / n).toFixed(3)} µs per decide`);
