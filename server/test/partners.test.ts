import { In } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { Redemption } from '../src/ledger/redemption.entity';
import { Partner } from '../src/partners/partner.entity';
import { moneyFor } from '../src/partners/settlement';
import { seedPartners } from '../src/seed/partners';
import { Purchase } from '../src/purchases/purchase.entity';
import { Refund } from '../src/purchases/refund.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { ADJUST, expectLedgerInvariants, globalId, loyaltySetup, newMember, RECORD_PURCHASE as BRAND_RECORD, REDEEM as BRAND_REDEEM, REFUND as BRAND_REFUND } from './loyalty-harness';

const CREATE = `mutation($input: PartnerInput!) { createPartner(input: $input) { __typename ... on Partner { id code status earnPoints } ... on ValidationError { fieldErrors { path message } } ... on ConflictError { message } } }`;
const UPDATE = `mutation($id: ID!, $input: PartnerInput!) { updatePartner(id: $id, input: $input) { __typename ... on Partner { status } } }`;
const KEY = `mutation($id: ID!, $scopes: [ApiKeyScope!]!) { createPartnerApiKey(partnerId: $id, name: "till", scopes: $scopes) { __typename ... on CreatedPartnerApiKey { secret apiKey { partnerId scopes } } ... on ValidationError { fieldErrors { path message } } ... on NotFoundError { entity } } }`;
const FIGURES = 'pointsIssued pointsReversed pointsRedeemed netPointsIssued partnerOwesMinor coalitionOwesMinor netMinor';
const SETTLEMENT = `query($id: ID!, $from: DateTime!, $to: DateTime!) { partnerSettlement(partnerId: $id, from: $from, to: $to) {
  __typename ... on PartnerSettlement { currency ${FIGURES} months { month ${FIGURES} } } ... on ValidationError { fieldErrors { path message } } } }`;
const SETTLEMENTS = `query($id: ID!, $from: DateTime!, $to: DateTime!) { partnerSettlements(programId: $id, from: $from, to: $to) {
  __typename ... on PartnerSettlementsSuccess { data { partner { code } ${FIGURES} } } } }`;

// What a partner's till reads back: its receipt, not the member's account (that needs members:read).
const RECORD_PURCHASE = BRAND_RECORD.replace(' account { available pending debt tier { code } }', '');
const REDEEM = BRAND_REDEEM.replace(' account { available }', '');
const REFUND = BRAND_REFUND.replace(' account { available pending debt }', '');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const codeOf = (res: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) => res.body.errors?.[0]?.extensions?.code;

