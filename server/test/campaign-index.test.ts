import { compileGraph, factsFor, memberFacts, type FlowEvent } from '@patron/schema/flow';
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../src/campaigns/campaign.entity';
import { listeningTo, runningAt, type Runnable } from '../src/rules/campaign-index';

/**
 * What an event over many campaigns must not allocate per campaign (bench/rules.ts, 1,000
 * campaigns): no list of them when every one listens and runs, and one facts object for
 * the campaigns that read the same; and what it must still tell apart.
 */
describe('the campaigns of one event', () => {
  const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({ id, kind, params, position: { x: 0, y: 0 } });
  const rule = (trigger: string) => compileGraph({ nodes: [node('t', trigger), node('a', 'action.awardPoints', { mode: 'fixed', amount: 1 })], edges: [{ id: 'e', source: 't', sourcePort: 'out', target: 'a' }] }, { domains: 'all' }).rule!;
  const campaign = (id: number, window: Partial<Campaign> = {}) => ({ id, activeVersion: 1, startsAt: null, endsAt: null, ...window }) as Campaign;
  const purchase: FlowEvent = { type: 'purchase', memberId: '1', occurredAt: '2026-12-04T12:00:00Z' };

  it('gives the list itself when every campaign listens, and the listeners in order when some do not', () => {
    const all: Runnable[] = [1, 2, 3].map((id) => ({ campaign: campaign(id), rule: rule('trigger.purchase') }));
    expect(listeningTo(all, purchase)).toBe(all);
    const mixed: Runnable[] = [
      { campaign: campaign(1), rule: rule('trigger.purchase') },
      { campaign: campaign(2), rule: rule('trigger.signup') },
      { campaign: campaign(3), rule: rule('trigger.purchase') },
      { campaign: campaign(4), rule: rule('trigger.signup') },
    ];
    const listening = listeningTo(mixed, purchase);
    expect(listening.map((r) => r.campaign.id)).toEqual([1, 3]);
    expect(mixed).toHaveLength(4);
    expect(listeningTo(mixed.slice(1, 2), purchase)).toEqual([]);
  });

  it('gives the list itself when every campaign runs now, and those whose window holds now when some do not', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    const open = [campaign(1), campaign(2, { startsAt: new Date('2026-12-01T00:00:00Z'), endsAt: new Date('2026-12-05T00:00:00Z') })];
    expect(runningAt(open, now)).toBe(open);
    const some = [...open, campaign(3, { startsAt: new Date('2026-12-04T12:00:01Z') }), campaign(4, { endsAt: now })];
    expect(runningAt(some, now).map((c) => c.id)).toEqual([1, 2]);
  });

  it('shares one facts object while the aggregates and cap usage are the same ones, and makes new facts otherwise', () => {
    const base = { tier: 'gold', segments: ['vip'], purchaseCount: 3 };
    const aggregates = { 'purchaseCount:30': 2 };
    const caps = {};
    const first = factsFor(null, base, aggregates, caps);
    expect(first).toEqual(memberFacts(base, aggregates, caps));
    expect(factsFor(first, base, aggregates, caps)).toBe(first);
    const otherAggregates = factsFor(first, base, { 'purchaseCount:30': 2 }, caps);
    expect(otherAggregates).not.toBe(first);
    expect(otherAggregates).toEqual(first);
    const otherCaps = factsFor(first, base, aggregates, { c: { member: 1 } });
    expect(otherCaps).not.toBe(first);
    expect(otherCaps.capUsage).toEqual({ c: { member: 1 } });
  });
});
