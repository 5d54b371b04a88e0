import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialect, type TestApp } from './harness';
import { CREATE_MEMBER, loyaltySetup } from './loyalty-harness';

const UPDATE = `mutation($id: ID!, $input: UpdateMemberInput!) {
  updateMember(id: $id, input: $input) {
    __typename
    ... on Member { id name phone birthday consentEmail consentUpdatedAt attributes status }
    ... on ValidationError { fieldErrors { path message } }
    ... on Error { code message }
  }
}`;

describe(`members API on ${dialect}`, () => {
  let t: TestApp;
  let pos: string;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ pos, admin } = await loyaltySetup(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('createMember is idempotent on externalId; a different profile under it is a conflict', async () => {
    const input = { externalId: 'CRM-77', name: 'Пётр Сидоров', email: 'Petr@Example.com', phone: '+7 (916) 123-45-67', birthday: '1990-05-17', consentEmail: true, attributes: { favouriteDrink: 'flat white' } };
    const first = await t.gql(CREATE_MEMBER, { input }, { token: pos });
    expect(first.body.data.createMember).toMatchObject({ created: true, member: { externalId: 'CRM-77', email: 'petr@example.com', phone: '+79161234567' } });
    expect(first.body.data.createMember.member.referralCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const again = await t.gql(CREATE_MEMBER, { input }, { token: pos });
    expect(again.body.data.createMember).toMatchObject({ created: false, member: { id: first.body.data.createMember.member.id } });
    const clash = await t.gql(CREATE_MEMBER, { input: { ...input, name: 'Someone Else' } }, { token: pos });
    expect(clash.body.data.createMember.__typename).toBe('ConflictError');
  });

  it.each([
    ['a bad email', { email: 'not-an-email' }, 'input.email'],
    ['a bad phone', { phone: '12345' }, 'input.phone'],
    ['a birthday that is not a date', { birthday: '1990-02-30' }, 'input.birthday'],
    ['a birthday in the future', { birthday: '2999-01-01' }, 'input.birthday'],
    ['huge attributes', { attributes: { blob: 'x'.repeat(10_000) } }, 'input.attributes'],
    ['attributes that are not an object', { attributes: [1, 2, 3] }, 'input.attributes'],
    ['an empty externalId', { externalId: '   ' }, 'input.externalId'],
  ])('refuses %s', async (_name, change, path) => {
    const res = await t.gql(CREATE_MEMBER, { input: { externalId: `V-${Math.random()}`, ...change } }, { token: pos });
    expect(res.body.data.createMember.__typename).toBe('ValidationError');
    expect(res.body.data.createMember.fieldErrors.map((e: { path: string[] }) => e.path.join('.'))).toContain(path);
  });

  it('members change their own profile and consents, but not their status, id or attributes; not anyone else', async () => {
    const up = await t.gql(`mutation { memberSignUp(input: { email: "self@example.com", password: "member-password", name: "Self" }) { ... on MemberSession { token member { id } } } }`);
    const { token, member } = up.body.data.memberSignUp;
    const own = await t.gql(UPDATE, { id: member.id, input: { name: 'Self Edited', consentEmail: true, birthday: '1985-01-31' } }, { token });
    expect(own.body.data.updateMember).toMatchObject({ __typename: 'Member', name: 'Self Edited', consentEmail: true, birthday: '1985-01-31' });
    expect(own.body.data.updateMember.consentUpdatedAt).not.toBeNull();
    const status = await t.gql(UPDATE, { id: member.id, input: { status: 'SUSPENDED' } }, { token });
    expect(status.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const attrs = await t.gql(UPDATE, { id: member.id, input: { attributes: { vip: true } } }, { token });
    expect(attrs.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const other = await t.gql(CREATE_MEMBER, { input: { externalId: 'OTHER-1' } }, { token: pos });
    const foreign = await t.gql(UPDATE, { id: other.body.data.createMember.member.id, input: { name: 'hacked' } }, { token });
    expect(foreign.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const staff = await t.gql(UPDATE, { id: member.id, input: { status: 'SUSPENDED', attributes: { vip: true } } }, { token: admin });
    expect(staff.body.data.updateMember).toMatchObject({ status: 'SUSPENDED', attributes: { vip: true } });
    // A suspended member's session stops working.
    const after = await t.gql(`{ viewer { __typename } }`, {}, { token });
    expect(after.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('filters members by status', async () => {
    const res = await t.gql(`{ members(first: 100, status: SUSPENDED) { edges { node { status } } } }`, {}, { token: admin });
    const statuses = res.body.data.members.edges.map((e: { node: { status: string } }) => e.node.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['SUSPENDED']));
  });

  it('search finds members by phone prefix', async () => {
    await t.gql(CREATE_MEMBER, { input: { externalId: 'PHONE-1', phone: '+79990001122' } }, { token: pos });
    const res = await t.gql(`{ members(first: 10, search: "+7999000") { edges { node { externalId } } } }`, {}, { token: admin });
    expect(res.body.data.members.edges.map((e: { node: { externalId: string } }) => e.node.externalId)).toEqual(['PHONE-1']);
  });
});
