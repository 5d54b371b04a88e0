import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onStatement } from '../src/db/query-stats';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { TierChange } from '../src/programs/tier-change.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { globalId, loyaltySetup, newMember, RECORD_PURCHASE, REFUND } from './loyalty-harness';

const DAY = 86_400_000;

describe(`tiers on ${dialect}`, () => {
  let t: TestApp;
  let pos: string;
  let admin: string;
  let programGid: string;
  let seq = 0;

  async function buy(memberExternalId: string, totalMinor: number, occurredAt?: Date) {
    const res = await t.gql(
      RECORD_PURCHASE,
      { input: { externalId: `T-${++seq}`, memberExternalId, totalMinor, currency: 'RUB', channel: 'ONLINE', occurredAt: occurredAt?.toISOString() } },
      { token: pos },
    );
    return res.body.data.recordPurchase;
  }

  beforeAll(async () => {
    t = await createTestApp();
    const setup = await loyaltySetup(t);
    pos = setup.pos;
    admin = setup.admin;
    programGid = globalId('Program', setup.program.id);
    const saveTier = `mutation($programId: ID!, $input: TierInput!) { saveTier(programId: $programId, input: $input) { __typename ... on Tier { id code } ... on Error { code message } } }`;
    for (const input of [
      { code: 'basic', name: 'Basic', rank: 0, threshold: 0 },
      { code: 'silver', name: 'Silver', rank: 1, threshold: 10_000_00, earnMultiplierPercent: 150, discountPercent: 3, perks: ['free delivery'] },
      { code: 'gold', name: 'Gold', rank: 2, threshold: 50_000_00, earnMultiplierPercent: 200, discountPercent: 7 },
    ]) {
      const res = await t.gql(saveTier, { programId: programGid, input: { qualifyBy: 'SPEND', window: 'ROLLING', windowDays: 365, ...input } }, { token: admin });
      expect(res.body.data.saveTier.__typename).toBe('Tier');
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a new member starts in Basic and moves up at once when spend reaches Silver, earning more from then on', async () => {
    const m = await newMember(t, pos);
    const first = await buy(m.externalId, 6_000_00);
    expect(first).toMatchObject({ pointsEarned: 6000, account: { tier: { code: 'basic' } } });
    const second = await buy(m.externalId, 5_000_00);
    expect(second).toMatchObject({ pointsEarned: 5000, newTier: { code: 'silver' }, account: { tier: { code: 'silver' } } });
    const third = await buy(m.externalId, 1_000_00);
    expect(third.pointsEarned).toBe(1500);
  });

  it('a purchase reads the spend that qualifies once for the tiers above the member, and not at all at the top', async () => {
    const sums: string[] = [];
    const stop = onStatement((sql) => {
      if (/\bSUM\(/i.test(sql) && /\bFROM\s+[`"]?purchases\b/i.test(sql)) sums.push(sql);
    });
    const counted = async (memberExternalId: string, totalMinor: number) => {
      sums.length = 0;
      const answer = await buy(memberExternalId, totalMinor);
      return { answer, sums: sums.length };
    };
    try {
      const m = await newMember(t, pos);
      // In Basic: Silver and Gold count the same year's spend, read once; a purchase may skip Silver.
      const first = await counted(m.externalId, 1_000_00);
      expect(first).toMatchObject({ sums: 1, answer: { account: { tier: { code: 'basic' } } } });
      const leap = await counted(m.externalId, 60_000_00);
      expect(leap).toMatchObject({ sums: 1, answer: { newTier: { code: 'gold' }, account: { tier: { code: 'gold' } } } });
      // At the top there is nothing above to qualify for.
      const top = await counted(m.externalId, 1_000_00);
      expect(top).toMatchObject({ sums: 0, answer: { newTier: null, account: { tier: { code: 'gold' } } } });
    } finally {
      stop();
    }
  });

  it('the tier discount and the progress to the next tier are visible', async () => {
    const m = await newMember(t, pos);
    await buy(m.externalId, 12_000_00);
    const q = await t.gql(
      `mutation($input: QuoteCheckoutInput!) { quoteCheckout(input: $input) { ... on CheckoutQuote { discountPercent discountMinor payableMinor } } }`,
      { input: { memberId: m.id, totalMinor: 1_000_00, currency: 'RUB' } },
      { token: pos },
    );
    expect(q.body.data.quoteCheckout).toEqual({ discountPercent: 3, discountMinor: 30_00, payableMinor: 970_00 });
    const progress = await t.gql(`query($id: ID!) { member(id: $id) { account { tier { code perks } tierProgress { nextTier { code } value remaining } } } }`, { id: m.id }, { token: admin });
    expect(progress.body.data.member.account).toEqual({
      tier: { code: 'silver', perks: ['free delivery'] },
      tierProgress: { nextTier: { code: 'gold' }, value: 12_000_00, remaining: 38_000_00 },
    });
  });

  it('a refund does not downgrade at once; the review does, and keeps history', async () => {
    const m = await newMember(t, pos);
    const purchase = await buy(m.externalId, 11_000_00);
    expect(purchase.account.tier.code).toBe('silver');
    const refund = await t.gql(REFUND, { input: { externalId: `TF-${m.externalId}`, purchaseExternalId: `T-${seq}`, amountMinor: 5_000_00 } }, { token: pos });
    expect(refund.body.data.refundPurchase.__typename).toBe('RefundRecorded');
    const account = await t.app.dataSource.manager.findOneByOrFail(LoyaltyAccount, { memberId: m.dbId });
    expect(account.tierId).not.toBeNull();
    const before = await t.gql(`query($id: ID!) { member(id: $id) { account { tier { code } } } }`, { id: m.id }, { token: admin });
    expect(before.body.data.member.account.tier.code).toBe('silver');
    const programId = Number(Buffer.from(programGid, 'base64').toString().split(':')[1]);
    const changes = await t.app.services.maintenance.reviewTiers(t.app.dataSource, programId);
    expect(changes).toBeGreaterThanOrEqual(1);
    const after = await t.gql(`query($id: ID!) { member(id: $id) { account { tier { code } } } }`, { id: m.id }, { token: admin });
    expect(after.body.data.member.account.tier.code).toBe('basic');
    const history = await t.app.dataSource.manager.find(TierChange, { where: { accountId: account.id }, order: { id: 'ASC' } });
    expect(history.map((h) => h.reason)).toEqual(['upgrade', 'review']); // none → silver at once, silver → basic at review
  });

  it('spend outside the rolling window does not count', async () => {
    const m = await newMember(t, pos);
    await buy(m.externalId, 20_000_00, new Date(Date.now() - 400 * DAY));
    const res = await buy(m.externalId, 100_00);
    expect(res.account.tier.code).toBe('basic');
  });

  it('programs are validated: cashback counts in minor units, the time zone must exist', async () => {
    const create = `mutation($input: ProgramInput!) { createProgram(input: $input) { __typename ... on ValidationError { fieldErrors { path } } ... on Program { code valueKind pointValueMinor } } }`;
    const bad = await t.gql(create, { input: { code: 'cb', name: 'Cashback', valueKind: 'CASHBACK', pointValueMinor: 100 } }, { token: admin });
    expect(bad.body.data.createProgram.fieldErrors).toEqual([{ path: ['input', 'pointValueMinor'] }]);
    const zone = await t.gql(create, { input: { code: 'tz', name: 'Zone', timezone: 'Mars/Olympus' } }, { token: admin });
    expect(zone.body.data.createProgram.fieldErrors).toEqual([{ path: ['input', 'timezone'] }]);
    const good = await t.gql(create, { input: { code: 'cb', name: 'Cashback 5 %', valueKind: 'CASHBACK', earnPoints: 5, earnPerMinor: 100, pointValueMinor: 1 } }, { token: admin });
    expect(good.body.data.createProgram).toEqual({ __typename: 'Program', code: 'cb', valueKind: 'CASHBACK', pointValueMinor: 1 });
    const dup = await t.gql(create, { input: { code: 'cb', name: 'Again' } }, { token: admin });
    expect(dup.body.data.createProgram.__typename).toBe('ConflictError');
  });

  it('tier rules are validated: a clashing rank or a bad threshold changes nothing', async () => {
    const clash = await t.gql(
      `mutation($programId: ID!, $input: TierInput!) { saveTier(programId: $programId, input: $input) { __typename } }`,
      { programId: programGid, input: { code: 'platinum', name: 'Platinum', rank: 2 } },
      { token: admin },
    );
    expect(clash.body.data.saveTier.__typename).toBe('ConflictError');
    const bad = await t.gql(
      `mutation($programId: ID!, $input: TierInput!) { saveTier(programId: $programId, input: $input) { __typename } }`,
      { programId: programGid, input: { code: 'platinum', name: 'Platinum', rank: 3, threshold: -5, discountPercent: 150 } },
      { token: admin },
    );
    expect(bad.body.data.saveTier.__typename).toBe('ValidationError');
    const tiers = await t.gql(`{ program { tiers { code } } }`, {}, { token: admin });
    expect(tiers.body.data.program.tiers.map((x: { code: string }) => x.code)).toEqual(['basic', 'silver', 'gold']);
  });
});
