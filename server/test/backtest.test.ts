import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialect, type TestApp } from './harness';
import { loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';

const DAY = 86_400_000;
const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({ id, kind, params, position: { x: 0, y: 0 } });
const edge = (source: string, target: string, sourcePort = 'out') => ({ id: `${source}-${sourcePort}-${target}`, source, sourcePort, target });
/** 100 points for purchases from 1 000 ₽, at most twice per member. */
const graph = {
  nodes: [node('t', 'trigger.purchase'), node('c', 'condition.amount', { op: 'gte', value: 1000_00 }), node('k', 'limit.cap', { perMember: 2 }), node('a', 'action.awardPoints', { amount: 100 })],
  edges: [edge('t', 'c'), edge('c', 'k', 'true'), edge('k', 'a')],
};
const BACKTEST = `mutation($id: ID!, $graph: JSON, $from: DateTime!, $to: DateTime!, $max: Int) { backtestCampaign(id: $id, graph: $graph, from: $from, to: $to, maxEvents: $max) {
  __typename ... on Backtest { events eventsReplayed sampled sampleRate membersReached pointsIssued costMinor expectedLiabilityMinor diagnostics { code nodeId } }
  ... on ValidationError { fieldErrors { path message } } } }`;

describe(`backtest on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let campaignId: string;
  const from = new Date(Date.now() - 30 * DAY);
  const to = new Date(Date.now() + 60_000);

  beforeAll(async () => {
    t = await createTestApp();
    let pos: string;
    ({ admin, pos } = await loyaltySetup(t));
    const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, { input: { name: 'Draft to test', graph } }, { token: admin });
    campaignId = created.body.data.createCampaign.id;
    const a = await newMember(t, pos);
    const b = await newMember(t, pos);
    let n = 0;
    const buy = (m: { externalId: string }, daysAgo: number, roubles: number) =>
      t.gql(RECORD_PURCHASE, { input: { externalId: `BT-${++n}`, memberExternalId: m.externalId, totalMinor: roubles * 100, currency: 'RUB', channel: 'STORE', occurredAt: new Date(Date.now() - daysAgo * DAY).toISOString() } }, { token: pos });
    // In range: A 500 (no), 1 500, 2 000, 3 000 (capped after two); B 1 200. Out of range: B 5 000 at 40 days.
    for (const [m, days, roubles] of [[a, 20, 500], [a, 15, 1500], [a, 10, 2000], [a, 5, 3000], [b, 8, 1200], [b, 40, 5000]] as const) await buy(m, days, roubles);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('replays the range through the draft and writes nothing', async () => {
    const entries = async () => Number((await t.app.dataSource.query(`SELECT COUNT(*) AS n FROM ledger_entries`))[0].n);
    const before = await entries();
    const res = await t.gql(BACKTEST, { id: campaignId, from: from.toISOString(), to: to.toISOString() }, { token: admin });
    // A: 1 500 and 2 000 (the cap stops 3 000); B: 1 200. 300 points at 1 ₽ (100 kopecks) each; no breakage history.
    expect(res.body.data.backtestCampaign).toEqual({
      __typename: 'Backtest',
      events: 5,
      eventsReplayed: 5,
      sampled: false,
      sampleRate: 1,
      membersReached: 2,
      pointsIssued: 300,
      costMinor: 30_000,
      expectedLiabilityMinor: 30_000,
      diagnostics: [],
    });
    expect(await entries()).toBe(before);
  });

  it('replays a given graph, samples past maxEvents and says so', async () => {
    const everything = { nodes: [node('t', 'trigger.purchase'), node('a', 'action.awardPoints', { amount: 10 })], edges: [edge('t', 'a')] };
    const full = await t.gql(BACKTEST, { id: campaignId, graph: everything, from: from.toISOString(), to: to.toISOString() }, { token: admin });
    expect(full.body.data.backtestCampaign).toMatchObject({ events: 5, pointsIssued: 50, sampled: false });
    const sampled = await t.gql(BACKTEST, { id: campaignId, graph: everything, from: from.toISOString(), to: to.toISOString(), max: 10 }, { token: admin });
    expect(sampled.body.data.backtestCampaign).toMatchObject({ events: 5, sampled: false });
    // maxEvents has a floor of 10; a two-purchase sample of five is asked for through the service.
    const service = await import('../src/campaigns/backtest');
    const result = await service.backtestCampaign(t.app.dataSource.manager, t.app.services, { campaignId: Number(Buffer.from(campaignId, 'base64').toString().split(':')[1]), graph: everything, from, to, maxEvents: 2 });
    expect(result.sampled).toBe(true);
    expect(result.eventsReplayed).toBeLessThan(5);
    expect(result.sampleRate).toBeCloseTo(result.eventsReplayed / 5, 9);
    // Every replayed purchase gave 10, so the scaled total is 10 per purchase in the range.
    expect(result.pointsIssued).toBe(50);
  });

  it('answers a broken graph with diagnostics and a bad range with a field error', async () => {
    const broken = await t.gql(BACKTEST, { id: campaignId, graph: { nodes: [node('a', 'action.awardPoints')], edges: [] }, from: from.toISOString(), to: to.toISOString() }, { token: admin });
    expect(broken.body.data.backtestCampaign.diagnostics.map((d: { code: string }) => d.code)).toContain('trigger_missing');
    expect(broken.body.data.backtestCampaign.eventsReplayed).toBe(0);
    const reversed = await t.gql(BACKTEST, { id: campaignId, from: to.toISOString(), to: from.toISOString() }, { token: admin });
    expect(reversed.body.data.backtestCampaign.fieldErrors[0].path).toEqual(['to']);
  });
});
