import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickVariant } from '@patron/schema/flow';
import { Exposure } from '../src/campaigns/exposure.entity';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { RuleTrace } from '../src/rules/rule-trace.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { expectLedgerInvariants, loyaltySetup, newMember, RECORD_PURCHASE, REFUND } from './loyalty-harness';

const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({ id, kind, params, position: { x: 0, y: 0 } });
const edge = (source: string, target: string, sourcePort = 'out') => ({ id: `${source}-${sourcePort}-${target}`, source, sourcePort, target });

const CREATE = `mutation($input: CampaignInput!) { createCampaign(input: $input) { __typename ... on Campaign { id draftRevision draftDiagnostics { code nodeId } } ... on Error { code message } } }`;
const UPDATE = `mutation($id: ID!, $input: CampaignInput!) { updateCampaignDraft(id: $id, input: $input) { __typename ... on Campaign { draftRevision draftDiagnostics { code nodeId } } ... on Error { code message } } }`;
const PUBLISH = `mutation($id: ID!, $notes: String) { publishCampaign(id: $id, notes: $notes) { __typename ... on Campaign { status activeVersion versions { number notes } } ... on PublishRefusedError { diagnostics { code nodeId message(locale: "ru") } } ... on Error { code } } }`;

const abGraph = {
  nodes: [
    node('t', 'trigger.purchase'),
    node('c', 'condition.amount', { op: 'gte', value: 1000_00 }),
    node('s', 'split.ab', { experimentKey: 'double-points', variants: [{ key: 'A', weight: 50 }, { key: 'B', weight: 50 }] }),
    node('a', 'action.awardPoints', { mode: 'multiplier', amount: 2 }),
    node('b', 'action.awardPoints', { mode: 'fixed', amount: 100 }),
  ],
  edges: [edge('t', 'c'), edge('c', 's', 'true'), edge('s', 'a', 'A'), edge('s', 'b', 'B')],
};

