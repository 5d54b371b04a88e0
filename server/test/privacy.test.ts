import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberCredential } from '../src/auth/member-credential.entity';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { Member } from '../src/members/member.entity';
import { MessageDelivery } from '../src/notifications/message-delivery.entity';
import { createTestApp, type TestApp } from './harness';
import { CREATE_MEMBER, expectLedgerInvariants, loyaltySetup, RECORD_PURCHASE, REDEEM } from './loyalty-harness';

const SIGN_UP = `mutation($input: MemberSignUpInput!) { memberSignUp(input: $input) { ... on MemberSession { token member { id } } } }`;
const SIGN_IN = `mutation($input: SignInInput!) { memberSignIn(input: $input) { __typename } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { __typename } }`;
const HISTORY = `query($id: ID!) { member(id: $id) { ... on Member { consentHistory { channel granted source recordedAt } } } }`;
const DELETE = `mutation($password: String!) { deleteMyAccount(password: $password) { __typename ... on AccountDeleted { deleted } ... on Error { code } } }`;
const ANONYMIZE = `mutation($id: ID!) { anonymizeMember(id: $id) { __typename ... on Member { status name email phone externalId } } }`;
const dbId = (id: string) => Number(Buffer.from(id, 'base64').toString().split(':')[1]);

