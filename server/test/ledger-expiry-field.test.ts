import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Program } from '../src/programs/program.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { ADJUST, loyaltySetup, newMember } from './loyalty-harness';

/** The console's ledger history shows when each line's points expire (LedgerEntry.expiresAt). */
describe(`ledger entry expiry on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
    await t.app.dataSource.manager.update(Program, { code: 'bonus' }, { expiryPolicy: 'days', expiryDays: 30 });
  });
  afterAll(async () => {
    await t?.close();
  });

  const LEDGER = `query($id: ID!) { member(id: $id) { ledger(first: 10) { edges { node { kind points expiresAt occurredAt } } } } }`;

  it('gives the expiry of the points an entry added, and none for a withdrawal', async () => {
    const member = await newMember(t, pos);
    for (const [points, reason] of [[120, 'Goodwill for a late order'], [-20, 'Correction of a double grant']] as const) {
      const res = await t.gql(ADJUST, { input: { memberId: member.id, points, reason } }, { token: admin });
      expect(res.body.data.adjustPoints.__typename).toBe('PointsAdjusted');
    }
    const res = await t.gql(LEDGER, { id: member.id }, { token: admin });
    expect(res.body.errors).toBeUndefined();
    const [taken, added] = res.body.data.member.ledger.edges.map((e: { node: unknown }) => e.node) as { points: number; expiresAt: string | null; occurredAt: string }[];
    expect(taken).toMatchObject({ points: -20, expiresAt: null });
    expect(added.points).toBe(120);
    const days = (Date.parse(added.expiresAt!) - Date.parse(added.occurredAt)) / 86_400_000;
    expect(Math.round(days)).toBe(30);
  });

  it('costs the same statements for a page of 2 entries as for a page of 10', async () => {
    const member = await newMember(t, pos);
    for (let i = 0; i < 10; i++) await t.gql(ADJUST, { input: { memberId: member.id, points: 10 + i, reason: `Grant number ${i}` } }, { token: admin });
    const small = await t.gql(LEDGER.replace('first: 10', 'first: 2'), { id: member.id }, { token: admin });
    const large = await t.gql(LEDGER, { id: member.id }, { token: admin });
    expect(large.body.data.member.ledger.edges).toHaveLength(10);
    expect(large.body.data.member.ledger.edges.every((e: { node: { expiresAt: string | null } }) => e.node.expiresAt)).toBe(true);
    expect(large.statements).toBe(small.statements);
  });
});
