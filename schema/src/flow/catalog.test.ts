import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NODE_CATALOG, NODE_GROUPS, nodeDefinition, parseParams } from './catalog';
import type { EvalContext } from './definition';
import { TRIGGER_EVENTS } from './events';

const definitions = [...NODE_CATALOG.values()];
const byGroup = (group: string) => definitions.filter((d) => d.group === group);
const defaults = (kind: string) => NODE_CATALOG.get(kind)!.params.parse({});
const paramKeys = (kind: string) => {
  const params = NODE_CATALOG.get(kind)!.params;
  expect(params, `${kind} params are an object`).toBeInstanceOf(z.ZodObject);
  return Object.keys((params as z.ZodObject).shape).sort();
};

// A purchase with a bit of everything, so every node has something to look at.
const context: EvalContext = {
  event: {
    type: 'purchase',
    memberId: 'member-42',
    occurredAt: '2025-03-14T15:30:00Z',
    purchase: { totalMinor: 150_000, currency: 'RUB', channel: 'online', items: [{ sku: 'LATTE', category: 'coffee', quantity: 2, unitPriceMinor: 30_000 }], basePoints: 150 },
  },
  facts: { tier: 'gold', segments: ['loyal'], attributes: { city: 'Казань' }, purchaseCount: 3, aggregates: { 'purchaseCount:30': 4 } },
  timezone: 'Europe/Moscow',
  pointValueMinor: 100,
};

const KINDS = {
  trigger: ['trigger.purchase', 'trigger.event', 'trigger.signup', 'trigger.birthday', 'trigger.referral', 'trigger.tierChanged', 'trigger.communityPost', 'trigger.surveyAnswered', 'trigger.challengeCompleted', 'trigger.schedule', 'trigger.inactivity', 'trigger.pointsExpiring'],
  condition: ['condition.amount', 'condition.items', 'condition.tier', 'condition.segment', 'condition.club', 'condition.attribute', 'condition.channel', 'condition.timeWindow', 'condition.windowAggregate', 'condition.firstPurchase'],
  flow: ['split.ab', 'limit.cap', 'flow.wait'],
  action: ['action.awardPoints', 'action.cashback', 'action.discount', 'action.issueReward', 'action.setTier', 'action.grantBadge', 'action.challengeProgress', 'action.notify', 'action.addToSegment', 'action.grantOffer'],
};

describe('node catalog', () => {
  it('lists every kind once, grouped in palette order', () => {
    const kinds = definitions.map((d) => d.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toEqual([...KINDS.trigger, ...KINDS.condition, ...KINDS.flow, ...KINDS.action]);
    for (const group of NODE_GROUPS) expect(byGroup(group).map((d) => d.kind)).toEqual(KINDS[group]);
  });

  it('has a start for every trigger event', () => {
    const events = byGroup('trigger').map((d) => d.trigger?.event);
    for (const event of TRIGGER_EVENTS) expect(events).toContain(event);
  });

  it.each(definitions.map((d) => [d.kind, d] as const))('%s gives a usable node from {}', (kind, d) => {
    const result = parseParams(kind, {});
    expect(result.success).toBe(true);
    expect(parseParams(kind, undefined).success).toBe(true);
    const params = defaults(kind);
    const outputs = d.outputs(params);
    expect(outputs.length).toBeGreaterThanOrEqual(1);
    expect(new Set(outputs).size).toBe(outputs.length);
    for (const port of outputs) expect(port).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each(definitions.map((d) => [d.kind, d] as const))('%s is described in both languages', (kind, d) => {
    const params = defaults(kind);
    for (const locale of ['ru', 'en'] as const) {
      expect(d.label[locale].trim()).not.toBe('');
      expect(d.help[locale].trim()).not.toBe('');
      const summary = d.summary(params, locale);
      expect(summary.trim()).not.toBe('');
      expect(summary).not.toMatch(/undefined|NaN|null|\[object/);
      for (const port of d.outputs(params)) if (d.portLabel) expect(d.portLabel(port, locale).trim()).not.toBe('');
    }
    expect(d.label.ru).not.toBe(d.label.en);
  });

  it.each(definitions.map((d) => [d.kind, d] as const))('%s has a ui hint for each parameter and none for others', (kind, d) => {
    expect(Object.keys(d.ui).sort()).toEqual(paramKeys(kind));
    for (const ui of Object.values(d.ui)) {
      expect(ui!.label.ru.trim()).not.toBe('');
      expect(ui!.label.en.trim()).not.toBe('');
      if (ui!.widget === 'reference') expect(ui!.reference).toBeDefined();
      for (const option of Object.values(ui!.options ?? {})) expect(option.ru && option.en).toBeTruthy();
    }
  });

  it.each(definitions.map((d) => [d.kind, d] as const))('%s references ids by a parameter the inspector draws as a reference', (kind, d) => {
    for (const ref of d.references?.(defaults(kind)) ?? []) {
      expect(ref.path[0]).toBe('params');
      expect(paramKeys(kind)).toContain(ref.path[1]);
      expect(d.ui[ref.path[1]]?.reference).toBe(ref.kind);
    }
  });

  it('gives triggers an event and no run, and everything else a run and no event', () => {
    for (const d of byGroup('trigger')) {
      expect(d.trigger, d.kind).toBeDefined();
      expect(d.run, d.kind).toBeUndefined();
      expect(d.outputs(defaults(d.kind))).toEqual(['out']);
    }
    for (const d of definitions.filter((x) => x.group !== 'trigger')) {
      expect(d.trigger, d.kind).toBeUndefined();
      expect(typeof d.run, d.kind).toBe('function');
    }
  });

  it('gives conditions yes and no, and actions an out to chain on', () => {
    for (const d of byGroup('condition')) {
      expect(d.outputs(defaults(d.kind)), d.kind).toEqual(['true', 'false']);
      expect(d.portLabel, d.kind).toBeDefined();
    }
    for (const d of byGroup('action')) expect(d.outputs(defaults(d.kind)), d.kind).toEqual(['out']);
  });

  it.each(definitions.filter((d) => d.run).map((d) => [d.kind, d] as const))('%s runs its defaults onto its own ports', (kind, d) => {
    const params = defaults(kind);
    const outcome = d.run!(params, context);
    expect(outcome.ports.length).toBeGreaterThanOrEqual(1);
    for (const port of outcome.ports) expect(d.outputs(params)).toContain(port);
    if (d.group === 'condition') expect(outcome.inputs, kind).toBeDefined();
    if (d.group !== 'action') expect(outcome.effects ?? [], kind).toEqual([]);
  });

  it('finds kinds by name and refuses unknown ones', () => {
    expect(nodeDefinition('condition.timeWindow')?.group).toBe('condition');
    expect(nodeDefinition('condition.weather')).toBeUndefined();
    expect(parseParams('condition.weather', {})).toEqual({ success: false, issues: [{ path: [], message: 'unknown node kind "condition.weather"' }] });
  });
});
