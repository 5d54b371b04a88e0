import { buildSchema, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLObjectType } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness';
import { globalId, loyaltySetup, newMember } from './loyalty-harness';
import { EXPECTED, ROLES, type Role } from './authorization-rules';

/**
 * Every root query and mutation, called by every kind of caller with arguments that
 * GraphQL accepts: each answer must be what authorization-rules.ts says — allowed (any
 * answer but a denial) or denied (FORBIDDEN, or UNAUTHENTICATED for the anonymous). The
 * field list comes from the printed schema, so a new field without a rule fails here.
 */
const schema = buildSchema(readFileSync(new URL('../../schema/schema.graphql', import.meta.url), 'utf8'));
const rootFields = (type: 'Query' | 'Mutation') => Object.values((schema.getType(type) as GraphQLObjectType).getFields());

describe('authorization matrix', () => {
  let t: TestApp;
  const tokens: Partial<Record<Role, string>> = {};
  let memberA = '';

  beforeAll(async () => {
    t = await createTestApp();
    const { admin, pos } = await loyaltySetup(t);
    tokens.admin = admin;
    for (const role of ['marketer', 'moderator', 'analyst', 'support'] as const) {
      await t.gql(`mutation($input: CreateStaffUserInput!) { createStaffUser(input: $input) { __typename } }`, { input: { email: `${role}@test.local`, name: role, role: role.toUpperCase(), password: `${role}-password-1` } }, { token: admin });
      tokens[role] = await t.signInStaff(`${role}@test.local`, `${role}-password-1`);
    }
    const full = await t.gql(`mutation { createApiKey(input: { name: "all", scopes: [MEMBERS_READ, MEMBERS_WRITE, PURCHASES_WRITE, POINTS_REDEEM, POINTS_ADJUST, EVENTS_WRITE, REWARDS_READ, COMMUNITY_READ] }) { ... on CreatedApiKey { secret } } }`, {}, { token: admin });
    tokens.keyAllScopes = full.body.data.createApiKey.secret;
    const none = await t.gql(`mutation { createApiKey(input: { name: "none", scopes: [REWARDS_READ] }) { ... on CreatedApiKey { secret } } }`, {}, { token: admin });
    tokens.keyNoScope = none.body.data.createApiKey.secret;
    // A partner's key, of a partner in a program of its own that member A has no account in.
    const coalition = await t.gql(`mutation { createProgram(input: { code: "matrix-coalition", name: "Coalition" }) { ... on Program { id } } }`, {}, { token: admin });
    const partner = await t.gql(`mutation($p: ID!) { createPartner(input: { programId: $p, code: "other", name: "Other", kind: GYM }) { ... on Partner { id } } }`, { p: coalition.body.data.createProgram.id }, { token: admin });
    const partnerKey = await t.gql(`mutation($id: ID!) { createPartnerApiKey(partnerId: $id, name: "partner", scopes: [PURCHASES_WRITE, POINTS_REDEEM]) { ... on CreatedPartnerApiKey { secret } } }`, { id: partner.body.data.createPartner.id }, { token: admin });
    tokens.keyPartner = partnerKey.body.data.createPartnerApiKey.secret;
    void pos;
    const signUp = async (email: string) => (await t.gql(`mutation($email: String!) { memberSignUp(input: { email: $email, password: "member-password-1" }) { ... on MemberSession { token member { id } } } }`, { email })).body.data.memberSignUp;
    const a = await signUp('a@example.com');
    const b = await signUp('b@example.com');
    memberA = a.member.id;
    tokens.memberSelf = a.token;
    tokens.memberOther = b.token;
    await newMember(t, pos);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A value GraphQL accepts for an argument; ids point at member A or at a record of the type the name suggests. */
  function sample(type: GraphQLInputType, name: string, field: string): unknown {
    if (isNonNullType(type)) return sample(type.ofType, name, field);
    if (isListType(type)) return [sample(type.ofType, name, field)];
    const named = getNamedType(type);
    if (isEnumType(named)) return named.getValues()[0].name;
    if (isInputObjectType(named)) {
      return Object.fromEntries(Object.values(named.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => [f.name, sample(f.type, f.name, field)]));
    }
    if (isScalarType(named)) {
      switch (named.name) {
        case 'ID': {
          // The argument's name says its type (memberId, surveyId…); a plain `id` takes the field's.
          const subject = name === 'id' ? field : name;
          const typename = [
            [/partner/i, 'Partner'],
            [/campaign/i, 'Campaign'],
            [/segment/i, 'Segment'],
            [/survey/i, 'Survey'],
            [/program|tier/i, 'Program'],
            [/apikey/i, 'ApiKey'],
            [/purchase/i, 'Purchase'],
            // Anonymising member A would end memberSelf's session for the probes after it.
            [/anonymi/i, 'Member'],
          ].find(([pattern]) => (pattern as RegExp).test(subject))?.[1] as string | undefined;
          return typename ? globalId(typename, 999_999) : memberA;
        }
        case 'Int':
          return 1;
        case 'Float':
          return 1;
        case 'Boolean':
          return false;
        case 'DateTime':
          return new Date().toISOString();
        case 'JSON':
          return {};
        default:
          return 'x';
      }
    }
    return null;
  }

  async function call(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, role: Role) {
    // Required arguments only; those with a default are left to it.
    const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type) && a.defaultValue === undefined);
    const variables = Object.fromEntries(args.map((a) => [a.name, sample(a.type, a.name, field.name)]));
    const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const leaf = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type));
    const query = `${kind}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${leaf ? '' : ' { __typename }'} }`;
    const res = await t.gql(query, variables, { token: role === 'anonymous' ? undefined : tokens[role] });
    const codes = (res.body.errors ?? []).map((e) => e.extensions?.code);
    if (codes.includes('GRAPHQL_VALIDATION_FAILED') || res.status === 400) throw new Error(`${field.name}: the probe is not a valid operation: ${JSON.stringify(res.body.errors)}`);
    return codes.includes('FORBIDDEN') || codes.includes('UNAUTHENTICATED') ? 'deny' : 'allow';
  }

  it('node and nodes hand a member only to those who may see them', async () => {
    const probe = `query($id: ID!) { node(id: $id) { ... on Member { email } } nodes(ids: [$id]) { ... on Member { email } } }`;
    const seen = async (role: Role) => {
      const res = await t.gql(probe, { id: memberA }, { token: role === 'anonymous' ? undefined : tokens[role] });
      return [res.body.data?.node?.email ?? null, res.body.data?.nodes?.[0]?.email ?? null];
    };
    expect(await seen('memberSelf')).toEqual(['a@example.com', 'a@example.com']);
    expect(await seen('admin')).toEqual(['a@example.com', 'a@example.com']);
    for (const role of ['anonymous', 'memberOther', 'keyNoScope'] as const) expect(await seen(role), role).toEqual([null, null]);
  });

  it('covers every root field with a rule', () => {
    const fields = [...rootFields('Query'), ...rootFields('Mutation')].map((f) => f.name).sort();
    expect(fields.filter((f) => !(f in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((f) => !fields.includes(f))).toEqual([]);
  });

  it('allows and denies each field to each caller as the rules say', async () => {
    const observed: Record<string, string> = {};
    const expected: Record<string, string> = {};
    // Logout last: it ends the session it is called with.
    const mutations = rootFields('Mutation').sort((x, y) => Number(x.name === 'logout') - Number(y.name === 'logout'));
    for (const [kind, fields] of [['query', rootFields('Query')], ['mutation', mutations]] as const) {
      for (const field of fields) {
        for (const role of ROLES) {
          observed[`${field.name} ${role}`] = await call(kind, field, role);
          expected[`${field.name} ${role}`] = EXPECTED[field.name]?.includes(role) ? 'allow' : 'deny';
        }
      }
    }
    if (process.env.PRINT_AUTH_MATRIX) console.info(JSON.stringify(observed, null, 1));
    expect(observed).toEqual(expected);
  }, 120_000);
});
