import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dialect, type TestApp } from './harness';

/** Members lists with tier, balance and the latest ledger entries cost the same SQL for 10 rows as for 100. */
describe(`loyalty fields without N+1 on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signInStaff();
    const { services, dataSource } = t.app;
    const em = dataSource.manager;
    const program = await services.programs.create(em, { code: 'main', name: 'Main', isDefault: true });
    await services.programs.saveTier(em, program.id, { code: 'basic', name: 'Basic', rank: 0 });
    await services.programs.saveTier(em, program.id, { code: 'silver', name: 'Silver', rank: 1, threshold: 300_00 });
    for (let i = 0; i < 110; i++) {
      const { member } = await services.members.create(em, { externalId: `N-${i}`, name: `Member ${i}` });
      for (let j = 0; j < 7; j++) {
        await services.purchases.record(dataSource, { externalId: `N-${i}-${j}`, memberId: member.id, totalMinor: 100_00 + i + j, currency: 'RUB', channel: 'store' }, { kind: 'system', id: null });
      }
    }
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  const query = `query($n: Int!) {
    members(first: $n) {
      edges { node {
        id name segments
        account { available pending lifetimePoints tier { code name discountPercent } program { code } }
        ledger(first: 5) { edges { node { kind points availableAfter } } pageInfo { hasNextPage } }
      } }
    }
  }`;

  it('members(first: 10) and members(first: 100) make the same number of statements', async () => {
    const ten = await t.gql(query, { n: 10 }, { token: admin });
    const hundred = await t.gql(query, { n: 100 }, { token: admin });
    expect(ten.body.errors).toBeUndefined();
    expect(hundred.body.data.members.edges).toHaveLength(100);
    const sample = hundred.body.data.members.edges[42].node;
    expect(sample.account.tier.code).toBe('silver');
    expect(sample.ledger.edges).toHaveLength(5);
    expect(sample.ledger.pageInfo.hasNextPage).toBe(true);
    expect(sample.ledger.edges.map((e: { node: { kind: string } }) => e.node.kind)).toEqual(['EARN', 'EARN', 'EARN', 'EARN', 'EARN']);
    expect(hundred.statements).toBe(ten.statements);
    expect(hundred.statements).toBeLessThanOrEqual(12);
  });

  it('pages one member’s ledger with cursors', async () => {
    const first = await t.gql(`{ members(first: 1) { edges { node { ledger(first: 4) { edges { cursor node { availableAfter } } pageInfo { endCursor hasNextPage } } } } } }`, {}, { token: admin });
    const ledger = first.body.data.members.edges[0].node.ledger;
    expect(ledger.edges).toHaveLength(4);
    const next = await t.gql(`query($after: String) { members(first: 1) { edges { node { ledger(first: 4, after: $after) { edges { node { availableAfter } } pageInfo { hasNextPage } } } } } }`, { after: ledger.pageInfo.endCursor }, { token: admin });
    const rest = next.body.data.members.edges[0].node.ledger;
    expect(rest.edges).toHaveLength(3);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const balances = [...ledger.edges, ...rest.edges].map((e: { node: { availableAfter: number } }) => e.node.availableAfter);
    expect(balances).toEqual([...balances].sort((a, b) => b - a));
  });
});
