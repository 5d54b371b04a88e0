import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Member } from '../src/members/member.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';

const DAY = 86_400_000;
const SEGMENT_FIELDS = `__typename ... on Segment { id code kind memberCount } ... on ValidationError { fieldErrors { path message } } ... on ConflictError { message }`;
const LIST_FIELDS = `__typename ... on Segment { id code kind memberCount } ... on ValidationError { fieldErrors { path message } }`;
const CREATE = `mutation($input: SegmentInput!) { createSegment(input: $input) { ${SEGMENT_FIELDS} } }`;
const PREVIEW = `query($definition: JSON!) { previewSegment(definition: $definition) { __typename ... on SegmentPreview { members } ... on ValidationError { fieldErrors { path message } } } }`;

describe(`segments on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  const m: Record<string, { id: string; dbId: number; externalId: string }> = {};

  const buy = async (member: { externalId: string }, daysAgo: number, totalMinor: number, channel = 'STORE') => {
    const res = await t.gql(RECORD_PURCHASE, { input: { externalId: `S-${member.externalId}-${daysAgo}-${totalMinor}-${channel}`, memberExternalId: member.externalId, totalMinor, currency: 'RUB', channel, occurredAt: new Date(Date.now() - daysAgo * DAY).toISOString() } }, { token: pos });
    expect(res.body.data.recordPurchase.__typename).toBe('PurchaseRecorded');
  };
  const codesOf = async (member: { id: string }) => (await t.gql(`query($id: ID!) { node(id: $id) { ... on Member { segments } } }`, { id: member.id }, { token: admin })).body.data.node.segments;
  const preview = async (definition: unknown) => {
    const res = await t.gql(PREVIEW, { definition }, { token: admin });
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    return res.body.data.previewSegment;
  };

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
    for (const name of ['fresh', 'lapsing', 'gone', 'browser', 'blocked']) m[name] = await newMember(t, pos);
    const em = t.app.dataSource.manager;
    const joined = { fresh: 10, lapsing: 400, gone: 500, browser: 5, blocked: 3 };
    for (const [name, days] of Object.entries(joined)) await em.update(Member, m[name].dbId, { createdAt: new Date(Date.now() - days * DAY) });
    for (const daysAgo of [2, 10, 20, 40, 80]) await buy(m.fresh, daysAgo, 1000_00);
    await buy(m.fresh, 5, 500_00, 'ONLINE');
    await buy(m.lapsing, 130, 4000_00);
    await buy(m.lapsing, 100, 4000_00);
    await buy(m.gone, 200, 800_00);
    await em.update(Member, m.browser.dbId, { attributes: { city: 'Moscow', vip: true, age: 41, pet: { kind: 'cat' } }, consentEmail: true });
    await em.update(Member, m.blocked.dbId, { status: 'suspended', attributes: { city: 'Moscow' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates the predefined segments and materializes them on crafted members', async () => {
    const res = await t.gql(`mutation { addPredefinedSegments(locale: "en") { code name memberCount } }`, {}, { token: admin });
    expect(res.body.data.addPredefinedSegments.map((s: { code: string }) => s.code)).toEqual(['new', 'loyal', 'big-orders', 'active', 'at-risk', 'churned']);
    expect(await codesOf(m.fresh)).toEqual(['active', 'loyal', 'new']);
    expect(await codesOf(m.lapsing)).toEqual(['at-risk', 'big-orders']);
    expect(await codesOf(m.gone)).toEqual(['churned']);
    expect(await codesOf(m.browser)).toEqual(['new']);
    // A suspended member is in no segment.
    expect(await codesOf(m.blocked)).toEqual([]);
    // Running it again adds nothing.
    expect((await t.gql(`mutation { addPredefinedSegments { code } }`, {}, { token: admin })).body.data.addPredefinedSegments).toEqual([]);
  });

  it('previews every kind of rule, with and / or / not', async () => {
    const count = async (definition: unknown) => (await preview(definition)).members;
    expect(await count({ type: 'attribute', path: 'city', op: 'eq', value: 'Moscow' })).toBe(1);
    expect(await count({ type: 'attribute', path: 'age', op: 'gt', value: 40 })).toBe(1);
    expect(await count({ type: 'attribute', path: 'vip', op: 'eq', value: true })).toBe(1);
    expect(await count({ type: 'attribute', path: 'pet.kind', op: 'exists' })).toBe(1);
    expect(await count({ type: 'attribute', path: 'city', op: 'neq', value: 'Kazan' })).toBe(4);
    expect(await count({ type: 'profile', field: 'consentEmail', value: true })).toBe(1);
    expect(await count({ type: 'profile', field: 'hasEmail', value: true })).toBe(4);
    expect(await count({ type: 'channel', channel: 'online', days: 30 })).toBe(1);
    expect(await count({ type: 'window', metric: 'spend', days: 30, op: 'gte', value: 3000_00 })).toBe(1);
    expect(await count({ type: 'window', metric: 'pointsEarned', days: 365, op: 'gt', value: 0 })).toBe(3);
    expect(await count({ type: 'metric', metric: 'lifetimeSpend', op: 'gte', value: 8000_00 })).toBe(1);
    expect(await count({ type: 'metric', metric: 'pointsBalance', op: 'eq', value: 0 })).toBe(1);
    expect(await count({ type: 'metric', metric: 'daysSinceJoined', op: 'eq', value: 10 })).toBe(1);
    expect(await count({ type: 'segment', segment: 'churned' })).toBe(1);
    expect(await count({ type: 'any', rules: [{ type: 'segment', segment: 'churned' }, { type: 'segment', segment: 'at-risk' }] })).toBe(2);
    // NOT over a missing value is true: members who never bought are not "active".
    expect(await count({ type: 'not', rule: { type: 'metric', metric: 'daysSinceLastPurchase', op: 'lte', value: 90 } })).toBe(3);
    expect(await count({ type: 'all', rules: [{ type: 'segment', segment: 'new' }, { type: 'not', rule: { type: 'segment', segment: 'loyal' } }] })).toBe(1);
  });

  it('refuses malformed and hostile definitions with field errors, saving nothing', async () => {
    const nest = (depth: number): unknown => (depth === 0 ? { type: 'segment', segment: 'new' } : { type: 'not', rule: nest(depth - 1) });
    const bad = [
      { type: 'drop-table' },
      { type: 'attribute', path: "city') IS NULL; DROP TABLE members; --", op: 'eq', value: 'x' },
      { type: 'window', metric: 'spend', days: 0, op: 'gte', value: 1 },
      { type: 'metric', metric: 'pointsBalance', op: 'gte', value: 1e15 },
      { type: 'metric', metric: 'pointsBalance', op: 'gte', value: '10' },
      nest(6),
      { type: 'any', rules: Array.from({ length: 51 }, () => ({ type: 'segment', segment: 'new' })) },
      'not an object',
      { type: 'community', activity: 'posted', days: 0, op: 'gte', value: 1 },
      { type: 'community', activity: 'shouted', days: 30, op: 'gte', value: 1 },
    ];
    for (const definition of bad) expect((await preview(definition)).__typename, JSON.stringify(definition).slice(0, 80)).toBe('ValidationError');
    const create = (input: Record<string, unknown>) => t.gql(CREATE, { input }, { token: admin });
    expect((await create({ code: 'Bad Code', name: 'x', kind: 'DYNAMIC', definition: { type: 'segment', segment: 'new' } })).body.data.createSegment.__typename).toBe('ValidationError');
    expect((await create({ code: 'loop', name: 'x', kind: 'DYNAMIC', definition: { type: 'segment', segment: 'loop' } })).body.data.createSegment.fieldErrors[0].message).toMatch(/itself/);
    expect((await create({ code: 'ghost', name: 'x', kind: 'DYNAMIC', definition: { type: 'segment', segment: 'nope' } })).body.data.createSegment.fieldErrors[0].message).toMatch(/unknown segment: nope/);
    expect((await create({ code: 'list', name: 'x', kind: 'STATIC', definition: { type: 'segment', segment: 'new' } })).body.data.createSegment.__typename).toBe('ValidationError');
    expect((await create({ code: 'new', name: 'again', kind: 'DYNAMIC', definition: { type: 'segment', segment: 'loyal' } })).body.data.createSegment.__typename).toBe('ConflictError');
    const tables: { n: number | string }[] = await t.app.dataSource.query(`SELECT COUNT(*) AS n FROM members`);
    expect(Number(tables[0].n)).toBe(5);
    // Members and analysts cannot create segments.
    const analystDenied = await t.gql(CREATE, { input: { code: 'x', name: 'x', kind: 'STATIC' } }, { token: pos });
    expect(analystDenied.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('keeps a static list as uploaded, across refreshes, within bounds', async () => {
    const created = (await t.gql(CREATE, { input: { code: 'vip-list', name: 'VIP list', kind: 'STATIC' } }, { token: admin })).body.data.createSegment;
    const add = (ids: string[]) => t.gql(`mutation($id: ID!, $ids: [ID!]!) { addSegmentMembers(id: $id, memberIds: $ids) { ${LIST_FIELDS} } }`, { id: created.id, ids }, { token: admin });
    expect((await add([m.browser.id, m.gone.id, m.browser.id])).body.data.addSegmentMembers.memberCount).toBe(2);
    expect((await add([m.browser.id])).body.data.addSegmentMembers.memberCount).toBe(2);
    const refreshed = await t.gql(`mutation($id: ID!) { refreshSegment(id: $id) { __typename ... on Segment { memberCount } } }`, { id: created.id }, { token: admin });
    expect(refreshed.body.data.refreshSegment.memberCount).toBe(2);
    const removed = await t.gql(`mutation($id: ID!, $ids: [ID!]!) { removeSegmentMembers(id: $id, memberIds: $ids) { ${LIST_FIELDS} } }`, { id: created.id, ids: [m.gone.id] }, { token: admin });
    expect(removed.body.data.removeSegmentMembers.memberCount).toBe(1);
    const tooMany = Array.from({ length: 10_001 }, (_, i) => Buffer.from(`Member:${i + 1}`).toString('base64'));
    expect((await add(tooMany)).body.data.addSegmentMembers.__typename).toBe('ValidationError');
    const unknown = await add([Buffer.from('Member:999999').toString('base64')]);
    expect(unknown.body.data.addSegmentMembers.fieldErrors[0].message).toMatch(/do not exist/);
  });

  it('flows read the membership: condition.segment, a campaign audience, action.addToSegment', async () => {
    const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({ id, kind, params, position: { x: 0, y: 0 } });
    const edge = (source: string, target: string, sourcePort = 'out') => ({ id: `${source}-${sourcePort}-${target}`, source, sourcePort, target });
    const publish = async (input: Record<string, unknown>) => {
      const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { __typename ... on Campaign { id } ... on ValidationError { fieldErrors { path message } } } }`, { input }, { token: admin });
      if (created.body.data.createCampaign.__typename !== 'Campaign') return created.body.data.createCampaign;
      const res = await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename ... on PublishRefusedError { diagnostics { code nodeId } } } }`, { id: created.body.data.createCampaign.id }, { token: admin });
      return res.body.data.publishCampaign;
    };
    const unknownRef = await publish({ name: 'ghost', graph: { nodes: [node('t', 'trigger.purchase'), node('c', 'condition.segment', { segment: 'nope' }), node('a', 'action.awardPoints')], edges: [edge('t', 'c'), edge('c', 'a', 'true')] } });
    expect(unknownRef.diagnostics).toEqual([{ code: 'unknown_reference', nodeId: 'c' }]);
    expect((await publish({ name: 'bad audience', audienceSegment: 'nope', graph: { nodes: [], edges: [] } })).fieldErrors).toEqual([{ path: ['input', 'audienceSegment'], message: 'unknown segment "nope"' }]);
    expect(
      await publish({
        name: 'VIP bonus',
        graph: { nodes: [node('t', 'trigger.purchase'), node('c', 'condition.segment', { segment: 'vip-list' }), node('a', 'action.awardPoints', { amount: 77 }), node('j', 'action.addToSegment', { segment: 'vip-list' })], edges: [edge('t', 'c'), edge('c', 'a', 'true'), edge('c', 'j', 'false')] },
      }),
    ).toEqual({ __typename: 'Campaign' });
    expect(await publish({ name: 'Churned welcome back', audienceSegment: 'churned', graph: { nodes: [node('t', 'trigger.purchase'), node('a', 'action.awardPoints', { amount: 500 })], edges: [edge('t', 'a')] } })).toEqual({ __typename: 'Campaign' });
    const campaignPoints = async (member: { externalId: string }, n: number) => {
      const res = await t.gql(RECORD_PURCHASE.replace('pointsEarned', 'pointsEarned campaignPoints'), { input: { externalId: `F-${member.externalId}-${n}`, memberExternalId: member.externalId, totalMinor: 100_00, currency: 'RUB', channel: 'STORE' } }, { token: pos });
      return res.body.data.recordPurchase.campaignPoints;
    };
    // browser is on the VIP list: 77. gone is churned: 500 from the audience campaign, and joins the VIP list.
    expect(await campaignPoints(m.browser, 1)).toBe(77);
    expect(await campaignPoints(m.gone, 1)).toBe(500);
    expect(await codesOf(m.gone)).toContain('vip-list');
    expect(await campaignPoints(m.gone, 2)).toBe(77 + 500);
    expect(await campaignPoints(m.fresh, 1)).toBe(0);
    // A campaign that reads no segments runs first (its priority): the campaigns after it
    // must not share the facts made for it, which hold none (RulesService.runCampaigns).
    expect(await publish({ name: 'Ten first', priority: 10, graph: { nodes: [node('t', 'trigger.purchase'), node('a', 'action.awardPoints', { amount: 10 })], edges: [edge('t', 'a')] } })).toEqual({ __typename: 'Campaign' });
    expect(await campaignPoints(m.browser, 2)).toBe(10 + 77);
  });

  it('refreshes daily through the job queue and keeps the size history', async () => {
    const list = await t.gql(`{ segments { id code memberCount refreshedAt sizeHistory { members } } }`, {}, { token: admin });
    const churned = list.body.data.segments.find((s: { code: string }) => s.code === 'churned');
    expect(churned.memberCount).toBe(1);
    // gone bought again (above): after the refresh nobody is churned.
    // One refresh a day for each of the six dynamic segments (the static list is not refreshed by a rule).
    expect(await t.app.planTriggers(new Date())).toBe(6);
    for (let i = 0; i < 5 && (await t.app.runJobs(new Date(Date.now() + 1000))) > 0; i++);
    const after = await t.gql(`query($id: ID!) { node(id: $id) { ... on Segment { memberCount sizeHistory { members } } } }`, { id: churned.id }, { token: admin });
    expect(after.body.data.node.memberCount).toBe(0);
    expect(after.body.data.node.sizeHistory.map((h: { members: number }) => h.members)).toEqual([1, 0]);
    expect(await t.app.planTriggers(new Date())).toBe(0);
  });
});

describe(`RFM segments on ${dialect}`, () => {
  it('scores members by quintiles of recency, frequency and monetary over the last year', async () => {
    const t = await createTestApp();
    try {
      const { admin, pos } = await loyaltySetup(t);
      // Member i (1–10) buys i times 1 000 ₽, the last time (11 − i) × 10 days ago; one more bought only 400 days ago.
      for (let i = 1; i <= 11; i++) {
        const m = await newMember(t, pos);
        const days = i === 11 ? [400] : Array.from({ length: i }, (_, k) => (11 - i) * 10 + k);
        for (const d of days) {
          await t.gql(RECORD_PURCHASE, { input: { externalId: `R-${i}-${d}`, memberExternalId: m.externalId, totalMinor: 1000_00, currency: 'RUB', channel: 'STORE', occurredAt: new Date(Date.now() - d * DAY).toISOString() } }, { token: pos });
        }
      }
      const count = async (definition: unknown) => {
        const res = await t.gql(PREVIEW, { definition }, { token: admin });
        return res.body.data.previewSegment.members ?? res.body.data.previewSegment.fieldErrors;
      };
      // Frequencies 1…10 cut at 2, 4, 6, 8; spend likewise; recency 10…100 days cut at 20, 40, 60, 80.
      expect(await count({ type: 'rfm', frequency: [5, 5] })).toBe(2);
      expect(await count({ type: 'rfm', frequency: [1, 2] })).toBe(4);
      expect(await count({ type: 'rfm', monetary: [3, 4] })).toBe(4);
      expect(await count({ type: 'rfm', recency: [5, 5], monetary: [5, 5] })).toBe(2);
      expect(await count({ type: 'rfm', recency: [1, 1] })).toBe(2);
      // Scored are those who bought in the year: ten, not the eleventh.
      expect(await count({ type: 'rfm', frequency: [1, 5] })).toBe(10);
      expect((await count({ type: 'rfm' }))[0].message).toMatch(/at least one score range/);
      expect((await count({ type: 'rfm', recency: [4, 2] }))[0].message).toMatch(/must not exceed/);
    } finally {
      await t.close();
    }
  });
});
