import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Member } from '../src/members/member.entity';
import { createTestApp, dialect, type TestApp } from './harness';

const globalId = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64');

/** The number of SQL statements a request makes must not grow with the number of rows it returns. */
describe(`batched loading on ${dialect}`, () => {
  let t: TestApp;
  let token: string;
  let ids: number[];

  beforeAll(async () => {
    t = await createTestApp();
    token = await t.signInStaff();
    const em = t.app.dataSource.manager;
    const rows = Array.from({ length: 120 }, (_, i) => em.create(Member, { name: `Member ${i}`, email: `m${i}@example.com`, externalId: `X-${i}` }));
    await em.save(rows, { chunk: 50 });
    ids = rows.map((m) => m.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('members(first: 10) and members(first: 100) make the same number of statements', async () => {
    const query = `query($n: Int!) { members(first: $n) { edges { cursor node { id name email externalId status createdAt } } pageInfo { hasNextPage endCursor } } }`;
    const ten = await t.gql(query, { n: 10 }, { token });
    const hundred = await t.gql(query, { n: 100 }, { token });
    expect(ten.body.data.members.edges).toHaveLength(10);
    expect(hundred.body.data.members.edges).toHaveLength(100);
    expect(hundred.statements).toBe(ten.statements);
  });

  it('nodes(ids:) loads 5 or 100 members in one batch', async () => {
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Member { name } } }`;
    const five = await t.gql(query, { ids: ids.slice(0, 5).map((id) => globalId('Member', id)) }, { token });
    const hundred = await t.gql(query, { ids: ids.slice(0, 100).map((id) => globalId('Member', id)) }, { token });
    expect(five.body.data.nodes).toHaveLength(5);
    expect(hundred.body.data.nodes.filter(Boolean)).toHaveLength(100);
    expect(hundred.statements).toBe(five.statements);
  });

  it('refuses nodes(ids:) past 100 ids with BAD_USER_INPUT, reading none of them', async () => {
    const query = `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    const signedIn = await t.gql(`{ __typename }`, {}, { token });
    const many = await t.gql(query, { ids: [...ids, ...ids].slice(0, 101).map((id) => globalId('Member', id)) }, { token });
    expect(many.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 100, actual: 101 });
    expect(many.body.data).toBeNull();
    // The session read only, as for a request that reads nothing.
    expect(many.statements).toBe(signedIn.statements);
    // 40,000 ids: one clear error, not one per id.
    const flood = await t.gql(query, { ids: Array.from({ length: 40_000 }, (_, i) => globalId('Member', i + 1)) }, { token });
    expect(flood.body.errors).toHaveLength(1);
    expect(flood.body.errors?.[0].extensions?.actual).toBe(40_000);
  });

  it('pages with cursors in both directions without gaps or repeats', async () => {
    const forward = `query($after: String) { members(first: 50, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await t.gql(forward, { after }, { token });
      seen.push(...res.body.data.members.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!res.body.data.members.pageInfo.hasNextPage) break;
      after = res.body.data.members.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids.map((id) => globalId('Member', id)));
    const back = await t.gql(`{ members(last: 3) { edges { node { id } } pageInfo { hasPreviousPage } } }`, {}, { token });
    expect(back.body.data.members.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(ids.slice(-3).map((id) => globalId('Member', id)));
  });

  it('refuses a forged cursor and an oversized or negative page with BAD_USER_INPUT', async () => {
    const forged = await t.gql(`{ members(first: 5, after: "1 OR 1=1") { edges { node { id } } } }`, {}, { token });
    expect(forged.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const negative = await t.gql(`{ members(first: -1) { edges { node { id } } } }`, {}, { token });
    expect(negative.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const huge = await t.gql(`{ members(first: 100000) { edges { node { id } } } }`, {}, { token });
    // Page size is capped at 100 rather than refused.
    expect(huge.body.data?.members.edges.length ?? 0).toBeLessThanOrEqual(100);
  });

  it('search matches the start of an email or external id, and any part of a name, with LIKE wildcards taken literally', async () => {
    const q = `query($s: String) { members(first: 100, search: $s) { edges { node { email } } } }`;
    const byEmail = await t.gql(q, { s: 'm11' }, { token });
    expect(byEmail.body.data.members.edges.map((e: { node: { email: string } }) => e.node.email).sort()).toEqual(['m11@example.com', 'm110@example.com', 'm111@example.com', 'm112@example.com', 'm113@example.com', 'm114@example.com', 'm115@example.com', 'm116@example.com', 'm117@example.com', 'm118@example.com', 'm119@example.com'].sort());
    const wildcard = await t.gql(q, { s: '%' }, { token });
    expect(wildcard.body.data.members.edges).toHaveLength(0);
  });
});
