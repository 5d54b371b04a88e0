import fc from 'fast-check';
import { buildSchema, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType, type GraphQLObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { expectLedgerInvariants, globalId, loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';

/**
 * Every mutation, fed random and hostile input built from the printed schema (unicode,
 * SQL and script payloads, huge and negative numbers, ids of the wrong type or of nothing):
 * each answer is a result or a typed error, never an internal error; afterwards the
 * ledger still balances.
 */
const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));
const HOSTILE = ["' OR 1=1 --", 'Robert\'); DROP TABLE members;--', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '😀'.repeat(60), 'a'.repeat(5000), '', ' ', '\u0000', '../../etc/passwd', '${jndi:ldap://x}'];

describe(`mutations under fuzzing on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let key: string;
  let ids: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos: key } = await loyaltySetup(t));
    const m = await newMember(t, key);
    await t.gql(RECORD_PURCHASE, { input: { externalId: 'FZ-1', memberExternalId: m.externalId, totalMinor: 5000_00, currency: 'RUB', channel: 'STORE' } }, { token: key });
    const created = await t.gql(`mutation { createCampaign(input: { name: "Fuzz" }) { ... on Campaign { id } } }`, {}, { token: admin });
    ids = [m.id, created.body.data.createCampaign.id, globalId('Member', -1), globalId('Campaign', 2 ** 40), globalId('Segment', 1), 'not-base64!', ''];
  });
  afterAll(async () => {
    await t?.close();
  });

  function arbitrary(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
    if (isNonNullType(type)) return arbitrary(type.ofType, depth);
    if (isListType(type)) return fc.array(arbitrary(type.ofType, depth + 1), { maxLength: depth > 1 ? 1 : 4 });
    const named = getNamedType(type);
    if (isEnumType(named)) return fc.constantFrom(...named.getValues().map((v) => v.name));
    if (isInputObjectType(named)) {
      const fields = Object.values(named.getFields());
      const required = Object.fromEntries(fields.filter((f) => isNonNullType(f.type)).map((f) => [f.name, arbitrary(f.type, depth + 1)]));
      const optional = Object.fromEntries(fields.filter((f) => !isNonNullType(f.type)).map((f) => [f.name, fc.option(arbitrary(f.type, depth + 1), { nil: null })]));
      return fc.record({ ...required, ...optional }, { requiredKeys: Object.keys(required) });
    }
    switch (named.name) {
      case 'String':
        return fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.emailAddress());
      case 'Int':
        return fc.oneof(fc.integer({ min: -2147483648, max: 2147483647 }), fc.constantFrom(0, -1, 1, 2147483647, -2147483648, 100_000_00));
      case 'Float':
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case 'Boolean':
        return fc.boolean();
      case 'ID':
        return fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 20 }));
      case 'DateTime':
        return fc.oneof(fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('yesterday', '2026-13-45T99:00:00Z'));
      case 'JSON':
        return fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant({ nodes: [{ id: 'x', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } }], edges: [] }));
      default:
        return fc.string({ maxLength: 20 });
    }
  }

  it('answers every mutation with a result or a typed error, and the ledger still balances', async () => {
    const mutations = Object.values((schema.getType('Mutation') as GraphQLObjectType).getFields()).filter((f) => f.name !== 'logout');
    const failures: string[] = [];
    const executed = new Map<string, number>();
    for (const field of mutations) {
      const args = field.args;
      const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
      const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const query = `mutation${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''} { __typename } }`;
      const variables = fc.record(Object.fromEntries(args.map((a) => [a.name, isNonNullType(a.type) ? arbitrary(a.type) : fc.option(arbitrary(a.type), { nil: null })])));
      await fc.assert(
        fc.asyncProperty(variables, fc.constantFrom(admin, key), async (vars, token) => {
          const res = await t.gql(query, vars, { token });
          const codes = (res.body.errors ?? []).map((e) => e.extensions?.code);
          // GraphQL's own variable checks (a 400) stop before any resolver; anything else reached one.
          const coercion = res.status === 400 || (res.body.errors ?? []).some((e) => /^Variable "\$/.test(e.message));
          if (!coercion) executed.set(field.name, (executed.get(field.name) ?? 0) + 1);
          else if (process.env.PRINT_FUZZ) console.info(field.name, res.status, JSON.stringify(res.body.errors).slice(0, 200));
          if (res.status >= 500 || codes.includes('INTERNAL_SERVER_ERROR')) {
            failures.push(`${field.name} ${JSON.stringify(vars).slice(0, 300)} → ${res.status} ${JSON.stringify(res.body.errors).slice(0, 300)}`);
            return false;
          }
          return true;
        }),
        { numRuns: 12, seed: 20261122, endOnFailure: true },
      ).catch(() => undefined);
    }
    expect(failures).toEqual([]);
    // The input reached the resolvers (not only GraphQL's own type checks) for every mutation.
    expect(mutations.filter((f) => !executed.get(f.name)).map((f) => f.name)).toEqual([]);
    if (process.env.PRINT_FUZZ) console.info(Object.fromEntries(executed));
    for (const account of await t.app.dataSource.manager.find(LoyaltyAccount)) await expectLedgerInvariants(t, account.memberId);
  }, 300_000);

  /** Every leaf of a value, as a path. */
  const leaves = (value: unknown, path: (string | number)[] = []): (string | number)[][] =>
    value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, Array.isArray(value) ? Number(k) : k])) : [path];
  const replaced = (value: unknown, path: (string | number)[], leaf: unknown): unknown => {
    if (path.length === 0) return leaf;
    const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
    copy[path[0]] = replaced(copy[path[0]], path.slice(1), leaf);
    return copy;
  };
  const hostileLeaf = fc.oneof(
    fc.constantFrom(...HOSTILE),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom(0, -1, 2147483647, -2147483648, 1e15, 0.5, true, false, null),
    fc.constant({ nested: { deeper: ['x'] } }),
  );

  it('answers valid requests with one field made hostile with a result or a typed error', async () => {
    const member = (await t.gql(`{ members(first: 1) { edges { node { id externalId } } } }`, {}, { token: admin })).body.data.members.edges[0].node;
    let n = 0;
    // A valid call of each mutation that writes money or personal data, as the till or the console sends it.
    const seeds: { query: string; variables: () => Record<string, unknown>; token: string }[] = [
      { query: `mutation($input: RecordPurchaseInput!) { recordPurchase(input: $input) { __typename } }`, token: key, variables: () => ({ input: { externalId: `FZP-${++n}`, memberExternalId: member.externalId, totalMinor: 1234_00, currency: 'RUB', channel: 'STORE', storeId: 's1', items: [{ sku: 'LATTE', name: 'Latte', quantity: 2, unitPriceMinor: 617_00, category: 'coffee' }] } }) },
      { query: `mutation($input: RedeemPointsInput!) { redeemPoints(input: $input) { __typename } }`, token: key, variables: () => ({ input: { externalId: `FZR-${++n}`, memberId: member.id, points: 10, orderTotalMinor: 1000_00 } }) },
      { query: `mutation($input: RefundPurchaseInput!) { refundPurchase(input: $input) { __typename } }`, token: key, variables: () => ({ input: { externalId: `FZF-${++n}`, purchaseExternalId: 'FZ-1', amountMinor: 1_00 } }) },
      { query: `mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { __typename } }`, token: admin, variables: () => ({ input: { memberId: member.id, points: 5, reason: 'goodwill', idempotencyKey: `FZA-${++n}` } }) },
      { query: `mutation($input: CreateMemberInput!) { createMember(input: $input) { __typename } }`, token: key, variables: () => ({ input: { externalId: `FZM-${++n}`, email: `fz${n}@example.com`, phone: '+79160000000', name: 'Fuzz', birthday: '1990-01-31', locale: 'ru', consentEmail: true, attributes: { city: 'Moscow' } } }) },
      { query: `mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { __typename } }`, token: admin, variables: () => ({ id: member.id, input: { name: 'Renamed', birthday: '1991-02-03', locale: 'en' } }) },
      { query: `mutation($input: RecordEventInput!) { recordEvent(input: $input) { __typename } }`, token: admin, variables: () => ({ input: { externalId: `FZE-${++n}`, memberId: member.id, name: 'app.opened', data: { screen: 'home' } } }) },
      { query: `mutation($input: SegmentInput!) { createSegment(input: $input) { __typename } }`, token: admin, variables: () => ({ input: { code: `fz-${++n}`, name: 'Fuzz', kind: 'DYNAMIC', definition: { type: 'all', rules: [{ type: 'metric', metric: 'pointsBalance', op: 'gte', value: 1 }, { type: 'attribute', path: 'city', op: 'eq', value: 'Moscow' }] } } }) },
      { query: `mutation($input: SurveyInput!) { createSurvey(input: $input) { __typename } }`, token: admin, variables: () => ({ input: { code: `fzs-${++n}`, title: 'Fuzz', kind: 'NPS', questions: [{ id: 'nps', type: 'nps', text: 'Recommend?' }, { id: 'why', type: 'text', text: 'Why?' }] } }) },
      { query: `mutation($input: CampaignInput!) { createCampaign(input: $input) { __typename } }`, token: admin, variables: () => ({ input: { name: 'Fuzz', priority: 1, budgetPoints: 1000, graph: { nodes: [{ id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } }, { id: 'a', kind: 'action.awardPoints', params: { amount: 5 }, position: { x: 1, y: 1 } }], edges: [{ id: 'e', source: 't', sourcePort: 'out', target: 'a' }] } } }) },
    ];
    const failures: string[] = [];
    for (const seed of seeds) {
      // The seed itself is accepted.
      const ok = await t.gql(seed.query, seed.variables(), { token: seed.token });
      expect(ok.body.errors, seed.query).toBeUndefined();
      const paths = leaves(seed.variables());
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...paths), hostileLeaf, async (path, leaf) => {
          const vars = replaced(seed.variables(), path, leaf) as Record<string, unknown>;
          const res = await t.gql(seed.query, vars, { token: seed.token });
          if (res.status >= 500 || (res.body.errors ?? []).some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) {
            failures.push(`${seed.query.slice(0, 40)} ${path.join('.')}=${JSON.stringify(leaf).slice(0, 80)} → ${JSON.stringify(res.body.errors).slice(0, 200)}`);
            return false;
          }
          return true;
        }),
        { numRuns: 40, seed: 11, endOnFailure: true },
      ).catch(() => undefined);
    }
    expect(failures).toEqual([]);
    for (const account of await t.app.dataSource.manager.find(LoyaltyAccount)) await expectLedgerInvariants(t, account.memberId);
  }, 300_000);
});