describe('privacy: consent evidence, data export, anonymisation, retention', () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
  });
  afterAll(() => t.close());

  /** A member who signed up in the portal, bought twice at the till and spent some points. */
  async function shopper() {
    const email = `privacy-${++seq}@example.com`;
    const password = 'correct-horse-9';
    const signed = await t.gql(SIGN_UP, { input: { email, password, name: 'Ольга Смирнова' } });
    const { token, member } = signed.body.data.memberSignUp;
    await t.gql(UPDATE, { id: member.id, input: { phone: `+7916555${String(1000 + seq).slice(-4)}`, birthday: '1990-04-01', consentEmail: true } }, { token });
    for (const [i, total] of [150_00, 420_00].entries()) {
      const res = await t.gql(RECORD_PURCHASE, { input: { externalId: `PRIV-${seq}-${i}`, memberId: member.id, totalMinor: total, currency: 'RUB', channel: 'STORE', items: [{ sku: 'LATTE', name: 'Латте', category: 'coffee', quantity: 1, unitPriceMinor: total }] } }, { token: pos });
      expect(res.body.data.recordPurchase.__typename).toBe('PurchaseRecorded');
    }
    await t.gql(REDEEM, { input: { externalId: `PRIV-R-${seq}`, memberId: member.id, points: 100 } }, { token: pos });
    return { id: member.id as string, token: token as string, email, password };
  }

  it('records each consent with its time and source, visible to the member and staff', async () => {
    const created = await t.gql(CREATE_MEMBER, { input: { externalId: 'PRIV-C1', name: 'Consent', email: 'consent@example.com', consentEmail: true } }, { token: pos });
    const id = created.body.data.createMember.member.id;
    await t.gql(UPDATE, { id, input: { consentEmail: false, consentSms: true } }, { token: admin });
    // Sending the same values again is not a new consent.
    await t.gql(UPDATE, { id, input: { consentEmail: false, consentSms: true } }, { token: admin });
    const history = (await t.gql(HISTORY, { id }, { token: admin })).body.data.member.consentHistory;
    expect(history.map((r: any) => [r.channel, r.granted, r.source]).sort()).toEqual([
      ['email', false, 'staff'],
      ['email', true, 'api'],
      ['sms', true, 'staff'],
    ]);
    for (const r of history) expect(Number.isNaN(Date.parse(r.recordedAt))).toBe(false);
    const portal = await shopper();
    const own = (await t.gql(HISTORY, { id: portal.id }, { token: portal.token })).body.data.member.consentHistory;
    expect(own.map((r: any) => [r.channel, r.granted, r.source])).toEqual([['email', true, 'portal']]);
  });

  it('exports everything about the member as JSON, only to the member or admin/support', async () => {
    const a = await shopper();
    const b = await shopper();
    const res = await t.gql(`query { memberData }`, {}, { token: a.token });
    expect(res.body.errors).toBeUndefined();
    const data = res.body.data.memberData;
    expect(data.format).toBe('patron-member-data/1');
    expect(data.member).toMatchObject({ email: a.email, name: 'Ольга Смирнова', birthday: '1990-04-01' });
    expect(data.purchases).toHaveLength(2);
    expect(data.purchases[0].items[0]).toMatchObject({ sku: 'LATTE', name: 'Латте' });
    expect(data.ledger.map((e: any) => e.kind).sort()).toEqual(['earn', 'earn', 'redeem']);
    expect(data.consents).toHaveLength(1);
    // Another member gets nothing, not even whether the id exists.
    const other = await t.gql(`query($id: ID) { memberData(id: $id) }`, { id: a.id }, { token: b.token });
    expect(other.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const support = await t.gql(`query($id: ID) { memberData(id: $id) }`, { id: a.id }, { token: admin });
    expect(support.body.data.memberData.member.email).toBe(a.email);
    const key = await t.gql(`query($id: ID) { memberData(id: $id) }`, { id: a.id }, { token: pos });
    expect(key.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('anonymises the person and keeps the ledger sums; a second time changes nothing', async () => {
    const a = await shopper();
    const em = t.app.dataSource.manager;
    const before = await t.gql(`query($id: ID!) { member(id: $id) { ... on Member { account { available pending lifetimePoints lifetimeSpendMinor } } } }`, { id: a.id }, { token: admin });
    const entriesBefore = await em.count(LedgerEntry, { where: { memberId: dbId(a.id) } });
    const res = await t.gql(ANONYMIZE, { id: a.id }, { token: admin });
    expect(res.body.data.anonymizeMember).toEqual({ __typename: 'Member', status: 'ANONYMISED', name: '', email: null, phone: null, externalId: null });
    const after = await t.gql(`query($id: ID!) { member(id: $id) { ... on Member { birthday attributes consentEmail account { available pending lifetimePoints lifetimeSpendMinor } } } }`, { id: a.id }, { token: admin });
    expect(after.body.data.member).toMatchObject({ birthday: null, attributes: null, consentEmail: false, account: before.body.data.member.account });
    expect(await em.count(LedgerEntry, { where: { memberId: dbId(a.id) } })).toBe(entriesBefore);
    await expectLedgerInvariants(t, dbId(a.id));
    // The person can no longer sign in, and their open session is gone.
    expect(await em.count(MemberCredential, { where: { memberId: dbId(a.id) } })).toBe(0);
    expect((await t.gql(SIGN_IN, { input: { email: a.email, password: a.password } })).body.data.memberSignIn.__typename).toBe('InvalidCredentialsError');
    expect((await t.gql(`query { memberData }`, {}, { token: a.token })).body.errors?.[0].extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    // The withdrawal of consent is on record; nothing in the export still names the person.
    const exported = JSON.stringify((await t.gql(`query($id: ID) { memberData(id: $id) }`, { id: a.id }, { token: admin })).body.data.memberData);
    for (const secret of [a.email, 'Ольга', '1990-04-01', '+7916555']) expect(exported).not.toContain(secret);
    expect(exported).toContain('"source":"anonymisation"');
    const again = await t.gql(ANONYMIZE, { id: a.id }, { token: admin });
    expect(again.body.data.anonymizeMember.status).toBe('ANONYMISED');
    const marketer = await t.gql(ANONYMIZE, { id: a.id }, { token: pos });
    expect(marketer.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('exports and erases the engagement domains too: coupons, badges, messages…', async () => {
    const a = await shopper();
    const em = t.app.dataSource.manager;
    await em.insert(MessageDelivery, { channel: 'email', templateCode: 'welcome', locale: 'ru', memberId: dbId(a.id), recipient: a.email, subject: 'Здравствуйте, Ольга', body: 'Ольга, добро пожаловать', status: 'sent', createdAt: new Date() } as never);
    const exported = (await t.gql(`query { memberData }`, {}, { token: a.token })).body.data.memberData;
    for (const section of ['coupons', 'rewardRedemptions', 'referralsMade', 'referredBy', 'clubSubscriptions', 'clubPayments', 'badges', 'challengeProgress', 'offers', 'messages']) expect(exported).toHaveProperty(section);
    expect(exported.messages[0]).toMatchObject({ recipient: a.email, templateCode: 'welcome' });
    await t.gql(ANONYMIZE, { id: a.id }, { token: admin });
    const [message] = await em.find(MessageDelivery, { where: { memberId: dbId(a.id) } });
    expect(message).toMatchObject({ recipient: '', subject: '', body: '', templateCode: 'welcome', status: 'sent' });
  });

  it('a member deletes their own account only with the password', async () => {
    const a = await shopper();
    const wrong = await t.gql(DELETE, { password: 'not-my-password' }, { token: a.token });
    expect(wrong.body.data.deleteMyAccount).toEqual({ __typename: 'InvalidCredentialsError', code: 'INVALID_CREDENTIALS' });
    expect((await t.app.dataSource.manager.findOneByOrFail(Member, { id: dbId(a.id) })).status).toBe('active');
    const ok = await t.gql(DELETE, { password: a.password }, { token: a.token });
    expect(ok.body.data.deleteMyAccount).toEqual({ __typename: 'AccountDeleted', deleted: true });
    expect((await t.app.dataSource.manager.findOneByOrFail(Member, { id: dbId(a.id) })).status).toBe('anonymised');
    const replay = await t.gql(DELETE, { password: a.password }, { token: a.token });
    expect(replay.body.errors?.[0].extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });

  it('retention anonymises members inactive for longer than the setting, and only them', async () => {
    const em = t.app.dataSource.manager;
    const now = new Date();
    const old = await shopper();
    const recent = await shopper();
    const threeYearsAgo = new Date(now.getTime() - 3 * 365 * 86_400_000);
    await em.update(Member, dbId(old.id), { updatedAt: threeYearsAgo });
    await em.update(LoyaltyAccount, { memberId: dbId(old.id) }, { lastPurchaseAt: threeYearsAgo });
    expect(await t.app.services.privacy.anonymiseInactive(t.app.dataSource, 0, now)).toBe(0);
    await t.app.services.privacy.anonymiseInactive(t.app.dataSource, 2 * 365, now);
    expect((await em.findOneByOrFail(Member, { id: dbId(old.id) })).status).toBe('anonymised');
    expect((await em.findOneByOrFail(Member, { id: dbId(recent.id) })).status).toBe('active');
  });
});
