import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness';
import { CREATE_MEMBER, expectLedgerInvariants, loyaltySetup, RECORD_PURCHASE } from './loyalty-harness';

const APPLY = `mutation($input: ApplyProgramTemplateInput!) { applyProgramTemplate(input: $input) { __typename ... on Program { id code } ... on Error { code message } } }`;
const ACCOUNT = `query($id: ID!, $programId: ID) { member(id: $id) { ... on Member {
  account(programId: $programId) { available pending tier { code } }
  coupons(first: 20) { edges { node { state reward { code } } } }
  badges { badge { code } }
} } }`;
const REDEEM_REWARD = `mutation($input: RedeemRewardInput!) { redeemReward(input: $input) { __typename ... on RewardRedeemed { coupon { state reward { code } } account { available } } ... on RewardNotAvailableError { reason } ... on Error { code message } } }`;
const dbId = (id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1]);

/** The engagement templates: each applied through the API and run with real purchases. */
describe('engagement program templates', () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
  });
  afterAll(() => t.close());

  async function apply(template: string) {
    const res = await t.gql(APPLY, { input: { template, code: `${template}-${++seq}`, locale: 'en' } }, { token: admin });
    expect(res.body.data.applyProgramTemplate.__typename, JSON.stringify(res.body)).toBe('Program');
    return res.body.data.applyProgramTemplate as { id: string; code: string };
  }
  async function member(input: Record<string, unknown> = {}) {
    const externalId = `TPLE-${++seq}`;
    const res = await t.gql(CREATE_MEMBER, { input: { externalId, name: 'Templated Member', email: `${externalId.toLowerCase()}@example.com`, ...input } }, { token: pos });
    expect(res.body.data.createMember.__typename, JSON.stringify(res.body)).toBe('MemberCreated');
    return res.body.data.createMember.member as { id: string; referralCode: string };
  }
  async function purchase(programId: string, memberId: string, totalMinor: number, token = pos) {
    const res = await t.gql(RECORD_PURCHASE, { input: { externalId: `TPLE-P-${++seq}`, memberId, programId, totalMinor, currency: 'RUB', channel: 'STORE' } }, { token });
    expect(res.body.data?.recordPurchase.__typename, JSON.stringify(res.body)).toBe('PurchaseRecorded');
    return res.body.data.recordPurchase;
  }
  async function state(memberId: string, programId: string) {
    const res = await t.gql(ACCOUNT, { id: memberId, programId }, { token: admin });
    const m = res.body.data.member;
    return { ...m.account, coupons: m.coupons.edges.map((e: any) => `${e.node.reward.code}:${e.node.state}`), badges: m.badges.map((b: any) => b.badge.code) };
  }
  async function rewardId(programId: string, code: string) {
    const res = await t.gql(`query($p: ID) { rewards(programId: $p, first: 20) { edges { node { id code } } } }`, { p: programId }, { token: admin });
    return res.body.data.rewards.edges.map((e: any) => e.node).find((r: any) => r.code === code).id as string;
  }
  async function redeem(memberId: string, programId: string, code: string) {
    const res = await t.gql(REDEEM_REWARD, { input: { memberId, rewardId: await rewardId(programId, code), idempotencyKey: `TPLE-R-${++seq}` } }, { token: pos });
    return res.body.data.redeemReward;
  }

  it('every template applies twice side by side, and refuses a taken program code with a ConflictError', async () => {
    const codes = (await t.gql(`{ programTemplates { code } }`, {}, { token: admin })).body.data.programTemplates.map((tpl: { code: string }) => tpl.code);
    expect(codes).toHaveLength(10);
    for (const template of codes) {
      for (const suffix of ['x', 'y']) {
        const res = await t.gql(APPLY, { input: { template, code: `${template}-${suffix}`, isDefault: suffix === 'y' } }, { token: admin });
        expect(res.body.data.applyProgramTemplate.__typename, `${template}: ${JSON.stringify(res.body)}`).toBe('Program');
      }
      const taken = await t.gql(APPLY, { input: { template, code: `${template}-x`, isDefault: true } }, { token: admin });
      expect(taken.body.data.applyProgramTemplate.__typename, template).toBe('ConflictError');
    }
  });

  it('tiers with gifts: reaching Silver gives the Silver gift coupon, and 1.25× points after', async () => {
    const program = await apply('tiers-with-gifts');
    const m = await member();
    await purchase(program.id, m.id, 10_000_00);
    expect(await state(m.id, program.id)).toMatchObject({ available: 10_000, tier: { code: 'basic' }, coupons: [] });
    await purchase(program.id, m.id, 6_000_00);
    expect(await state(m.id, program.id)).toMatchObject({ tier: { code: 'silver' }, coupons: ['silver-gift:ISSUED'] });
    const after = await purchase(program.id, m.id, 1_000_00);
    expect(after.pointsEarned).toBe(1250);
    expect((await state(m.id, program.id)).coupons).toEqual(['silver-gift:ISSUED']);
    await expectLedgerInvariants(t, dbId(m.id));
  });

  it('stars: 2 stars per 100 ₽, a free drink at 150, not spendable as money', async () => {
    const program = await apply('stars');
    const m = await member();
    const bought = await purchase(program.id, m.id, 7_400_00);
    expect(bought.pointsEarned).toBe(148);
    expect((await redeem(m.id, program.id, 'free-drink')).__typename).toBe('InsufficientPointsError');
    await purchase(program.id, m.id, 100_00);
    const drink = await redeem(m.id, program.id, 'free-drink');
    expect(drink).toMatchObject({ __typename: 'RewardRedeemed', coupon: { state: 'ISSUED', reward: { code: 'free-drink' } }, account: { available: 0 } });
    const quote = await t.gql(`mutation($input: QuoteCheckoutInput!) { quoteCheckout(input: $input) { ... on CheckoutQuote { maxPoints } } }`, { input: { memberId: m.id, programId: program.id, totalMinor: 1000_00, currency: 'RUB' } }, { token: pos });
    expect(quote.body.data.quoteCheckout.maxPoints).toBe(0);
  });

  it('beauty insider: the exclusive product is for Rouge members only', async () => {
    const program = await apply('beauty-insider');
    const vib = await member();
    await purchase(program.id, vib.id, 40_000_00);
    expect((await state(vib.id, program.id)).tier.code).toBe('vib');
    expect(await redeem(vib.id, program.id, 'rouge-exclusive')).toMatchObject({ __typename: 'RewardNotAvailableError', reason: 'TIER_TOO_LOW' });
    expect((await redeem(vib.id, program.id, 'sample-set')).__typename).toBe('RewardRedeemed');
    const rouge = await member();
    const big = await purchase(program.id, rouge.id, 100_000_00);
    expect(big.pointsEarned).toBe(100_000);
    expect((await state(rouge.id, program.id)).tier.code).toBe('rouge');
    expect((await redeem(rouge.id, program.id, 'rouge-exclusive')).__typename).toBe('RewardRedeemed');
  });

  it('paid club: a paying Plus member earns double, others single', async () => {
    const program = await apply('paid-club');
    const plus = await member();
    const other = await member();
    const paid = await t.gql(
      `mutation($input: RecordClubPaymentInput!) { recordClubPayment(input: $input) { __typename } }`,
      { input: { memberId: plus.id, planCode: 'plus', programId: program.id, externalId: `TPLE-PAY-${++seq}`, amountMinor: 299_00, currency: 'RUB', paidAt: new Date().toISOString() } },
      { token: pos },
    );
    expect(paid.body.data.recordClubPayment.__typename, JSON.stringify(paid.body)).toBe('ClubPaymentRecorded');
    await purchase(program.id, plus.id, 1_000_00);
    await purchase(program.id, other.id, 1_000_00);
    expect((await state(plus.id, program.id)).available).toBe(2_000);
    expect((await state(other.id, program.id)).available).toBe(1_000);
  });

  it('refer a friend: 500 to the member and 300 to the friend after a first purchase from 500 ₽', async () => {
    const program = await apply('referral');
    // Referrals are made in the default program.
    await t.gql(`mutation($id: ID!) { updateProgram(id: $id, input: { isDefault: true }) { __typename } }`, { id: program.id }, { token: admin });
    const referrer = await member();
    const friend = await member({ referralCode: referrer.referralCode });
    await purchase(program.id, friend.id, 400_00);
    expect((await state(referrer.id, program.id)).available ?? 0).toBe(0);
    await purchase(program.id, friend.id, 600_00);
    expect((await state(referrer.id, program.id)).available).toBe(500);
    expect((await state(friend.id, program.id)).available).toBe(400 + 600 + 300);
  });

  it('monthly challenge: the fifth purchase this month gives the badge and 300 points, once', async () => {
    const program = await apply('monthly-challenge');
    const m = await member();
    for (let i = 0; i < 4; i++) await purchase(program.id, m.id, 100_00);
    expect(await state(m.id, program.id)).toMatchObject({ available: 400, badges: [] });
    await purchase(program.id, m.id, 100_00);
    expect(await state(m.id, program.id)).toMatchObject({ available: 500 + 300, badges: ['hero-of-the-month'] });
    await purchase(program.id, m.id, 100_00);
    expect((await state(m.id, program.id)).available).toBe(600 + 300);
  });

  it('partner coalition: a partner key earns points in the shared program and the settlement shows them', async () => {
    const program = await apply('partner-coalition');
    const partners = await t.gql(`query($p: ID) { partners(programId: $p, first: 10) { edges { node { id code } } } }`, { p: program.id }, { token: admin });
    const cafe = partners.body.data.partners.edges.map((e: any) => e.node).find((p: any) => p.code === 'cafe');
    expect(cafe).toBeDefined();
    const key = await t.gql(`mutation($id: ID!) { createPartnerApiKey(partnerId: $id, name: "Café till", scopes: [PURCHASES_WRITE, POINTS_REDEEM]) { ... on CreatedPartnerApiKey { secret } } }`, { id: cafe.id }, { token: admin });
    const cafeKey = key.body.data.createPartnerApiKey.secret as string;
    const m = await member();
    await purchase(program.id, m.id, 100_00);
    const atCafe = await purchase(program.id, m.id, 250_00, cafeKey);
    expect(atCafe.pointsEarned).toBe(250);
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const settlement = await t.gql(`query($id: ID!, $from: DateTime!, $to: DateTime!) { partnerSettlement(partnerId: $id, from: $from, to: $to) { ... on PartnerSettlement { pointsIssued partnerOwesMinor } } }`, { id: cafe.id, from, to }, { token: admin });
    expect(settlement.body.data.partnerSettlement).toEqual({ pointsIssued: 250, partnerOwesMinor: 250_00 });
  });
});
