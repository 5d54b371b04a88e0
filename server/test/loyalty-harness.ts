import { expect } from 'vitest';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { PointLot } from '../src/ledger/point-lot.entity';
import type { TestApp } from './harness';

export const globalId = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString('base64');

export const RECORD_PURCHASE = `mutation($input: RecordPurchaseInput!) {
  recordPurchase(input: $input) {
    __typename
    ... on PurchaseRecorded { pointsEarned debtSettled replayed newTier { code } purchase { id totalMinor pointsEarned } account { available pending debt tier { code } } }
    ... on Error { code message }
    ... on ValidationError { fieldErrors { path message code } }
    ... on NotFoundError { entity }
  }
}`;
export const REFUND = `mutation($input: RefundPurchaseInput!) {
  refundPurchase(input: $input) {
    __typename
    ... on RefundRecorded { pointsReversed debtPoints replayed account { available pending debt } }
    ... on Error { code message }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;
export const REDEEM = `mutation($input: RedeemPointsInput!) {
  redeemPoints(input: $input) {
    __typename
    ... on PointsRedeemed { points valueMinor replayed account { available } }
    ... on InsufficientPointsError { available requested }
    ... on Error { code message }
  }
}`;
export const ADJUST = `mutation($input: AdjustPointsInput!) {
  adjustPoints(input: $input) {
    __typename
    ... on PointsAdjusted { replayed entry { kind points reason } account { available } }
    ... on InsufficientPointsError { available requested }
    ... on Error { code message }
  }
}`;
export const CREATE_MEMBER = `mutation($input: CreateMemberInput!) {
  createMember(input: $input) {
    __typename
    ... on MemberCreated { created member { id externalId email phone referralCode } }
    ... on Error { code message }
    ... on ValidationError { fieldErrors { path message } }
  }
}`;

/** An admin token and a POS API key with every scope the till needs. */
export async function loyaltySetup(t: TestApp) {
  const admin = await t.signInStaff();
  const key = await t.gql(
    `mutation { createApiKey(input: { name: "POS", scopes: [MEMBERS_READ, MEMBERS_WRITE, PURCHASES_WRITE, POINTS_REDEEM, POINTS_ADJUST] }) { ... on CreatedApiKey { secret } } }`,
    {},
    { token: admin },
  );
  const pos = key.body.data.createApiKey.secret as string;
  const program = await t.app.services.programs.create(t.app.dataSource.manager, { code: 'bonus', name: 'Bonus', isDefault: true });
  return { admin, pos, program };
}

/** Publishes a campaign that gives ten points on every purchase, as staff would draw it. */
export async function publishTenAVisit(t: TestApp, admin: string) {
  const graph = {
    nodes: [
      { id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } },
      { id: 'a', kind: 'action.awardPoints', params: { amount: 10 }, position: { x: 0, y: 0 } },
    ],
    edges: [{ id: 'e', source: 't', sourcePort: 'out', target: 'a' }],
  };
  const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, { input: { name: 'Ten a visit', graph } }, { token: admin });
  await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename } }`, { id: created.body.data.createCampaign.id }, { token: admin });
}

let memberSeq = 0;
export async function newMember(t: TestApp, pos: string, externalId = `M-${process.pid}-${++memberSeq}-${Math.random().toString(36).slice(2, 8)}`) {
  const res = await t.gql(CREATE_MEMBER, { input: { externalId, name: 'Test Member', email: `${externalId.toLowerCase()}@example.com` } }, { token: pos });
  const member = res.body.data.createMember.member;
  return { id: member.id as string, dbId: Number(Buffer.from(member.id, 'base64').toString().split(':')[1]), externalId };
}

/** Balance = sum of entries = sum of live lots, nothing negative. */
export async function expectLedgerInvariants(t: TestApp, memberId: number) {
  const em = t.app.dataSource.manager;
  for (const account of await em.find(LoyaltyAccount, { where: { memberId } })) {
    const entries = await em.find(LedgerEntry, { where: { accountId: account.id } });
    const lots = await em.find(PointLot, { where: { accountId: account.id } });
    const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
    expect(account.available).toBeGreaterThanOrEqual(0);
    expect(account.pending).toBeGreaterThanOrEqual(0);
    expect(account.debt).toBeGreaterThanOrEqual(0);
    expect(sum(entries.map((e) => e.availableChange))).toBe(account.available);
    expect(sum(entries.map((e) => e.pendingChange))).toBe(account.pending);
    expect(sum(entries.map((e) => e.debtChange))).toBe(account.debt);
    expect(sum(lots.filter((l) => l.state === 'available').map((l) => l.remaining))).toBe(account.available);
    expect(sum(lots.filter((l) => l.state === 'pending').map((l) => l.remaining))).toBe(account.pending);
    for (const lot of lots) expect(lot.remaining).toBeGreaterThanOrEqual(0);
    const last = entries.sort((a, b) => a.id - b.id).at(-1);
    if (last) expect([last.availableAfter, last.pendingAfter, last.debtAfter]).toEqual([account.available, account.pending, account.debt]);
  }
}
