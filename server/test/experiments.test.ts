import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Exposure } from '../src/campaigns/exposure.entity';
import { twoProportionTest, welchTest } from '../src/experiments/statistics';
import { createTestApp, dialect, type TestApp } from './harness';
import { loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';

const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({ id, kind, params, position: { x: 0, y: 0 } });
const edge = (source: string, target: string, sourcePort = 'out') => ({ id: `${source}-${sourcePort}-${target}`, source, sourcePort, target });
const splitGraph = (experimentKey: string) => ({
  nodes: [
    node('t', 'trigger.purchase'),
    node('s', 'split.ab', { experimentKey, variants: [{ key: 'control', weight: 50 }, { key: 'bonus', weight: 50 }] }),
    node('a', 'action.awardPoints', { amount: 10 }),
    node('b', 'action.awardPoints', { amount: 50 }),
  ],
  edges: [edge('t', 's'), edge('s', 'a', 'control'), edge('s', 'b', 'bonus')],
});

const EXPERIMENTS = `query($id: ID!, $min: Int) { campaign(id: $id) { experiments(minSample: $min) {
  experimentKey control currency primaryMetric incrementalRevenueMinor incrementalCostMinor roi
  variants { key weight exposed converters conversionRate revenuePerMember averageOrderValue purchasesPerMember pointsPerMember pointsCostPerMember netPerMember
    comparisons { metric control value absoluteUplift relativeUplift ciLow ciHigh pValue } }
  sampleRatio { chiSquared pValue mismatch }
  verdict { status winner alpha ru: message(locale: "ru") en: message(locale: "en") } } } }`;

describe(`experiments on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let campaignId: string;
  const buys: Record<string, { variant: string; totals: number[] }> = {};

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
    const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, { input: { name: 'Bonus test', graph: splitGraph('bonus-test') } }, { token: admin });
    campaignId = created.body.data.createCampaign.id;
    await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename } }`, { id: campaignId }, { token: admin });
    // 30 members buy once (and are exposed); afterwards every "bonus" member buys twice more and every third "control" member once.
    const buy = (m: { externalId: string }, n: number, totalMinor: number) =>
      t.gql(RECORD_PURCHASE, { input: { externalId: `X-${m.externalId}-${n}`, memberExternalId: m.externalId, totalMinor, currency: 'RUB', channel: 'STORE' } }, { token: pos });
    const members = [];
    for (let i = 0; i < 30; i++) {
      const m = await newMember(t, pos);
      await buy(m, 0, 100_00);
      members.push(m);
    }
    // Exposure and the exposing purchase share a second on MySQL; later purchases must be later.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const exposures = await t.app.dataSource.manager.find(Exposure, { where: { experimentKey: 'bonus-test' } });
    for (const [i, m] of members.entries()) {
      const variant = exposures.find((e) => e.memberId === m.dbId)!.variant;
      const totals = variant === 'bonus' ? [300_00 + i * 100, 200_00] : i % 3 === 0 ? [150_00 + i * 100] : [];
      for (const [n, total] of totals.entries()) await buy(m, n + 1, total);
      buys[m.dbId] = { variant, totals };
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports each variant from the exposures and what the members did afterwards, with tests against the control', async () => {
    const res = await t.gql(EXPERIMENTS, { id: campaignId, min: 10 }, { token: admin });
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    const [experiment] = res.body.data.campaign.experiments;
    expect(experiment).toMatchObject({ experimentKey: 'bonus-test', control: 'control', currency: 'RUB', primaryMetric: 'CONVERSION_RATE' });
    // The expected figures, computed here from what the test did.
    const { pointValueMinor: pointValue } = await t.app.services.programs.resolve(t.app.dataSource.manager);
    const by = (variant: string) => Object.values(buys).filter((b) => b.variant === variant);
    for (const variant of ['control', 'bonus']) {
      const group = by(variant);
      const got = experiment.variants.find((v: { key: string }) => v.key === variant);
      const revenue = group.flatMap((b) => b.totals).reduce((a, b) => a + b, 0);
      const orders = group.flatMap((b) => b.totals).length;
      // Every purchase earns points from the campaign: 10 in control, 50 in bonus.
      const points = group.reduce((sum, b) => sum + (1 + b.totals.length) * (variant === 'bonus' ? 50 : 10), 0);
      expect(got).toMatchObject({ weight: 50, exposed: group.length, converters: group.filter((b) => b.totals.length > 0).length });
      expect(got.revenuePerMember).toBeCloseTo(revenue / group.length, 6);
      expect(got.averageOrderValue).toBeCloseTo(orders ? revenue / orders : 0, 6);
      expect(got.purchasesPerMember).toBeCloseTo(orders / group.length, 6);
      expect(got.pointsPerMember).toBeCloseTo(points / group.length, 6);
      // Net = revenue − points at the program's point value (kopecks per point).
      expect(got.pointsCostPerMember).toBeCloseTo((points * pointValue) / group.length, 6);
      expect(got.netPerMember).toBeCloseTo((revenue - points * pointValue) / group.length, 6);
    }
    const control = by('control');
    const bonus = by('bonus');
    const [conversion] = experiment.variants[1].comparisons;
    const expected = twoProportionTest(control.filter((b) => b.totals.length).length, control.length, bonus.filter((b) => b.totals.length).length, bonus.length);
    expect(conversion.metric).toBe('CONVERSION_RATE');
    expect(conversion.pValue).toBeCloseTo(expected.pValue!, 9);
    expect(conversion.ciLow).toBeCloseTo(expected.ciLow, 9);
    const revenue = experiment.variants[1].comparisons.find((c: { metric: string }) => c.metric === 'REVENUE_PER_MEMBER');
    const perMember = (g: typeof control) => g.map((b) => b.totals.reduce((a, x) => a + x, 0));
    const moments = (xs: number[]) => ({ n: xs.length, sum: xs.reduce((a, b) => a + b, 0), sumSquares: xs.reduce((a, b) => a + b * b, 0) });
    expect(revenue.pValue).toBeCloseTo(welchTest(moments(perMember(control)), moments(perMember(bonus))).pValue!, 9);
    expect(experiment.sampleRatio.mismatch).toBe(false);
    // What the bonus variant added against the control, and what it cost beyond it (margin 100 %).
    const [c, b] = experiment.variants;
    const incremental = (b.revenuePerMember - c.revenuePerMember) * b.exposed;
    const extraCost = (b.pointsCostPerMember - c.pointsCostPerMember) * b.exposed;
    expect(experiment.incrementalRevenueMinor).toBeCloseTo(incremental, 6);
    expect(experiment.incrementalCostMinor).toBeCloseTo(extraCost, 6);
    expect(experiment.roi).toBeCloseTo((incremental - extraCost) / extraCost, 9);
    // Every bonus member bought again, a third of control: the bonus variant wins on conversion.
    expect(experiment.verdict).toMatchObject({ status: 'VARIANT_WINS', winner: 'bonus', alpha: 0.05 });
    expect(experiment.verdict.en).toMatch(/^Variant bonus beats the control control: conversion to purchase 100\.0 % vs/);
    expect(experiment.verdict.ru).toMatch(/^Вариант bonus лучше контрольного control/);
  });

  it('calls no winner before the minimum sample', async () => {
    const res = await t.gql(EXPERIMENTS, { id: campaignId }, { token: admin });
    expect(res.body.data.campaign.experiments[0].verdict).toMatchObject({ status: 'COLLECTING', winner: null });
    const bad = await t.gql(EXPERIMENTS, { id: campaignId, min: 1 }, { token: admin });
    expect(bad.body.errors?.[0].message).toMatch(/minSample/);
  });

  it('refuses to trust a split whose members do not follow the weights', async () => {
    const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, { input: { name: 'Skewed', graph: splitGraph('skewed') } }, { token: admin });
    const id = created.body.data.createCampaign.id;
    const dbId = Number(Buffer.from(id, 'base64').toString().split(':')[1]);
    // 10,000 exposures split 45/55 on 50/50 weights.
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ campaignId: dbId, campaignVersion: 1, experimentKey: 'skewed', variant: i < 4500 ? 'control' : 'bonus', memberId: 1_000_000 + i, exposedAt: new Date() }));
    for (let i = 0; i < rows.length; i += 500) await t.app.dataSource.manager.insert(Exposure, rows.slice(i, i + 500));
    const res = await t.gql(EXPERIMENTS, { id }, { token: admin });
    const [experiment] = res.body.data.campaign.experiments;
    expect(experiment.sampleRatio.chiSquared).toBeCloseTo(100, 9);
    expect(experiment.sampleRatio.mismatch).toBe(true);
    expect(experiment.verdict.status).toBe('SAMPLE_RATIO_MISMATCH');
  });

  it('declaring a winner routes the draft 100 % to it, ready to publish; analysts may read but not declare', async () => {
    const DECLARE = `mutation($id: ID!, $key: String!, $variant: String!) { declareExperimentWinner(campaignId: $id, experimentKey: $key, variant: $variant) {
      __typename ... on Campaign { draftGraph draftDiagnostics { code } } ... on ValidationError { fieldErrors { path message } } } }`;
    const unknown = await t.gql(DECLARE, { id: campaignId, key: 'bonus-test', variant: 'nope' }, { token: admin });
    expect(unknown.body.data.declareExperimentWinner).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['variant'] }] });
    const noKey = await t.gql(DECLARE, { id: campaignId, key: 'other', variant: 'bonus' }, { token: admin });
    expect(noKey.body.data.declareExperimentWinner.__typename).toBe('ValidationError');

    await t.gql(`mutation { createStaffUser(input: { email: "analyst@test.local", name: "Analyst", role: ANALYST, password: "analyst-password-1" }) { __typename } }`, {}, { token: admin });
    const analyst = await t.signInStaff('analyst@test.local', 'analyst-password-1');
    expect((await t.gql(EXPERIMENTS, { id: campaignId, min: 10 }, { token: analyst })).body.data.campaign.experiments).toHaveLength(1);
    const denied = await t.gql(DECLARE, { id: campaignId, key: 'bonus-test', variant: 'bonus' }, { token: analyst });
    expect(denied.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const declared = await t.gql(DECLARE, { id: campaignId, key: 'bonus-test', variant: 'bonus' }, { token: admin });
    const draft = declared.body.data.declareExperimentWinner;
    expect(draft.draftDiagnostics).toEqual([]);
    expect(draft.draftGraph.nodes.find((n: { id: string }) => n.id === 's').params.variants).toEqual([
      { key: 'control', weight: 0 },
      { key: 'bonus', weight: 100 },
    ]);
    const published = await t.gql(`mutation($id: ID!) { publishCampaign(id: $id, notes: "bonus wins") { __typename } }`, { id: campaignId }, { token: admin });
    expect(published.body.data.publishCampaign.__typename).toBe('Campaign');
  });
});
