import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Coupon } from '../src/rewards/coupon.entity';
import { RewardRedemption } from '../src/rewards/reward-redemption.entity';
import { seedRewards } from '../src/seed/rewards';
import { createTestApp, dialect, type TestApp } from './harness';
import { expectLedgerInvariants, loyaltySetup, newMember } from './loyalty-harness';
import { givePoints } from './rewards-helpers';

describe(`rewards demo seed on ${dialect}`, () => {
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
  });
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('lays out the coffee catalog, a partner code pool and members’ redemptions through the real services', async () => {
    const { pos, program } = await loyaltySetup(t);
    await t.app.services.programs.saveTier(t.app.dataSource.manager, program.id, { code: 'gold', name: 'Gold', rank: 2, threshold: 50_000_00 });
    const members = [];
    for (let i = 0; i < 10; i++) {
      const m = await newMember(t, pos);
      await givePoints(t, m.dbId, (i + 1) * 300);
      members.push(m.dbId);
    }
    const report = await seedRewards(t.app.dataSource, t.app.services, program.id, members);
    expect(report.rewards).toBe(5);
    // Every fifth member from the third: 900 points buy a coffee, 2 400 a cinema ticket and a coffee.
    expect(report.redemptions).toBe(3);
    const em = t.app.dataSource.manager;
    expect(await em.count(RewardRedemption)).toBe(report.redemptions);
    expect(await em.count(Coupon, { where: { state: 'pool' } })).toBe(24);
    expect(await em.count(Coupon, { where: { state: 'used' } })).toBe(1);
    for (const id of members) await expectLedgerInvariants(t, id);
  });
});