describe(`partner coalition on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let coalitionId: string;
  let bonusId: string;
  let seq = 0;

  const em = () => t.app.dataSource.manager;
  /** A partner in the coalition program with a key holding both partner scopes. */
  async function partner(input: Record<string, unknown> = {}) {
    const code = `p-${++seq}`;
    const created = await t.gql(CREATE, { input: { programId: coalitionId, code, name: code, kind: 'GYM', ...input } }, { token: admin });
    const id = created.body.data.createPartner.id as string;
    const key = await t.gql(KEY, { id, scopes: ['PURCHASES_WRITE', 'POINTS_REDEEM'] }, { token: admin });
    return { id, dbId: Number(Buffer.from(id, 'base64').toString().split(':')[1]), key: key.body.data.createPartnerApiKey.secret as string };
  }
  /** A member with an account in the coalition program (the brand gave them points there). */
  async function coalitionMember(points = 1000) {
    const m = await newMember(t, pos);
    await t.gql(ADJUST, { input: { memberId: m.id, programId: coalitionId, points, reason: 'coalition welcome' } }, { token: pos });
    return m;
  }
  const counts = async () => ({ entries: await em().count(LedgerEntry), purchases: await em().count(Purchase), refunds: await em().count(Refund), redemptions: await em().count(Redemption) });

  beforeAll(async () => {
    t = await createTestApp();
    const setup = await loyaltySetup(t);
    ({ admin, pos } = setup);
    bonusId = globalId('Program', setup.program.id);
    const coalition = await t.app.services.programs.create(em(), { code: 'coalition', name: 'Coalition' });
    coalitionId = globalId('Program', coalition.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets staff manage partners and refuses malformed ones with field errors', async () => {
    const create = async (input: Record<string, unknown>) => (await t.gql(CREATE, { input: { programId: coalitionId, code: 'fitlife', name: 'FitLife', kind: 'GYM', ...input } }, { token: admin })).body.data.createPartner;
    expect((await create({ code: 'Fit Life!' })).fieldErrors[0].path).toEqual(['input', 'code']);
    expect((await create({ issueRateMinor: -1 })).fieldErrors[0].path).toEqual(['input', 'issueRateMinor']);
    expect((await create({ ratePoints: 0 })).fieldErrors[0].path).toEqual(['input', 'ratePoints']);
    expect((await create({ earnPoints: 2 })).fieldErrors[0].message).toMatch(/together/);
    expect((await create({ contactEmail: 'not-an-email' })).fieldErrors[0].path).toEqual(['input', 'contactEmail']);
    expect((await t.gql(CREATE, { input: { programId: globalId('Program', 999_999), code: 'x', name: 'X' } }, { token: admin })).body.data.createPartner.__typename).toBe('NotFoundError');
    expect(await create({ contactEmail: 'club@fitlife.example' })).toMatchObject({ code: 'fitlife', status: 'ACTIVE' });
    expect((await create({})).__typename).toBe('ConflictError');

    // A partner's key holds only partner scopes; the secret is shown once and the key is listed on the partner.
    const { id } = (await t.gql(`query { partners(first: 10) { edges { node { id code } } } }`, {}, { token: admin })).body.data.partners.edges[0].node;
    const refused = await t.gql(KEY, { id, scopes: ['PURCHASES_WRITE', 'MEMBERS_READ'] }, { token: admin });
    expect(refused.body.data.createPartnerApiKey.__typename).toBe('ValidationError');
    expect((await t.gql(KEY, { id: globalId('Partner', 999_999), scopes: ['PURCHASES_WRITE'] }, { token: admin })).body.data.createPartnerApiKey.__typename).toBe('NotFoundError');
    const made = (await t.gql(KEY, { id, scopes: ['PURCHASES_WRITE', 'PURCHASES_WRITE'] }, { token: admin })).body.data.createPartnerApiKey;
    expect(made.secret).toMatch(/^pk_/);
    expect(made.apiKey.scopes).toEqual(['PURCHASES_WRITE']);
    const listed = await t.gql(`query($id: ID!) { node(id: $id) { ... on Partner { apiKeys { prefix partnerId } } } }`, { id }, { token: admin });
    expect(listed.body.data.node.apiKeys).toEqual([{ prefix: made.secret.slice(0, 10), partnerId: made.apiKey.partnerId }]);
    expect(JSON.stringify(listed.body)).not.toContain(made.secret);

    const cleared = await t.gql(`mutation($id: ID!) { updatePartner(id: $id, input: { earnPoints: 3, earnPerMinor: 100 }) { ... on Partner { earnPoints } } }`, { id }, { token: admin });
    expect(cleared.body.data.updatePartner.earnPoints).toBe(3);
  });

  it('binds a key to a partner only through createPartnerApiKey (which checks the partner and the scopes)', async () => {
    const res = await t.gql(`mutation { createApiKey(input: { name: "sneaky", scopes: [MEMBERS_READ], partnerId: 1 }) { __typename } }`, {}, { token: admin });
    expect(res.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it("records a partner's purchases and redemptions, attributed to it in its program, once per externalId", async () => {
    const gym = await partner({ earnPoints: 2, earnPerMinor: 100 });
    const m = await coalitionMember();
    const input = { externalId: `gym-${seq}-1`, memberId: m.id, totalMinor: 10_000, currency: 'RUB', channel: 'STORE' };
    const first = (await t.gql(RECORD_PURCHASE, { input }, { token: gym.key })).body.data.recordPurchase;
    expect(first).toMatchObject({ __typename: 'PurchaseRecorded', pointsEarned: 200, replayed: false });
    const purchase = await em().findOneByOrFail(Purchase, { externalId: input.externalId });
    expect(purchase).toMatchObject({ partnerId: gym.dbId, channel: 'partner', programId: Number(Buffer.from(coalitionId, 'base64').toString().split(':')[1]) });
    const earned = await em().find(LedgerEntry, { where: { purchaseId: purchase.id } });
    expect(earned.map((e) => [e.kind, e.partnerId, e.availableChange])).toEqual([['earn', gym.dbId, 200]]);

    // Replays, one after another and five at once, change nothing.
    const before = await counts();
    expect((await t.gql(RECORD_PURCHASE, { input }, { token: gym.key })).body.data.recordPurchase).toMatchObject({ replayed: true, pointsEarned: 200 });
    const burst = await Promise.all(Array.from({ length: 5 }, () => t.gql(RECORD_PURCHASE, { input }, { token: gym.key })));
    for (const res of burst) expect(res.body.data.recordPurchase.replayed).toBe(true);
    // The brand's own till cannot claim the partner's receipt id.
    expect((await t.gql(RECORD_PURCHASE, { input: { ...input, programId: coalitionId, channel: 'PARTNER' } }, { token: pos })).body.data.recordPurchase.__typename).toBe('ConflictError');
    expect(await counts()).toEqual(before);

    const redeem = { externalId: `gym-${seq}-r1`, memberId: m.id, points: 150 };
    const spent = (await t.gql(REDEEM, { input: redeem }, { token: gym.key })).body.data.redeemPoints;
    expect(spent).toMatchObject({ __typename: 'PointsRedeemed', points: 150, replayed: false });
    const redemption = await em().findOneByOrFail(Redemption, { externalId: redeem.externalId });
    expect(redemption.partnerId).toBe(gym.dbId);
    expect((await em().findOneByOrFail(LedgerEntry, { id: redemption.entryId })).partnerId).toBe(gym.dbId);
    const again = await Promise.all(Array.from({ length: 3 }, () => t.gql(REDEEM, { input: redeem }, { token: gym.key })));
    for (const res of again) expect(res.body.data.redeemPoints).toMatchObject({ points: 150, replayed: true });
    expect(await em().count(Redemption, { where: { partnerId: gym.dbId } })).toBe(1);

    // A partner lists only its own purchases.
    const listed = await t.gql(`query { purchases(first: 50) { edges { node { externalId channel partner { code } } } } }`, {}, { token: gym.key });
    expect(listed.body.data.purchases.edges).toEqual([{ node: { externalId: input.externalId, channel: 'PARTNER', partner: { code: `p-${seq}` } } }]);
    await expectLedgerInvariants(t, m.dbId);
  });

  it("refuses a partner's key outside its program and partner, with a typed error and nothing written", async () => {
    const gym = await partner();
    const wash = await partner({ kind: 'SERVICE_CENTRE' });
    const inCoalition = await coalitionMember();
    const outsider = await newMember(t, pos);
    await t.gql(RECORD_PURCHASE, { input: { externalId: `brand-${seq}`, memberId: outsider.id, totalMinor: 50_000, currency: 'RUB', channel: 'STORE' } }, { token: pos });
    const sale = { externalId: `gym-${seq}-sale`, memberId: inCoalition.id, totalMinor: 5_000, currency: 'RUB', channel: 'STORE' };
    expect((await t.gql(RECORD_PURCHASE, { input: sale }, { token: gym.key })).body.data.recordPurchase.__typename).toBe('PurchaseRecorded');

    const before = await counts();
    const forbidden = [
      await t.gql(REDEEM, { input: { externalId: 'x-1', memberId: outsider.id, points: 10 } }, { token: gym.key }),
      await t.gql(REDEEM, { input: { externalId: 'x-2', memberId: inCoalition.id, programId: bonusId, points: 10 } }, { token: gym.key }),
      await t.gql(RECORD_PURCHASE, { input: { ...sale, externalId: 'x-3', memberId: outsider.id } }, { token: gym.key }),
      await t.gql(RECORD_PURCHASE, { input: { ...sale, externalId: 'x-4', memberId: null, memberExternalId: outsider.externalId } }, { token: gym.key }),
      await t.gql(RECORD_PURCHASE, { input: { ...sale, externalId: 'x-5', memberId: null, programId: bonusId } }, { token: gym.key }),
      await t.gql(RECORD_PURCHASE, { input: { ...sale, externalId: 'x-6', memberId: globalId('Member', 999_999) } }, { token: gym.key }),
      // The brand's own fields stay closed to a partner, whatever its scopes.
      await t.gql(ADJUST, { input: { memberId: inCoalition.id, points: 10, reason: 'free points' } }, { token: gym.key }),
      await t.gql(`query { members(first: 5) { edges { node { id } } } }`, {}, { token: gym.key }),
      await t.gql(`mutation($m: ID!) { quoteCheckout(input: { memberId: $m, totalMinor: 100, currency: "RUB" }) { __typename } }`, { m: inCoalition.id }, { token: gym.key }),
    ];
    for (const res of forbidden) expect(codeOf(res)).toBe('FORBIDDEN');

    // Another partner cannot refund the gym's purchase, nor replay its receipt id.
    const refund = await t.gql(REFUND, { input: { externalId: 'wash-refund', purchaseExternalId: sale.externalId, amountMinor: 1000 } }, { token: wash.key });
    expect(refund.body.data.refundPurchase).toMatchObject({ __typename: 'NotFoundError' });
    expect((await t.gql(RECORD_PURCHASE, { input: sale }, { token: wash.key })).body.data.recordPurchase.__typename).toBe('ConflictError');
    expect(await counts()).toEqual(before);

    // Nor read the gym's settlement, the program's, or the gym itself.
    const period = { from: iso(Date.now() - DAY), to: iso(Date.now() + DAY) };
    expect(codeOf(await t.gql(SETTLEMENT, { id: gym.id, ...period }, { token: wash.key }))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(SETTLEMENTS, { id: coalitionId, ...period }, { token: wash.key }))).toBe('FORBIDDEN');
    expect((await t.gql(`query($id: ID!) { node(id: $id) { ... on Partner { code } } }`, { id: gym.id }, { token: wash.key })).body.data.node).toBeNull();
    expect((await t.gql(SETTLEMENT, { id: wash.id, ...period }, { token: wash.key })).body.data.partnerSettlement).toMatchObject({ pointsIssued: 0, netMinor: 0 });
    await expectLedgerInvariants(t, outsider.dbId);
  });

  it("refuses a suspended partner's keys until it is active again", async () => {
    const gym = await partner();
    const m = await coalitionMember();
    const sale = { externalId: `gym-${seq}-s`, memberId: m.id, totalMinor: 1_000, currency: 'RUB', channel: 'STORE' };
    expect((await t.gql(UPDATE, { id: gym.id, input: { status: 'SUSPENDED' } }, { token: admin })).body.data.updatePartner.status).toBe('SUSPENDED');
    const before = await counts();
    expect(codeOf(await t.gql(RECORD_PURCHASE, { input: sale }, { token: gym.key }))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(REDEEM, { input: { externalId: `gym-${seq}-sr`, memberId: m.id, points: 1 } }, { token: gym.key }))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(SETTLEMENT, { id: gym.id, from: iso(0), to: iso(DAY) }, { token: gym.key }))).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
    await t.gql(UPDATE, { id: gym.id, input: { status: 'ACTIVE' } }, { token: admin });
    expect((await t.gql(RECORD_PURCHASE, { input: sale }, { token: gym.key })).body.data.recordPurchase.__typename).toBe('PurchaseRecorded');
  });

  it('settles a period: points issued, reversed by refunds and redeemed, and the money each side owes', async () => {
    // 35 kopecks per 100 points issued; 80 kopecks per 100 points redeemed.
    const gym = await partner({ earnPoints: 2, earnPerMinor: 100, issueRateMinor: 35, redeemRateMinor: 80, ratePoints: 100 });
    const wash = await partner({ kind: 'SERVICE_CENTRE', issueRateMinor: 50, redeemRateMinor: 90 });
    const m = await coalitionMember();
    const now = Date.now();
    const buy = (key: string, externalId: string, totalMinor: number, occurredAt?: string) =>
      t.gql(RECORD_PURCHASE, { input: { externalId, memberId: m.id, totalMinor, currency: 'RUB', channel: 'STORE', occurredAt } }, { token: key });
    await buy(gym.key, `g-${seq}-old`, 1_000, iso(now - 40 * DAY)); // 20 points, a month or more earlier
    await buy(gym.key, `g-${seq}-1`, 10_000); // 200 points
    await buy(gym.key, `g-${seq}-2`, 2_500); // 50 points
    const refunded = (await t.gql(REFUND, { input: { externalId: `g-${seq}-1-r`, purchaseExternalId: `g-${seq}-1`, amountMinor: 5_000 } }, { token: gym.key })).body.data.refundPurchase;
    expect(refunded.pointsReversed + refunded.debtPoints).toBe(100);
    await t.gql(REDEEM, { input: { externalId: `g-${seq}-r`, memberId: m.id, points: 150 } }, { token: gym.key });
    await buy(wash.key, `w-${seq}-1`, 3_000); // 30 points at the program's rate
    await t.gql(REDEEM, { input: { externalId: `w-${seq}-r`, memberId: m.id, points: 10 } }, { token: wash.key });
    // The brand's own sale in the coalition program is nobody's to settle.
    await t.gql(RECORD_PURCHASE, { input: { externalId: `brand-${seq}-c`, memberId: m.id, programId: coalitionId, totalMinor: 9_900, currency: 'RUB', channel: 'STORE' } }, { token: pos });

    const recent = { from: iso(now - DAY), to: iso(now + DAY) };
    const gymRecent = (await t.gql(SETTLEMENT, { id: gym.id, ...recent }, { token: gym.key })).body.data.partnerSettlement;
    // 150 net points × 35 / 100 = 52.5 → 53 (half away from zero); 150 × 80 / 100 = 120.
    const figures = { pointsIssued: 250, pointsReversed: 100, pointsRedeemed: 150, netPointsIssued: 150, partnerOwesMinor: 53, coalitionOwesMinor: 120, netMinor: -67 };
    expect(gymRecent).toMatchObject({ __typename: 'PartnerSettlement', currency: 'RUB', ...figures });
    expect(gymRecent.months).toEqual([{ month: new Date(now).toISOString().slice(0, 7), ...figures }]);

    const wide = { from: iso(now - 60 * DAY), to: iso(now + DAY) };
    const gymWide = (await t.gql(SETTLEMENT, { id: gym.id, ...wide }, { token: admin })).body.data.partnerSettlement;
    // 170 × 35 / 100 = 59.5 → 60; each month is rounded on its own.
    expect(gymWide).toMatchObject({ pointsIssued: 270, netPointsIssued: 170, partnerOwesMinor: 60, netMinor: -60 });
    expect(gymWide.months).toHaveLength(2);
    expect(gymWide.months[0]).toMatchObject({ pointsIssued: 20, partnerOwesMinor: 7 });

    // The ledger says the same, entry by entry.
    const entries = await em().find(LedgerEntry, { where: { partnerId: gym.dbId } });
    expect(entries.map((e) => e.kind).sort()).toEqual(['earn', 'earn', 'earn', 'redeem', 'reverse']);

    const all = (await t.gql(SETTLEMENTS, { id: coalitionId, ...recent }, { token: admin })).body.data.partnerSettlements.data;
    const byCode = Object.fromEntries(all.map((s: { partner: { code: string } }) => [s.partner.code, s]));
    expect(byCode[`p-${seq - 1}`]).toMatchObject(figures);
    expect(byCode[`p-${seq}`]).toMatchObject({ pointsIssued: 30, pointsRedeemed: 10, partnerOwesMinor: 1_500, coalitionOwesMinor: 900, netMinor: 600 });

    const bad = await t.gql(SETTLEMENT, { id: gym.id, from: recent.to, to: recent.from }, { token: admin });
    expect(bad.body.data.partnerSettlement.fieldErrors[0].path).toEqual(['to']);
    expect((await t.gql(SETTLEMENT, { id: gym.id, from: iso(0), to: iso(now) }, { token: admin })).body.data.partnerSettlement.fieldErrors[0].message).toMatch(/three years/);
    await expectLedgerInvariants(t, m.dbId);
  });

  it('seeds FitLife and «Блеск» with keys, sales and redemptions that the settlement report shows', async () => {
    const program = await t.app.services.programs.create(em(), { code: 'demo-like', name: 'Demo' });
    for (let i = 0; i < 12; i++) {
      const m = await newMember(t, pos);
      await t.gql(BRAND_RECORD, { input: { externalId: `demo-${i}`, memberId: m.id, programId: globalId('Program', program.id), totalMinor: 60_000, currency: 'RUB', channel: 'STORE' } }, { token: pos });
    }
    const seeded = await seedPartners(t.app.dataSource, t.app.services, program.id);
    expect(seeded).toMatchObject({ partners: 2 });
    expect(seeded.redemptions).toBeGreaterThan(0);
    const period = { from: iso(Date.now() - 120 * DAY), to: iso(Date.now() + DAY) };
    const all = (await t.gql(SETTLEMENTS, { id: globalId('Program', program.id), ...period }, { token: admin })).body.data.partnerSettlements.data;
    expect(all.map((s: { partner: { code: string } }) => s.partner.code)).toEqual(['fitlife', 'blesk']);
    for (const s of all) expect(s.pointsIssued).toBeGreaterThan(0);
    expect(all[0].pointsReversed).toBeGreaterThan(0);
    expect(all.reduce((sum: number, s: { pointsRedeemed: number }) => sum + s.pointsRedeemed, 0)).toBeGreaterThan(0);
  });

  it('spends a balance once when two partners redeem it at the same moment', async () => {
    const gym = await partner();
    const wash = await partner();
    const m = await coalitionMember(300);
    const [a, b] = await Promise.all([
      t.gql(REDEEM, { input: { externalId: `race-${seq}-a`, memberId: m.id, points: 200 } }, { token: gym.key }),
      t.gql(REDEEM, { input: { externalId: `race-${seq}-b`, memberId: m.id, points: 200 } }, { token: wash.key }),
    ]);
    expect([a.body.data.redeemPoints.__typename, b.body.data.redeemPoints.__typename].sort()).toEqual(['InsufficientPointsError', 'PointsRedeemed']);
    expect(await em().count(Redemption, { where: { partnerId: In([gym.dbId, wash.dbId]) } })).toBe(1);
    await expectLedgerInvariants(t, m.dbId);
  });

  it("counts the brand's refund of a partner's sale against the partner", async () => {
    const gym = await partner({ issueRateMinor: 100 });
    const m = await coalitionMember();
    await t.gql(RECORD_PURCHASE, { input: { externalId: `gym-${seq}-x`, memberId: m.id, totalMinor: 4_000, currency: 'RUB', channel: 'STORE' } }, { token: gym.key });
    await t.gql(REFUND, { input: { externalId: `gym-${seq}-x-r`, purchaseExternalId: `gym-${seq}-x`, amountMinor: 1_000 } }, { token: pos });
    const s = (await t.gql(SETTLEMENT, { id: gym.id, from: iso(Date.now() - DAY), to: iso(Date.now() + DAY) }, { token: admin })).body.data.partnerSettlement;
    expect(s).toMatchObject({ pointsIssued: 40, pointsReversed: 10, partnerOwesMinor: 3_000 });
  });

  it('lists partners with their keys in the same number of statements for 2 or 10', async () => {
    const list = `query($n: Int!) { partners(first: $n) { edges { node { code program { code } apiKeys { prefix } } } } }`;
    while ((await em().count(Partner)) < 10) await partner();
    const two = await t.gql(list, { n: 2 }, { token: admin });
    const ten = await t.gql(list, { n: 10 }, { token: admin });
    expect(ten.body.data.partners.edges).toHaveLength(10);
    expect(ten.statements).toBe(two.statements);
  });

  it('rounds money half away from zero, in integers', () => {
    expect(moneyFor(150, 35, 100)).toBe(53);
    expect(moneyFor(149, 35, 100)).toBe(52);
    expect(moneyFor(-150, 35, 100)).toBe(-53);
    expect(moneyFor(0, 35, 100)).toBe(0);
    expect(moneyFor(1, 1, 3)).toBe(0);
    expect(moneyFor(2, 1, 3)).toBe(1);
    expect(moneyFor(2_000_000_000, 1_000_000, 1)).toBe(2_000_000_000_000_000);
  });
});
