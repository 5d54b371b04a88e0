import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors';
import { welchTest } from '../src/experiments/statistics';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { inHoldout } from '../src/programs/holdout';
import { Program } from '../src/programs/program.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';

describe(`program holdout on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let program: Program;
  const members: { dbId: number; holdout: boolean; revenue: number; purchases: number }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    let pos: string;
    ({ admin, pos } = await loyaltySetup(t));
    const em = t.app.dataSource.manager;
    await em.update(Program, { isDefault: true }, { holdoutPercent: 50 });
    program = await em.findOneByOrFail(Program, { isDefault: true });
    const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, {
      input: { name: 'Hundred a visit', graph: { nodes: [{ id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } }, { id: 'a', kind: 'action.awardPoints', params: { amount: 100 }, position: { x: 0, y: 0 } }], edges: [{ id: 'e', source: 't', sourcePort: 'out', target: 'a' }] } },
    }, { token: admin });
    await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename } }`, { id: created.body.data.createCampaign.id }, { token: admin });
    // Everyone buys 1 000 ₽; every third member comes back for 500 ₽ more.
    for (let i = 0; i < 40; i++) {
      const m = await newMember(t, pos);
      const totals = i % 3 === 0 ? [1000_00, 500_00] : [1000_00];
      for (const [n, totalMinor] of totals.entries()) {
        await t.gql(RECORD_PURCHASE, { input: { externalId: `H-${i}-${n}`, memberExternalId: m.externalId, totalMinor, currency: 'RUB', channel: 'STORE' } }, { token: pos });
      }
      members.push({ dbId: m.dbId, holdout: inHoldout(program, m.dbId), revenue: totals.reduce((a, b) => a + b, 0), purchases: totals.length });
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('leaves the holdout out of every campaign, by a stable hash kept on the account', async () => {
    const em = t.app.dataSource.manager;
    expect(members.some((m) => m.holdout)).toBe(true);
    expect(members.some((m) => !m.holdout)).toBe(true);
    for (const m of members) {
      expect((await em.findOneByOrFail(LoyaltyAccount, { memberId: m.dbId })).holdout).toBe(m.holdout);
      const given = (await em.findBy(LedgerEntry, { memberId: m.dbId, source: 'campaign' })).map((e) => e.availableChange);
      expect(given).toEqual(m.holdout ? [] : Array(m.purchases).fill(100));
    }
  });

  it('measures incremental revenue and ROI against the holdout', async () => {
    const res = await t.gql(`query($from: DateTime!, $to: DateTime!) { analytics(from: $from, to: $to, grossMarginPercent: 30) { ... on ProgramAnalytics {
      holdout { percent holdoutMembers treatedMembers uplift { control value absoluteUplift pValue } incrementalRevenueMinor campaignCostMinor roi }
      campaigns { name pointsIssued costMinor membersReached } } } }`, { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() }, { token: admin });
    const { holdout, campaigns } = res.body.data.analytics;
    const groups = (h: boolean) => members.filter((m) => m.holdout === h);
    const moments = (list: typeof members) => ({ n: list.length, sum: list.reduce((s, m) => s + m.revenue, 0), sumSquares: list.reduce((s, m) => s + m.revenue ** 2, 0) });
    const expected = welchTest(moments(groups(true)), moments(groups(false)));
    const treatedPurchases = groups(false).reduce((s, m) => s + m.purchases, 0);
    const cost = treatedPurchases * 100 * program.pointValueMinor;
    const incremental = expected.absoluteUplift * groups(false).length;
    expect(holdout).toMatchObject({ percent: 50, holdoutMembers: groups(true).length, treatedMembers: groups(false).length, campaignCostMinor: cost });
    expect(holdout.uplift.control).toBeCloseTo(expected.control, 6);
    expect(holdout.uplift.value).toBeCloseTo(expected.value, 6);
    expect(holdout.uplift.pValue).toBeCloseTo(expected.pValue!, 9);
    expect(holdout.incrementalRevenueMinor).toBeCloseTo(incremental, 6);
    expect(holdout.roi).toBeCloseTo((incremental * 0.3 - cost) / cost, 9);
    expect(campaigns).toEqual([{ name: 'Hundred a visit', pointsIssued: treatedPurchases * 100, costMinor: cost, membersReached: groups(false).length }]);
  });

  it('keeps the holdout at most half of the members', async () => {
    await expect(t.app.services.programs.create(t.app.dataSource.manager, { code: 'greedy', name: 'Greedy', holdoutPercent: 60 })).rejects.toBeInstanceOf(ValidationError);
  });
});
