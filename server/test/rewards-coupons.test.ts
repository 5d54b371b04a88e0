import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Coupon } from '../src/rewards/coupon.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { expectLedgerInvariants, loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';
import { createReward, givePoints, REDEEM_REWARD, signUpMember, USE_COUPON, VALIDATE_COUPON } from './rewards-helpers';

const IMPORT = `mutation($rewardId: ID!, $csv: String!) { importCoupons(rewardId: $rewardId, csv: $csv) {
  __typename ... on CouponImport { imported duplicates poolSize errors { line message } } ... on ValidationError { fieldErrors { path message } } ... on Error { code message } } }`;
const node = (id: string, kind: string, params: Record<string, unknown> = {}) => ({ id, kind, params, position: { x: 0, y: 0 } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, sourcePort: 'out', target });

describe(`coupons on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  const redeem = (input: Record<string, unknown>, token = pos) => t.gql(REDEEM_REWARD, { input }, { token }).then((r) => r.body.data.redeemReward);
  const use = (input: Record<string, unknown>, token = pos) => t.gql(USE_COUPON, { input }, { token }).then((r) => r.body.data?.useCoupon ?? r.body.errors);
  const validate = (code: string, token = pos) => t.gql(VALIDATE_COUPON, { code }, { token }).then((r) => r.body.data.validateCoupon);

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  async function couponFor(memberId: string, memberDbId: number, rewardInput: Record<string, unknown> = {}) {
    const reward = await createReward(t, admin, { costPoints: 10, ...rewardInput });
    await givePoints(t, memberDbId, 10);
    const result = await redeem({ rewardId: reward.id, memberId, idempotencyKey: `c-${reward.code}` });
    expect(result.__typename).toBe('RewardRedeemed');
    return result.coupon.code as string;
  }

  it('a coupon used by two tills at once is used exactly once; the same key replays', async () => {
    const m = await newMember(t, pos);
    const code = await couponFor(m.id, m.dbId, { kind: 'PERCENT_DISCOUNT', percent: 10, capMinor: 500_00 });
    expect(await validate(code.toLowerCase())).toMatchObject({ state: 'ISSUED', reward: { kind: 'PERCENT_DISCOUNT' }, member: { id: m.id } });
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => use({ code, orderRef: `ORDER-${i}`, idempotencyKey: `use-${i}` })));
    expect(results.map((r) => r.__typename).sort()).toEqual(['CouponAlreadyUsedError', 'CouponAlreadyUsedError', 'CouponAlreadyUsedError', 'CouponAlreadyUsedError', 'CouponUsed']);
    const winner = results.findIndex((r) => r.__typename === 'CouponUsed');
    expect(results[winner].coupon).toMatchObject({ state: 'USED', orderRef: `ORDER-${winner}` });
    // The winner's retry answers with its first result; anyone else's is refused.
    expect(await use({ code, orderRef: `ORDER-${winner}`, idempotencyKey: `use-${winner}` })).toMatchObject({ __typename: 'CouponUsed', replayed: true });
    expect((await use({ code, orderRef: 'ORDER-X', idempotencyKey: `use-${winner}` })).__typename).toBe('CouponAlreadyUsedError');
    expect(await validate(code)).toMatchObject({ state: 'USED' });
  });

  it('an expired coupon is refused and listed as expired', async () => {
    const member = await signUpMember(t, 'expiry@example.com');
    const code = await couponFor(member.id, member.dbId, { couponValidDays: 1 });
    await t.app.dataSource.manager.update(Coupon, { code }, { expiresAt: new Date(Date.now() - 1000) });
    // Read as expired at once; stored as expired by the scheduler's sweep.
    expect(await validate(code)).toMatchObject({ state: 'EXPIRED' });
    const stored = () => t.app.dataSource.manager.findOneByOrFail(Coupon, { code }).then((c) => c.state);
    expect(await stored()).toBe('issued');
    await t.app.runMaintenance();
    expect(await stored()).toBe('expired');
    expect((await use({ code, orderRef: 'O-1' })).__typename).toBe('CouponExpiredError');
    const list = async (state: string) =>
      (await t.gql(`query($s: CouponState) { viewer { ... on Member { coupons(state: $s) { edges { node { code state } } } } } }`, { s: state }, { token: member.token })).body.data.viewer.coupons.edges.map((e: { node: unknown }) => e.node);
    expect(await list('EXPIRED')).toEqual([{ code, state: 'EXPIRED' }]);
    expect(await list('ISSUED')).toEqual([]);
  });

  it("a member sees and uses only their own coupons; another's code reads as not found", async () => {
    const alice = await signUpMember(t, 'alice@example.com');
    const bob = await signUpMember(t, 'bob@example.com');
    const code = await couponFor(alice.id, alice.dbId);
    for (const typed of [code, code.toLowerCase().replace(/-/g, ' ')]) expect(await validate(typed, alice.token)).toMatchObject({ code, member: { id: alice.id } });
    const asBob = await validate(code, bob.token);
    expect(asBob).toEqual({ __typename: 'CouponNotFoundError', code: 'COUPON_NOT_FOUND', message: 'No such coupon.' });
    expect(await validate('ZZZZ-ZZZZ-ZZZZ', bob.token)).toEqual(asBob);
    expect((await use({ code, orderRef: 'BOB-1' }, bob.token)).__typename).toBe('CouponNotFoundError');
    expect(await validate(code)).toMatchObject({ state: 'ISSUED' });
    expect((await use({ code, orderRef: 'ALICE-1', store: 'store-1' }, alice.token)).coupon).toMatchObject({ state: 'USED', usedStore: 'store-1' });
    for (const hostile of ["' OR 1=1 --", '', '😀'.repeat(60), 'x'.repeat(150)]) expect((await validate(hostile)).__typename).toBe('CouponNotFoundError');
    expect((await use({ code: 'x', orderRef: '' })).__typename).toBe('ValidationError');
  });

  it('imports a partner code pool row by row and hands out each code once, even at once', async () => {
    const reward = await createReward(t, admin, { code: 'partner-cinema', kind: 'PARTNER_VOUCHER', costPoints: 10 });
    const csv = ['code', 'CINEMA-0001', 'cinema-0002', '"CINEMA-0003",extra', 'CINEMA-0001', 'x', "'; DROP TABLE coupons;--", 'Кино-0004', '', 'CINEMA-0004'].join('\r\n');
    const report = (await t.gql(IMPORT, { rewardId: reward.id, csv }, { token: admin })).body.data.importCoupons;
    expect(report).toMatchObject({ __typename: 'CouponImport', imported: 4, duplicates: 1, poolSize: 4 });
    expect(report.errors.map((e: { line: number }) => e.line)).toEqual([6, 7, 8]);
    const again = (await t.gql(IMPORT, { rewardId: reward.id, csv: 'CINEMA-0001\nCINEMA-0005' }, { token: admin })).body.data.importCoupons;
    expect(again).toMatchObject({ imported: 1, duplicates: 1, poolSize: 5 });
    // Refused whole: too big, empty, or for a reward that does not take codes.
    const huge = await t.gql(IMPORT, { rewardId: reward.id, csv: 'A'.repeat(10 * 1024 * 1024) }, { token: admin });
    expect(huge.body.data.importCoupons).toMatchObject({ __typename: 'ValidationError', fieldErrors: [{ path: ['csv'] }] });
    expect(huge.body.data.importCoupons.fieldErrors[0].message).toMatch(/at most/);
    expect((await t.gql(IMPORT, { rewardId: reward.id, csv: 'ABCD\n'.repeat(250_000) }, { token: admin })).body.data.importCoupons.__typename).toBe('ValidationError');
    const plain = await createReward(t, admin, {});
    expect((await t.gql(IMPORT, { rewardId: plain.id, csv: 'ABCD-1234' }, { token: admin })).body.data.importCoupons.__typename).toBe('ValidationError');
    expect((await t.gql(IMPORT, { rewardId: reward.id, csv: '' }, { token: admin })).body.data.importCoupons.__typename).toBe('ValidationError');

    const members = await Promise.all(Array.from({ length: 8 }, () => newMember(t, pos)));
    for (const m of members) await givePoints(t, m.dbId, 10);
    const results = await Promise.all(members.map((m) => redeem({ rewardId: reward.id, memberId: m.id, idempotencyKey: 'cinema' })));
    const won = results.filter((r) => r.__typename === 'RewardRedeemed');
    expect(won).toHaveLength(5);
    expect(results.filter((r) => r.__typename === 'RewardOutOfStockError')).toHaveLength(3);
    expect(new Set(won.map((r) => r.coupon.code))).toEqual(new Set(['CINEMA-0001', 'CINEMA-0002', 'CINEMA-0003', 'CINEMA-0004', 'CINEMA-0005']));
    for (const m of members) await expectLedgerInvariants(t, m.dbId);
    const staffView = await t.gql(`query($id: ID!) { node(id: $id) { ... on Reward { poolRemaining issuedCount } } }`, { id: reward.id }, { token: admin });
    expect(staffView.body.data.node).toEqual({ poolRemaining: 0, issuedCount: 5 });
  });

  it('a published campaign issues a reward on a purchase; a graph naming an unknown reward cannot be published', async () => {
    await createReward(t, admin, { code: 'welcome-gift', kind: 'FREE_DELIVERY', costPoints: 0, stock: 1 });
    const publish = async (reward: string) => {
      const graph = { nodes: [node('t', 'trigger.purchase'), node('r', 'action.issueReward', { reward })], edges: [edge('t', 'r')] };
      const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, { input: { name: `Gift ${reward}`, graph } }, { token: admin });
      return (await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename ... on PublishRefusedError { diagnostics { code nodeId } } } }`, { id: created.body.data.createCampaign.id }, { token: admin })).body.data.publishCampaign;
    };
    const refused = await publish('no-such-reward');
    expect(refused.__typename).toBe('PublishRefusedError');
    expect(refused.diagnostics.map((d: { nodeId: string }) => d.nodeId)).toContain('r');
    expect((await publish('welcome-gift')).__typename).toBe('Campaign');

    const [first, second] = [await newMember(t, pos), await newMember(t, pos)];
    for (const [i, m] of [first, second].entries()) {
      const res = await t.gql(RECORD_PURCHASE, { input: { externalId: `GIFT-${i}`, memberExternalId: m.externalId, totalMinor: 1000_00, currency: 'RUB', channel: 'STORE' } }, { token: pos });
      expect(res.body.data.recordPurchase.__typename).toBe('PurchaseRecorded');
    }
    const em = t.app.dataSource.manager;
    // Stock 1: the first buyer gets the gift, the second's purchase still goes through without it.
    expect(await em.count(Coupon, { where: { memberId: first.dbId } })).toBe(1);
    expect(await em.count(Coupon, { where: { memberId: second.dbId } })).toBe(0);
    const redemption = await em.query(`SELECT points, campaignId FROM reward_redemptions WHERE memberId = ?`, [first.dbId]);
    expect(Number(redemption[0].points)).toBe(0);
    expect(redemption[0].campaignId).not.toBeNull();
    await expectLedgerInvariants(t, first.dbId);
  });

  it('members with their coupons cost the same number of statements for 2 or 6 members', async () => {
    const members = await Promise.all(Array.from({ length: 6 }, () => newMember(t, pos)));
    for (const m of members) await couponFor(m.id, m.dbId);
    const query = `query($n: Int) { members(first: $n) { edges { node { coupons(first: 5) { edges { node { code reward { code } } } } rewardRedemptions(first: 5) { edges { node { points coupon { code } } } } } } } }`;
    const small = await t.gql(query, { n: 2 }, { token: admin });
    const large = await t.gql(query, { n: 6 }, { token: admin });
    expect(small.body.errors).toBeUndefined();
    expect(large.body.errors).toBeUndefined();
    expect(large.statements).toBe(small.statements);
  });
});