describe(`campaigns on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let seq = 0;
  const buy = async (memberExternalId: string, totalMinor: number) =>
    (await t.gql(RECORD_PURCHASE.replace('pointsEarned', 'pointsEarned campaignPoints'), { input: { externalId: `CP-${++seq}-${Math.random()}`, memberExternalId, totalMinor, currency: 'RUB', channel: 'STORE' } }, { token: pos })).body.data.recordPurchase;

  async function publish(name: string, graph: unknown, extra: Record<string, unknown> = {}) {
    const created = await t.gql(CREATE, { input: { name, graph, ...extra } }, { token: admin });
    const id = created.body.data.createCampaign.id as string;
    const published = await t.gql(PUBLISH, { id, notes: 'first version' }, { token: admin });
    expect(published.body.data.publishCampaign.__typename).toBe('Campaign');
    return id;
  }
  async function pause(id: string) {
    await t.gql(`mutation($id: ID!) { pauseCampaign(id: $id) { __typename } }`, { id }, { token: admin });
  }

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a published A/B campaign fires on purchases, tagging the points with campaign, version, variant and trace', async () => {
    const id = await publish('Double points', abGraph);
    const m = await newMember(t, pos);
    const res = await buy(m.externalId, 1500_00);
    const variant = pickVariant('double-points', String(m.dbId), [{ key: 'A', weight: 50 }, { key: 'B', weight: 50 }]);
    expect(res).toMatchObject({ pointsEarned: 1500, campaignPoints: variant === 'A' ? 1500 : 100 });
    const entry = await t.app.dataSource.manager.findOneByOrFail(LedgerEntry, { memberId: m.dbId, source: 'campaign' });
    const campaignId = Number(Buffer.from(id, 'base64').toString().split(':')[1]);
    expect(entry).toMatchObject({ campaignId, campaignVersion: 1, variantKey: variant, reason: 'Double points' });
    const trace = await t.app.dataSource.manager.findOneByOrFail(RuleTrace, { id: entry.traceId! });
    expect(trace.steps.map((s) => s.nodeId)).toEqual(['t', 'c', 's', variant === 'A' ? 'a' : 'b']);
    // A small purchase meets the condition's false branch: no exposure, no points.
    const small = await buy(m.externalId, 100_00);
    expect(small.campaignPoints).toBe(0);
    await buy(m.externalId, 2000_00);
    expect(await t.app.dataSource.manager.countBy(Exposure, { memberId: m.dbId })).toBe(1);
    await pause(id);
  });

  it('a refund takes back the campaign points the purchase earned, in proportion', async () => {
    const id = await publish('Flat 300', { nodes: [node('t', 'trigger.purchase', {}), node('a', 'action.awardPoints', { mode: 'fixed', amount: 300 })], edges: [edge('t', 'a')] });
    const m = await newMember(t, pos);
    const externalId = `CP-REFUND-${++seq}`;
    const bought = await t.gql(RECORD_PURCHASE.replace('pointsEarned', 'pointsEarned campaignPoints'), { input: { externalId, memberExternalId: m.externalId, totalMinor: 1000_00, currency: 'RUB', channel: 'STORE' } }, { token: pos });
    // The answer's account already holds the campaign's points, without a read of its own.
    expect(bought.body.data.recordPurchase).toMatchObject({ pointsEarned: 1000, campaignPoints: 300, account: { available: 1300, pending: 0, debt: 0 } });
    const half = await t.gql(REFUND, { input: { externalId: `${externalId}-R1`, purchaseExternalId: externalId, amountMinor: 500_00 } }, { token: pos });
    expect(half.body.data.refundPurchase.pointsReversed).toBe(650);
    const rest = await t.gql(REFUND, { input: { externalId: `${externalId}-R2`, purchaseExternalId: externalId, amountMinor: 500_00 } }, { token: pos });
    expect(rest.body.data.refundPurchase).toMatchObject({ pointsReversed: 650, account: { available: 0, pending: 0, debt: 0 } });
    await expectLedgerInvariants(t, m.dbId);
    await pause(id);
  });

  it('a graph with errors is saved as a draft but never published', async () => {
    const broken = { nodes: [node('t', 'trigger.purchase'), node('a', 'action.awardPoints'), node('b', 'action.awardPoints')], edges: [edge('t', 'a'), edge('a', 'b'), edge('b', 'a')] };
    const created = await t.gql(CREATE, { input: { name: 'Loop', graph: broken } }, { token: admin });
    expect(created.body.data.createCampaign.draftDiagnostics.map((d: { code: string }) => d.code)).toEqual(['cycle', 'cycle']);
    const refused = await t.gql(PUBLISH, { id: created.body.data.createCampaign.id }, { token: admin });
    expect(refused.body.data.publishCampaign.__typename).toBe('PublishRefusedError');
    expect(refused.body.data.publishCampaign.diagnostics[0].message).toMatch(/цикл/);
  });

  it('nodes of domains that have not landed cannot be published, and say why', async () => {
    const graph = { nodes: [node('t', 'trigger.purchase'), node('r', 'action.discount', { percent: 10 })], edges: [edge('t', 'r')] };
    const created = await t.gql(CREATE, { input: { name: 'Discount', graph } }, { token: admin });
    const refused = await t.gql(PUBLISH, { id: created.body.data.createCampaign.id }, { token: admin });
    expect(refused.body.data.publishCampaign.diagnostics).toMatchObject([{ code: 'domain_unavailable', nodeId: 'r' }]);
  });

  it('drafts detect another tab; versions stay immutable; diff and restore work', async () => {
    const id = await publish('Versions', abGraph);
    const v2graph = { ...abGraph, nodes: abGraph.nodes.map((n) => (n.id === 'b' ? { ...n, params: { mode: 'fixed', amount: 150 } } : n)).concat([node('x', 'action.awardPoints', { amount: 5 })]), edges: [...abGraph.edges, edge('c', 'x', 'false')] };
    const stale = await t.gql(UPDATE, { id, input: { graph: v2graph, expectedRevision: 0 } }, { token: admin });
    expect(stale.body.data.updateCampaignDraft.__typename).toBe('ConflictError');
    const read = await t.gql(`query($id: ID!) { campaign(id: $id) { draftRevision } }`, { id }, { token: admin });
    const saved = await t.gql(UPDATE, { id, input: { graph: v2graph, expectedRevision: read.body.data.campaign.draftRevision } }, { token: admin });
    expect(saved.body.data.updateCampaignDraft.draftDiagnostics).toEqual([]);
    await t.gql(PUBLISH, { id, notes: 'bigger B' }, { token: admin });
    const diff = await t.gql(`query($id: ID!) { campaign(id: $id) { activeVersion versions { number notes } diff(from: 1, to: 2) { nodesAdded nodesChanged nodesRemoved edgesAdded edgesRemoved } } }`, { id }, { token: admin });
    expect(diff.body.data.campaign).toEqual({
      activeVersion: 2,
      versions: [
        { number: 2, notes: 'bigger B' },
        { number: 1, notes: 'first version' },
      ],
      diff: { nodesAdded: ['x'], nodesChanged: ['b'], nodesRemoved: [], edgesAdded: ['c-false-x'], edgesRemoved: [] },
    });
    const restored = await t.gql(`mutation($id: ID!) { restoreCampaignVersion(id: $id, version: 1) { ... on Campaign { draftGraph } } }`, { id }, { token: admin });
    expect(restored.body.data.restoreCampaignVersion.draftGraph.nodes).toHaveLength(5);
    const v1 = await t.gql(`query($id: ID!) { campaign(id: $id) { versions { number graph } } }`, { id }, { token: admin });
    expect(v1.body.data.campaign.versions[0].graph.nodes).toHaveLength(6);
    await pause(id);
  });

  it('simulates on a real member without writing anything', async () => {
    const created = await t.gql(CREATE, { input: { name: 'Sim', graph: abGraph } }, { token: admin });
    const m = await newMember(t, pos);
    const before = await t.app.dataSource.manager.count(LedgerEntry);
    const sim = await t.gql(
      `mutation($id: ID!, $member: ID!, $event: SimulationEventInput!) { simulateCampaign(id: $id, memberId: $member, event: $event) { ... on Simulation { effects trace exposures diagnostics { code } } } }`,
      { id: created.body.data.createCampaign.id, member: m.id, event: { type: 'PURCHASE', totalMinor: 1200_00 } },
      { token: admin },
    );
    const result = sim.body.data.simulateCampaign;
    expect(result.diagnostics).toEqual([]);
    expect(result.trace.map((s: { nodeId: string }) => s.nodeId).slice(0, 3)).toEqual(['t', 'c', 's']);
    expect(result.trace[1].inputs).toEqual({ totalMinor: 1200_00, op: 'gte', value: 1000_00 });
    expect(result.effects).toHaveLength(1);
    expect(await t.app.dataSource.manager.count(LedgerEntry)).toBe(before);
  });

  it('custom events fire trigger.event campaigns, once per externalId', async () => {
    const id = await publish('App opened', { nodes: [node('t', 'trigger.event', { name: 'app_opened' }), node('a', 'action.awardPoints', { amount: 25 })], edges: [edge('t', 'a')] });
    const key = (await t.gql(`mutation { createApiKey(input: { name: "app", scopes: [EVENTS_WRITE] }) { ... on CreatedApiKey { secret } } }`, {}, { token: admin })).body.data.createApiKey.secret;
    const m = await newMember(t, pos);
    const send = () => t.gql(`mutation($input: RecordEventInput!) { recordEvent(input: $input) { __typename ... on EventRecorded { pointsAwarded replayed } ... on Error { code } } }`, { input: { externalId: `EV-${m.externalId}`, memberExternalId: m.externalId, name: 'app_opened' } }, { token: key });
    expect((await send()).body.data.recordEvent).toEqual({ __typename: 'EventRecorded', pointsAwarded: 25, replayed: false });
    expect((await send()).body.data.recordEvent).toEqual({ __typename: 'EventRecorded', pointsAwarded: 25, replayed: true });
    await pause(id);
  });

  it('a 1,000-point budget is never overspent by 100 purchases at once', async () => {
    const id = await publish('Budgeted', { nodes: [node('t', 'trigger.purchase'), node('a', 'action.awardPoints', { amount: 30 })], edges: [edge('t', 'a')] }, { budgetPoints: 1000 });
    const members = await Promise.all(Array.from({ length: 20 }, () => newMember(t, pos)));
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => buy(members[i % 20].externalId, 100_00)));
    expect(results.every((r) => r.__typename === 'PurchaseRecorded')).toBe(true);
    const campaignId = Number(Buffer.from(id, 'base64').toString().split(':')[1]);
    const given = await t.app.dataSource.manager.sum(LedgerEntry, 'availableChange', { campaignId });
    expect(given).toBe(990);
    const read = await t.gql(`query($id: ID!) { campaign(id: $id) { spentPoints budgetPoints } }`, { id }, { token: admin });
    expect(read.body.data.campaign).toEqual({ spentPoints: 990, budgetPoints: 1000 });
    await pause(id);
  });

  it('a cap of once per member holds; an exclusive campaign with higher priority stops the others', async () => {
    const capped = await publish('Welcome bonus', { nodes: [node('t', 'trigger.purchase'), node('k', 'limit.cap', { perMember: 1 }), node('a', 'action.awardPoints', { amount: 200 })], edges: [edge('t', 'k'), edge('k', 'a')] }, { priority: 10, stacking: 'EXCLUSIVE' });
    const other = await publish('Always 1', { nodes: [node('t', 'trigger.purchase'), node('a', 'action.awardPoints', { amount: 1 })], edges: [edge('t', 'a')] }, { priority: 1 });
    const m = await newMember(t, pos);
    expect((await buy(m.externalId, 100_00)).campaignPoints).toBe(200);
    expect((await buy(m.externalId, 100_00)).campaignPoints).toBe(1);
    await pause(capped);
    await pause(other);
    const resumed = await t.gql(`mutation($id: ID!) { resumeCampaign(id: $id) { ... on Campaign { status } } }`, { id: other }, { token: admin });
    expect(resumed.body.data.resumeCampaign.status).toBe('ACTIVE');
    await pause(other);
    expect((await buy(m.externalId, 100_00)).campaignPoints).toBe(0);
  });

  it('tells what it gave without a budget, who published each version, and which domains it runs', async () => {
    const id = await publish('Flat 40', { nodes: [node('t', 'trigger.purchase'), node('a', 'action.awardPoints', { amount: 40 })], edges: [edge('t', 'a')] });
    const m = await newMember(t, pos);
    await buy(m.externalId, 100_00);
    await buy(m.externalId, 100_00);
    const res = await t.gql(`query($id: ID!) { campaign(id: $id) { budgetPoints spentPoints versions { authorName } } flowDomains }`, { id }, { token: admin });
    expect(res.body.data.campaign).toEqual({ budgetPoints: null, spentPoints: 80, versions: [{ authorName: 'Administrator' }] });
    // Core domains always; engagement domains (rewards…) as they land.
    expect(res.body.data.flowDomains).toEqual(expect.arrayContaining(['jobs', 'scheduler', 'segments', 'surveys']));
    await pause(id);
  });

  it('members and analysts cannot edit campaigns', async () => {
    const up = await t.gql(`mutation { memberSignUp(input: { email: "nocampaigns@example.com", password: "member-password" }) { ... on MemberSession { token } } }`);
    const denied = await t.gql(CREATE, { input: { name: 'x' } }, { token: up.body.data.memberSignUp.token });
    expect(denied.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await t.gql(`mutation { createStaffUser(input: { email: "an@test.local", password: "analyst-pass-1", role: ANALYST }) { __typename } }`, {}, { token: admin });
    const analyst = await t.signInStaff('an@test.local', 'analyst-pass-1');
    expect((await t.gql(`{ campaigns(first: 5) { edges { node { name } } } }`, {}, { token: analyst })).body.errors).toBeUndefined();
    expect((await t.gql(CREATE, { input: { name: 'x' } }, { token: analyst })).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe(`campaign triggers the server sends on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
    const program = await t.app.dataSource.manager.query(`SELECT id FROM programs WHERE code = 'bonus'`);
    const programId = Number(program[0].id);
    await t.app.services.programs.saveTier(t.app.dataSource.manager, programId, { code: 'basic', name: 'Basic', rank: 0 });
    await t.app.services.programs.saveTier(t.app.dataSource.manager, programId, { code: 'gold', name: 'Gold', rank: 1, threshold: 5_000_00 });
  });
  afterAll(async () => {
    await t?.close();
  });

  async function publish(graph: unknown) {
    const created = await t.gql(CREATE, { input: { name: 'trigger test', graph } }, { token: admin });
    const res = await t.gql(PUBLISH, { id: created.body.data.createCampaign.id }, { token: admin });
    return res.body.data.publishCampaign;
  }

  it('signup: a welcome bonus when a member signs up or the brand sends a new member', async () => {
    expect((await publish({ nodes: [node('t', 'trigger.signup'), node('a', 'action.awardPoints', { amount: 300 })], edges: [edge('t', 'a')] })).__typename).toBe('Campaign');
    const up = await t.gql(`mutation { memberSignUp(input: { email: "welcome@example.com", password: "member-password" }) { ... on MemberSession { token } } }`);
    const me = await t.gql(`{ viewer { ... on Member { account { available } } } }`, {}, { token: up.body.data.memberSignUp.token });
    expect(me.body.data.viewer.account.available).toBe(300);
    const m = await newMember(t, pos);
    const read = await t.gql(`query($id: ID!) { member(id: $id) { account { available } } }`, { id: m.id }, { token: admin });
    expect(read.body.data.member.account.available).toBe(300);
  });

  it('tierChanged: reaching gold at a purchase fires its campaign; cashback is paid as points at the point value', async () => {
    expect((await publish({ nodes: [node('t', 'trigger.tierChanged', { toTier: 'gold' }), node('a', 'action.awardPoints', { amount: 1000 })], edges: [edge('t', 'a')] })).__typename).toBe('Campaign');
    expect((await publish({ nodes: [node('t', 'trigger.purchase'), node('x', 'action.cashback', { percent: 5 })], edges: [edge('t', 'x')] })).__typename).toBe('Campaign');
    const m = await newMember(t, pos);
    const buy = (n: number, totalMinor: number) =>
      t.gql(RECORD_PURCHASE.replace('pointsEarned', 'pointsEarned campaignPoints'), { input: { externalId: `TC-${m.externalId}-${n}`, memberExternalId: m.externalId, totalMinor, currency: 'RUB', channel: 'STORE' } }, { token: pos });
    const small = await buy(1, 1_000_00);
    expect(small.body.data.recordPurchase).toMatchObject({ pointsEarned: 1000, campaignPoints: 50 }); // 5 % of 1 000 ₽ = 50 ₽ = 50 points
    const big = await buy(2, 6_000_00);
    expect(big.body.data.recordPurchase).toMatchObject({ pointsEarned: 6000, campaignPoints: 300 + 1000, newTier: { code: 'gold' } });
  });

  it("a cap's point budget counts cashback too", async () => {
    await publish({ nodes: [node('t', 'trigger.purchase'), node('k', 'limit.cap', { perMember: null, budgetPoints: 100 }), node('x', 'action.cashback', { percent: 10 })], edges: [edge('t', 'k'), edge('k', 'x')] });
    const m = await newMember(t, pos);
    const buy = (n: number) =>
      t.gql(RECORD_PURCHASE.replace('pointsEarned', 'pointsEarned campaignPoints'), { input: { externalId: `CB-${m.externalId}-${n}`, memberExternalId: m.externalId, totalMinor: 600_00, currency: 'RUB', channel: 'STORE' } }, { token: pos });
    // 10 % of 600 ₽ = 60 ₽ = 60 points: the first fits the 100-point budget, the second would not. (The earlier cashback campaign adds 30 each time.)
    expect((await buy(1)).body.data.recordPurchase.campaignPoints).toBe(30 + 60);
    expect((await buy(2)).body.data.recordPurchase.campaignPoints).toBe(30);
  });

  it('nodes of a domain the server does not have (instant discounts) cannot be published; the forum trigger can', async () => {
    const community = await publish({ nodes: [node('t', 'trigger.communityPost'), node('a', 'action.awardPoints')], edges: [edge('t', 'a')] });
    expect(community.__typename).toBe('Campaign');
    const discount = await publish({ nodes: [node('t', 'trigger.purchase'), node('d', 'action.discount')], edges: [edge('t', 'd')] });
    expect(discount.diagnostics).toMatchObject([{ code: 'domain_unavailable', nodeId: 'd' }]);
  });
});
