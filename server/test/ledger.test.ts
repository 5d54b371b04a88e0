import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { PointLot } from '../src/ledger/point-lot.entity';
import { Program } from '../src/programs/program.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { ADJUST, expectLedgerInvariants, globalId, loyaltySetup, newMember, RECORD_PURCHASE, REDEEM, REFUND } from './loyalty-harness';

const DAY = 86_400_000;
let t: TestApp;
let pos: string;
let admin: string;
let programId: number;
let seq = 0;
const ext = (prefix: string) => `${prefix}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;

async function purchase(memberExternalId: string | null, totalMinor: number, extra: Record<string, unknown> = {}) {
  const externalId = (extra.externalId as string) ?? ext('R');
  const input = { externalId, memberExternalId, totalMinor, currency: 'RUB', channel: 'STORE', ...extra };
  const res = await t.gql(RECORD_PURCHASE, { input }, { token: pos });
  return { ...(res.body.data?.recordPurchase ?? { __typename: 'request error', errors: res.body.errors }), externalId, input };
}

async function setProgram(changes: Partial<Program>) {
  await t.app.dataSource.manager.update(Program, programId, changes);
}

describe(`points ledger on ${dialect}`, () => {
  beforeAll(async () => {
    t = await createTestApp();
    const setup = await loyaltySetup(t);
    pos = setup.pos;
    admin = setup.admin;
    programId = setup.program.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('purchases', () => {
    it('earn 1 point per 1 ₽, once per externalId', async () => {
      const m = await newMember(t, pos);
      const first = await purchase(m.externalId, 1234_56);
      expect(first).toMatchObject({ __typename: 'PurchaseRecorded', pointsEarned: 1234, replayed: false, account: { available: 1234, pending: 0 } });
      const again = await purchase(m.externalId, 1234_56, { externalId: first.externalId });
      expect(again).toMatchObject({ __typename: 'PurchaseRecorded', pointsEarned: 1234, replayed: true, account: { available: 1234 } });
      await expectLedgerInvariants(t, m.dbId);
    });

    it('the same externalId with a different payload is a conflict and changes nothing', async () => {
      const m = await newMember(t, pos);
      const first = await purchase(m.externalId, 500_00);
      const clash = await purchase(m.externalId, 900_00, { externalId: first.externalId });
      expect(clash).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' });
      const account = await t.app.dataSource.manager.findOneByOrFail(LoyaltyAccount, { memberId: m.dbId });
      expect(account.available).toBe(500);
    });

    it('the same purchase sent 20 times at once earns once', async () => {
      const m = await newMember(t, pos);
      const externalId = ext('R');
      const results = await Promise.all(Array.from({ length: 20 }, () => purchase(m.externalId, 777_00, { externalId })));
      expect(results.every((r) => r.__typename === 'PurchaseRecorded' && r.pointsEarned === 777)).toBe(true);
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      const account = await t.app.dataSource.manager.findOneByOrFail(LoyaltyAccount, { memberId: m.dbId });
      expect(account.available).toBe(777);
      expect(account.purchaseCount).toBe(1);
      await expectLedgerInvariants(t, m.dbId);
    });

    it('records purchases of non-members, earning nothing', async () => {
      const res = await purchase(null, 250_00);
      expect(res).toMatchObject({ __typename: 'PurchaseRecorded', pointsEarned: 0, account: null });
      const list = await t.gql(`{ purchases(first: 100, members: false) { edges { node { externalId member { id } } } } }`, {}, { token: admin });
      expect(list.body.data.purchases.edges.map((e: { node: { externalId: string } }) => e.node.externalId)).toContain(res.externalId);
    });

    it.each([
      ['a negative amount', { totalMinor: -100 }, ['input', 'totalMinor']],
      ['a huge amount', { totalMinor: 2_000_000_001 }, ['input', 'totalMinor']],
      ['a fractional amount', { totalMinor: 10.5 }, null],
      ['the wrong currency', { currency: 'USD' }, ['input', 'currency']],
      ['a malformed currency', { currency: 'rubles' }, ['input', 'currency']],
      ['a date in the future', { occurredAt: new Date(Date.now() + 2 * DAY).toISOString() }, ['input', 'occurredAt']],
      ['too many lines', { items: Array.from({ length: 501 }, (_, i) => ({ sku: `S${i}`, quantity: 1, unitPriceMinor: 1 })) }, ['input', 'items']],
    ])('refuses %s and writes nothing', async (_name, change, path) => {
      const m = await newMember(t, pos);
      const res = await purchase(m.externalId, 100_00, change);
      if (path) {
        expect(res.__typename).toBe('ValidationError');
        expect(res.fieldErrors[0].path).toEqual(path);
      } else {
        expect(res.__typename ?? 'request error').not.toBe('PurchaseRecorded');
      }
      expect(await t.app.dataSource.manager.findOneBy(LoyaltyAccount, { memberId: m.dbId })).toBeNull();
    });

    it('an unknown member is NotFound', async () => {
      const res = await purchase('NO-SUCH-MEMBER', 100_00);
      expect(res).toMatchObject({ __typename: 'NotFoundError', entity: 'Member' } as never);
      const byId = await t.gql(RECORD_PURCHASE, { input: { externalId: ext('R'), memberId: globalId('Member', 99_999_999), totalMinor: 100, currency: 'RUB', channel: 'STORE' } }, { token: pos });
      expect(byId.body.data.recordPurchase.__typename).toBe('NotFoundError');
    });

    it('keeps the receipt lines', async () => {
      const m = await newMember(t, pos);
      const res = await purchase(m.externalId, 300_00, { items: [{ sku: 'COFFEE', name: 'Latte', category: 'drinks', quantity: 2, unitPriceMinor: 150_00 }] });
      const read = await t.gql(`query($id: ID!) { node(id: $id) { ... on Purchase { items { sku category quantity unitPriceMinor } channel } } }`, { id: res.purchase.id }, { token: admin });
      expect(read.body.data.node).toEqual({ items: [{ sku: 'COFFEE', category: 'drinks', quantity: 2, unitPriceMinor: 150_00 }], channel: 'STORE' });
    });
  });

  describe('refunds', () => {
    it('claw back in proportion, and a series of partial refunds adds up to what was earned', async () => {
      const m = await newMember(t, pos);
      const p = await purchase(m.externalId, 1000_00);
      const r1 = await t.gql(REFUND, { input: { externalId: ext('F'), purchaseExternalId: p.externalId, amountMinor: 333_33 } }, { token: pos });
      expect(r1.body.data.refundPurchase).toMatchObject({ pointsReversed: 333, debtPoints: 0, account: { available: 667 } });
      await t.gql(REFUND, { input: { externalId: ext('F'), purchaseExternalId: p.externalId, amountMinor: 333_33 } }, { token: pos });
      const r3 = await t.gql(REFUND, { input: { externalId: ext('F'), purchaseExternalId: p.externalId, amountMinor: 333_34 } }, { token: pos });
      expect(r3.body.data.refundPurchase.account.available).toBe(0);
      await expectLedgerInvariants(t, m.dbId);
    });

    it('a refund larger than the purchase is refused; replays answer the first result', async () => {
      const m = await newMember(t, pos);
      const p = await purchase(m.externalId, 100_00);
      const tooBig = await t.gql(REFUND, { input: { externalId: ext('F'), purchaseExternalId: p.externalId, amountMinor: 100_01 } }, { token: pos });
      expect(tooBig.body.data.refundPurchase.__typename).toBe('ValidationError');
      const externalId = ext('F');
      const first = await t.gql(REFUND, { input: { externalId, purchaseExternalId: p.externalId, amountMinor: 50_00 } }, { token: pos });
      const again = await t.gql(REFUND, { input: { externalId, purchaseExternalId: p.externalId, amountMinor: 50_00 } }, { token: pos });
      expect(first.body.data.refundPurchase).toMatchObject({ pointsReversed: 50, replayed: false });
      expect(again.body.data.refundPurchase).toMatchObject({ pointsReversed: 50, replayed: true, account: { available: 50 } });
      const unknown = await t.gql(REFUND, { input: { externalId: ext('F'), purchaseExternalId: 'NOPE', amountMinor: 1 } }, { token: pos });
      expect(unknown.body.data.refundPurchase.__typename).toBe('NotFoundError');
    });

    it('points already spent become debt, never a negative balance, and the next earning settles it', async () => {
      const m = await newMember(t, pos);
      const p = await purchase(m.externalId, 500_00);
      const spent = await t.gql(REDEEM, { input: { externalId: ext('X'), memberId: m.id, points: 400 } }, { token: pos });
      expect(spent.body.data.redeemPoints.account.available).toBe(100);
      const refund = await t.gql(REFUND, { input: { externalId: ext('F'), purchaseExternalId: p.externalId, amountMinor: 500_00 } }, { token: pos });
      expect(refund.body.data.refundPurchase).toMatchObject({ pointsReversed: 100, debtPoints: 400, account: { available: 0, debt: 400 } });
      const next = await purchase(m.externalId, 1000_00);
      expect(next).toMatchObject({ pointsEarned: 1000, debtSettled: 400, account: { available: 600, debt: 0 } });
      await expectLedgerInvariants(t, m.dbId);
    });
  });

  describe('checkout', () => {
    it('quotes the points a member may spend, capped by the share of the order', async () => {
      await setProgram({ maxRedeemPercent: 30, minRedeemPoints: 0 });
      try {
        const m = await newMember(t, pos);
        await purchase(m.externalId, 5000_00);
        const q = await t.gql(
          `mutation($input: QuoteCheckoutInput!) { quoteCheckout(input: $input) { ... on CheckoutQuote { availablePoints maxPoints maxPointsValueMinor payableMinor } } }`,
          { input: { memberId: m.id, totalMinor: 1000_00, currency: 'RUB' } },
          { token: pos },
        );
        expect(q.body.data.quoteCheckout).toEqual({ availablePoints: 5000, maxPoints: 300, maxPointsValueMinor: 300_00, payableMinor: 1000_00 });
        const tooMuch = await t.gql(REDEEM, { input: { externalId: ext('X'), memberId: m.id, points: 301, orderTotalMinor: 1000_00 } }, { token: pos });
        expect(tooMuch.body.data.redeemPoints.__typename).toBe('ValidationError');
      } finally {
        await setProgram({ maxRedeemPercent: 100 });
      }
    });

    it('redeems once per externalId and refuses more than the balance', async () => {
      const m = await newMember(t, pos);
      await purchase(m.externalId, 100_00);
      const externalId = ext('X');
      const first = await t.gql(REDEEM, { input: { externalId, memberId: m.id, points: 60 } }, { token: pos });
      expect(first.body.data.redeemPoints).toMatchObject({ points: 60, valueMinor: 60_00, replayed: false, account: { available: 40 } });
      const replay = await t.gql(REDEEM, { input: { externalId, memberId: m.id, points: 60 } }, { token: pos });
      expect(replay.body.data.redeemPoints).toMatchObject({ replayed: true, account: { available: 40 } });
      const tooMuch = await t.gql(REDEEM, { input: { externalId: ext('X'), memberId: m.id, points: 41 } }, { token: pos });
      expect(tooMuch.body.data.redeemPoints).toEqual({ __typename: 'InsufficientPointsError', available: 40, requested: 41, code: 'INSUFFICIENT_POINTS', message: expect.any(String) });
      const zero = await t.gql(REDEEM, { input: { externalId: ext('X'), memberId: m.id, points: 0 } }, { token: pos });
      expect(zero.body.data.redeemPoints.__typename).toBe('ValidationError');
      await expectLedgerInvariants(t, m.dbId);
    });

    it('64 redemptions at once against a balance that covers 10: exactly 10 succeed', async () => {
      const m = await newMember(t, pos);
      await purchase(m.externalId, 1000_00);
      const results = await Promise.all(
        Array.from({ length: 64 }, () => t.gql(REDEEM, { input: { externalId: ext('X'), memberId: m.id, points: 100 } }, { token: pos })),
      );
      const kinds = results.map((r) => r.body.data?.redeemPoints?.__typename ?? JSON.stringify(r.body.errors));
      expect(kinds.filter((k) => k === 'PointsRedeemed')).toHaveLength(10);
      expect(kinds.filter((k) => k === 'InsufficientPointsError')).toHaveLength(54);
      const account = await t.app.dataSource.manager.findOneByOrFail(LoyaltyAccount, { memberId: m.dbId });
      expect(account.available).toBe(0);
      await expectLedgerInvariants(t, m.dbId);
    });
  });

  describe('pending and expiry', () => {
    it('points wait out the return period, then the daily job makes them available', async () => {
      await setProgram({ pendingDays: 14 });
      try {
        const m = await newMember(t, pos);
        const p = await purchase(m.externalId, 200_00);
        expect(p.account).toMatchObject({ available: 0, pending: 200 });
        const early = await t.gql(REDEEM, { input: { externalId: ext('X'), memberId: m.id, points: 1 } }, { token: pos });
        expect(early.body.data.redeemPoints.__typename).toBe('InsufficientPointsError');
        await t.app.services.maintenance.run(t.app.dataSource, new Date(Date.now() + 13 * DAY));
        expect((await t.app.dataSource.manager.findOneByOrFail(LoyaltyAccount, { memberId: m.dbId })).pending).toBe(200);
        await t.app.services.maintenance.run(t.app.dataSource, new Date(Date.now() + 15 * DAY));
        const account = await t.app.dataSource.manager.findOneByOrFail(LoyaltyAccount, { memberId: m.dbId });
        expect([account.available, account.pending]).toEqual([200, 0]);
        await expectLedgerInvariants(t, m.dbId);
      } finally {
        await setProgram({ pendingDays: 0 });
      }
    });

    it('redemption spends the lots that expire first; expired points are never spent', async () => {
      await setProgram({ expiryPolicy: 'days', expiryDays: 30 });
      try {
        const m = await newMember(t, pos);
        await purchase(m.externalId, 100_00, { occurredAt: new Date(Date.now() - 20 * DAY).toISOString() }); // expires in 10 days
        await purchase(m.externalId, 100_00, { occurredAt: new Date(Date.now() - 1 * DAY).toISOString() }); // expires in 29 days
        await t.gql(REDEEM, { input: { externalId: ext('X'), memberId: m.id, points: 60 } }, { token: pos });
        const account = await t.app.dataSource.manager.findOneByOrFail(LoyaltyAccount, { memberId: m.dbId });
        const lots = await t.app.dataSource.manager.find(PointLot, { where: { accountId: account.id }, order: { expiresAt: 'ASC' } });
        expect(lots.map((l) => l.remaining)).toEqual([40, 100]);
        const report = await t.app.services.maintenance.run(t.app.dataSource, new Date(Date.now() + 11 * DAY));
        expect(report.expiredPoints).toBeGreaterThanOrEqual(40);
        const after = await t.app.dataSource.manager.findOneByOrFail(LoyaltyAccount, { memberId: m.dbId });
        expect(after.available).toBe(100);
        const expiring = await t.gql(`query($id: ID!) { member(id: $id) { account { expiringPoints(withinDays: 60) { points expiresAt } } } }`, { id: m.id }, { token: admin });
        expect(expiring.body.data.member.account.expiringPoints).toHaveLength(1);
        expect(expiring.body.data.member.account.expiringPoints[0].points).toBe(100);
        await expectLedgerInvariants(t, m.dbId);
      } finally {
        await setProgram({ expiryPolicy: 'never', expiryDays: 0 });
      }
    });
  });

  describe('adjustments', () => {
    it('staff add and take points with a reason; never below zero; idempotent by key', async () => {
      const m = await newMember(t, pos);
      const add = await t.gql(ADJUST, { input: { memberId: m.id, points: 150, reason: 'goodwill after a late delivery', idempotencyKey: `k-${m.externalId}` } }, { token: admin });
      expect(add.body.data.adjustPoints).toMatchObject({ replayed: false, entry: { kind: 'ADJUST', points: 150, reason: 'goodwill after a late delivery' }, account: { available: 150 } });
      const replay = await t.gql(ADJUST, { input: { memberId: m.id, points: 150, reason: 'goodwill after a late delivery', idempotencyKey: `k-${m.externalId}` } }, { token: admin });
      expect(replay.body.data.adjustPoints).toMatchObject({ replayed: true, account: { available: 150 } });
      const take = await t.gql(ADJUST, { input: { memberId: m.id, points: -200, reason: 'correction' } }, { token: admin });
      expect(take.body.data.adjustPoints).toMatchObject({ __typename: 'InsufficientPointsError', available: 150, requested: 200 });
      const noReason = await t.gql(ADJUST, { input: { memberId: m.id, points: 10, reason: '' } }, { token: admin });
      expect(noReason.body.data.adjustPoints.__typename).toBe('ValidationError');
      await expectLedgerInvariants(t, m.dbId);
    });
  });

  describe('who may do what', () => {
    it('a member sees their own account and ledger, not anyone else’s, and cannot adjust or redeem', async () => {
      const a = await t.gql(`mutation { memberSignUp(input: { email: "ledger-a@example.com", password: "member-password" }) { ... on MemberSession { token member { id } } } }`);
      const b = await newMember(t, pos);
      const memberA = a.body.data.memberSignUp;
      await t.gql(ADJUST, { input: { memberId: memberA.member.id, points: 50, reason: 'welcome gift' } }, { token: admin });
      const own = await t.gql(`{ viewer { ... on Member { account { available } ledger(first: 5) { edges { node { kind points reason } } } } } }`, {}, { token: memberA.token });
      expect(own.body.data.viewer).toEqual({ account: { available: 50 }, ledger: { edges: [{ node: { kind: 'ADJUST', points: 50, reason: 'welcome gift' } }] } });
      const other = await t.gql(`query($id: ID!) { member(id: $id) { ledger(first: 5) { edges { node { id } } } } }`, { id: b.id }, { token: memberA.token });
      expect(other.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const adjust = await t.gql(ADJUST, { input: { memberId: memberA.member.id, points: 1000, reason: 'free points' } }, { token: memberA.token });
      expect(adjust.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const redeem = await t.gql(REDEEM, { input: { externalId: ext('X'), memberId: b.id, points: 1 } }, { token: memberA.token });
      expect(redeem.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const quoteOther = await t.gql(`mutation($input: QuoteCheckoutInput!) { quoteCheckout(input: $input) { __typename } }`, { input: { memberId: b.id, totalMinor: 100, currency: 'RUB' } }, { token: memberA.token });
      expect(quoteOther.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const quoteOwn = await t.gql(`mutation($input: QuoteCheckoutInput!) { quoteCheckout(input: $input) { ... on CheckoutQuote { availablePoints } } }`, { input: { memberId: memberA.member.id, totalMinor: 100_00, currency: 'RUB' } }, { token: memberA.token });
      expect(quoteOwn.body.data.quoteCheckout.availablePoints).toBe(50);
    });

    it('an analyst cannot adjust points or record purchases', async () => {
      await t.gql(`mutation { createStaffUser(input: { email: "analyst@test.local", password: "analyst-pass-1", role: ANALYST }) { __typename } }`, {}, { token: admin });
      const analyst = await t.signInStaff('analyst@test.local', 'analyst-pass-1');
      const m = await newMember(t, pos);
      const adjust = await t.gql(ADJUST, { input: { memberId: m.id, points: 10, reason: 'test' } }, { token: analyst });
      expect(adjust.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const res = await t.gql(RECORD_PURCHASE, { input: { externalId: ext('R'), totalMinor: 100, currency: 'RUB', channel: 'STORE' } }, { token: analyst });
      expect(res.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });
});

describe(`the maintenance schedule on ${dialect}`, () => {
  it('runs by itself: a pending lot whose return period has passed becomes available', async () => {
    const app = await createTestApp({ JOBS_INTERVAL_SECONDS: '1' });
    try {
      const { pos: key } = await loyaltySetup(app);
      await app.app.dataSource.manager.update(Program, { code: 'bonus' }, { pendingDays: 14 });
      const m = await newMember(app, key);
      const res = await app.gql(RECORD_PURCHASE, { input: { externalId: 'SCHED-1', memberExternalId: m.externalId, totalMinor: 300_00, currency: 'RUB', channel: 'APP' } }, { token: key });
      expect(res.body.data.recordPurchase.account).toMatchObject({ available: 0, pending: 300 });
      // Fourteen days pass.
      await app.app.dataSource.manager.update(PointLot, { state: 'pending' }, { availableAt: new Date(Date.now() - 1000) });
      let account = await app.app.dataSource.manager.findOneByOrFail(LoyaltyAccount, { memberId: m.dbId });
      for (let i = 0; i < 50 && account.available === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        account = await app.app.dataSource.manager.findOneByOrFail(LoyaltyAccount, { memberId: m.dbId });
      }
      expect([account.available, account.pending]).toEqual([300, 0]);
    } finally {
      await app.close();
    }
  });
});
