import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Referral } from '../src/referrals/referral.entity';
import { seedReferrals } from '../src/seed/referrals';
import { createTestApp, dialect, type TestApp } from './harness';
import { CREATE_MEMBER, expectLedgerInvariants, globalId, loyaltySetup, RECORD_PURCHASE, REFUND } from './loyalty-harness';

const SIGN_UP = `mutation($input: MemberSignUpInput!) { memberSignUp(input: $input) {
  __typename ... on MemberSession { token member { id referralCode } } ... on ValidationError { fieldErrors { path message code } } ... on Error { code message } } }`;
const TERMS = `mutation($input: ReferralTermsInput!) { updateReferralTerms(input: $input) {
  __typename ... on ReferralTerms { minPurchaseMinor windowDays monthlyCap } ... on ValidationError { fieldErrors { path message } } } }`;
const STAFF_LIST = `query($status: ReferralStatus, $first: Int) { referrals(status: $status, first: $first) {
  counts { pending qualified rejected total }
  edges { node { id status rejectReason refereeName referrerName referee { externalId } referrer { referrals { status } referredBy { status } } } } } }`;

const node = (id: string, kind: string, params: Record<string, unknown>) => ({ id, kind, params, position: { x: 0, y: 0 } });
const dbId = (globalIdValue: string) => Number(Buffer.from(globalIdValue, 'base64').toString().split(':')[1]);

describe(`referrals on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let seq = 0;
  const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}`;

  async function createMember(input: Record<string, unknown>) {
    const res = await t.gql(CREATE_MEMBER, { input: { externalId: unique('R'), name: 'Анна Иванова', ...input } }, { token: pos });
    return res.body.data.createMember;
  }
  async function member(input: Record<string, unknown> = {}) {
    const result = await createMember(input);
    expect(result.__typename, JSON.stringify(result)).toBe('MemberCreated');
    return { id: result.member.id as string, dbId: dbId(result.member.id), externalId: result.member.externalId as string, code: result.member.referralCode as string };
  }
  const buy = (memberId: string, totalMinor: number, externalId = unique('P')) =>
    t.gql(RECORD_PURCHASE, { input: { externalId, memberId, totalMinor, currency: 'RUB', channel: 'STORE' } }, { token: pos }).then((r) => ({ externalId, result: r.body.data.recordPurchase }));
  const referralPoints = async (memberId: number) => {
    const rows = await t.app.dataSource.query(`SELECT COALESCE(SUM(availableChange + pendingChange), 0) AS p, COUNT(*) AS n FROM ledger_entries WHERE memberId = ? AND source = 'campaign'`, [memberId]);
    return { points: Number(rows[0].p), entries: Number(rows[0].n) };
  };
  const referralOf = (refereeId: number) => t.app.dataSource.manager.find(Referral, { where: { refereeId }, order: { id: 'ASC' } });

  beforeAll(async () => {
    t = await createTestApp({ SIGNIN_RATE_LIMIT: '100' });
    ({ admin, pos } = await loyaltySetup(t));
    expect((await t.gql(TERMS, { input: { minPurchaseMinor: 1000_00 } }, { token: admin })).body.data.updateReferralTerms).toEqual({ __typename: 'ReferralTerms', minPurchaseMinor: 1000_00, windowDays: null, monthlyCap: null });
    const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { __typename ... on Campaign { id } } }`, {
      input: {
        name: 'Приведи друга',
        graph: {
          nodes: [node('referrer', 'trigger.referral', { role: 'referrer' }), node('r500', 'action.awardPoints', { amount: 500 }), node('referee', 'trigger.referral', { role: 'referee' }), node('f300', 'action.awardPoints', { amount: 300 })],
          edges: [
            { id: 'e1', source: 'referrer', sourcePort: 'out', target: 'r500' },
            { id: 'e2', source: 'referee', sourcePort: 'out', target: 'f300' },
          ],
        },
      },
    }, { token: admin });
    const published = await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename } }`, { id: created.body.data.createCampaign.id }, { token: admin });
    expect(published.body.data.publishCampaign.__typename).toBe('Campaign');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('qualifies a friend on the first purchase above the threshold and rewards both sides once', async () => {
    const referrer = await member({ email: `${unique('a')}@example.com` });
    // The code as a person types it: lower case, with spaces.
    const signUp = await t.gql(SIGN_UP, { input: { email: `${unique('friend')}@example.com`, password: 'friend-password', name: 'Борис Петров', referralCode: `  ${referrer.code.toLowerCase()} ` } });
    expect(signUp.body.data.memberSignUp.__typename).toBe('MemberSession');
    const friend = dbId(signUp.body.data.memberSignUp.member.id);
    expect((await referralOf(friend)).map((r) => [r.referrerId, r.status])).toEqual([[referrer.dbId, 'pending']]);

    // Below the threshold: still pending, nobody rewarded.
    await buy(signUp.body.data.memberSignUp.member.id, 999_99);
    expect((await referralOf(friend))[0].status).toBe('pending');
    expect(await referralPoints(referrer.dbId)).toEqual({ points: 0, entries: 0 });

    const qualifying = await buy(signUp.body.data.memberSignUp.member.id, 1500_00);
    expect(qualifying.result.__typename).toBe('PurchaseRecorded');
    const [referral] = await referralOf(friend);
    expect(referral).toMatchObject({ status: 'qualified', rejectReason: null });
    expect(referral.qualifiedAt).toBeInstanceOf(Date);
    expect(await referralPoints(referrer.dbId)).toEqual({ points: 500, entries: 1 });
    expect(await referralPoints(friend)).toEqual({ points: 300, entries: 1 });

    // Another big purchase and a refund of the qualifying one change nothing: qualified once, for good.
    await buy(signUp.body.data.memberSignUp.member.id, 5000_00);
    const refund = await t.gql(REFUND, { input: { externalId: unique('RF'), purchaseExternalId: qualifying.externalId, amountMinor: 1500_00 } }, { token: pos });
    expect(refund.body.data.refundPurchase.__typename).toBe('RefundRecorded');
    expect((await referralOf(friend))[0].status).toBe('qualified');
    expect(await referralPoints(referrer.dbId)).toEqual({ points: 500, entries: 1 });
    expect(await referralPoints(friend)).toEqual({ points: 300, entries: 1 });
    await expectLedgerInvariants(t, referrer.dbId);
    await expectLedgerInvariants(t, friend);
  });

  it('qualifies once and rewards once when two qualifying purchases arrive at once', async () => {
    const referrer = await member();
    const friend = await member({ referralCode: referrer.code });
    const results = await Promise.all([buy(friend.id, 2000_00), buy(friend.id, 3000_00), buy(friend.id, 4000_00)]);
    expect(results.map((r) => r.result.__typename)).toEqual(['PurchaseRecorded', 'PurchaseRecorded', 'PurchaseRecorded']);
    const referrals = await referralOf(friend.dbId);
    expect(referrals.map((r) => r.status)).toEqual(['qualified']);
    expect(await referralPoints(referrer.dbId)).toEqual({ points: 500, entries: 1 });
    expect(await referralPoints(friend.dbId)).toEqual({ points: 300, entries: 1 });
    await expectLedgerInvariants(t, referrer.dbId);
  });

  it('refuses unknown and malformed codes with a field error and creates nothing', async () => {
    const count = async () => Number((await t.app.dataSource.query(`SELECT (SELECT COUNT(*) FROM members) + (SELECT COUNT(*) FROM member_credentials) AS n`))[0].n);
    const before = await count();
    for (const code of ['ZZZZ9999', '<script>', "' OR 1=1 --", 'x'.repeat(5000), 'АБВГ1234']) {
      const created = await createMember({ referralCode: code });
      expect(created.__typename, code).toBe('ValidationError');
      expect(created.fieldErrors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(['input.referralCode']);
      const signUp = await t.gql(SIGN_UP, { input: { email: `${unique('bad')}@example.com`, password: 'friend-password', referralCode: code } });
      expect(signUp.body.data.memberSignUp.fieldErrors[0].path).toEqual(['input', 'referralCode']);
    }
    expect(await count()).toBe(before);
    // A suspended referrer's code no longer works either.
    const suspended = await member();
    await t.gql(`mutation($id: ID!) { updateMember(id: $id, input: { status: SUSPENDED }) { __typename } }`, { id: suspended.id }, { token: admin });
    expect((await createMember({ referralCode: suspended.code })).__typename).toBe('ValidationError');
    // An empty code is no code.
    const plain = await member({ referralCode: '  ' });
    expect(await referralOf(plain.dbId)).toEqual([]);
  });

  it('rejects self-referrals, shared identities, second referrals and shoppers, and rewards none of them', async () => {
    const email = `${unique('anna')}@example.com`;
    const referrer = await member({ email, phone: '+7 916 555-00-11' });
    const other = await member();
    const bystander = await member({ phone: '+7 903 777-88-99' });
    const sameEmail = await member({ email: `  ${email.toUpperCase()} `, referralCode: referrer.code });
    const taggedEmail = await member({ email: email.replace('@', '+friend@'), referralCode: referrer.code });
    const samePhone = await member({ phone: '+7 (916) 5550011', referralCode: referrer.code });
    const reused = await member({ phone: '+79037778899', referralCode: referrer.code });
    // A member already referred by someone, sent again (same profile) with another code.
    const referred = await member({ email: `${unique('b')}@example.com`, referralCode: other.code });
    const again = await t.gql(CREATE_MEMBER, { input: { externalId: referred.externalId, name: 'Анна Иванова', email: (await t.app.dataSource.query(`SELECT email FROM members WHERE id = ?`, [referred.dbId]))[0].email, referralCode: referrer.code } }, { token: pos });
    expect(again.body.data.createMember).toMatchObject({ __typename: 'MemberCreated', created: false });
    // A customer who already shops, and the referrer with their own code.
    const shopper = await member();
    await buy(shopper.id, 100_00);
    await t.gql(CREATE_MEMBER, { input: { externalId: shopper.externalId, name: 'Анна Иванова', referralCode: referrer.code } }, { token: pos });
    const self = await t.gql(CREATE_MEMBER, { input: { externalId: referrer.externalId, name: 'Анна Иванова', email, phone: '+79165550011', referralCode: referrer.code } }, { token: pos });
    expect(self.body.data.createMember.__typename).toBe('MemberCreated');

    const reasons = async (refereeId: number) => (await referralOf(refereeId)).map((r) => `${r.status}:${r.rejectReason ?? ''}`);
    expect(await reasons(sameEmail.dbId)).toEqual(['rejected:same_email']);
    expect(await reasons(taggedEmail.dbId)).toEqual(['rejected:same_email']);
    expect(await reasons(samePhone.dbId)).toEqual(['rejected:same_phone']);
    expect(await reasons(reused.dbId)).toEqual(['rejected:identity_reused']);
    expect(await reasons(referred.dbId)).toEqual(['pending:', 'rejected:already_referred']);
    expect(await reasons(shopper.dbId)).toEqual(['rejected:has_purchases']);
    expect(await reasons(referrer.dbId)).toEqual(['rejected:self_referral']);
    expect(await reasons(bystander.dbId)).toEqual([]);

    // Replaying the same pair records nothing new.
    await t.gql(CREATE_MEMBER, { input: { externalId: shopper.externalId, name: 'Анна Иванова', referralCode: referrer.code } }, { token: pos });
    expect(await reasons(shopper.dbId)).toEqual(['rejected:has_purchases']);

    for (const friend of [sameEmail, taggedEmail, samePhone, reused, shopper]) await buy(friend.id, 5000_00);
    expect(await referralPoints(referrer.dbId)).toEqual({ points: 0, entries: 0 });
    for (const friend of [sameEmail, taggedEmail, samePhone, reused, shopper]) expect(await referralPoints(friend.dbId)).toEqual({ points: 0, entries: 0 });

    // Staff see the attempts with their reasons.
    const list = await t.gql(STAFF_LIST, { status: 'REJECTED', first: 50 }, { token: admin });
    const rows = list.body.data.referrals.edges.map((e: { node: { rejectReason: string; referee: { externalId: string } } }) => [e.node.referee.externalId, e.node.rejectReason]);
    expect(rows).toContainEqual([samePhone.externalId, 'SAME_PHONE']);
    expect(rows).toContainEqual([referrer.externalId, 'SELF_REFERRAL']);
    expect(list.body.data.referrals.counts.rejected).toBe(rows.length);
  });

  it('caps referrals per referrer per month when the program says so', async () => {
    const referrer = await member();
    expect((await t.gql(TERMS, { input: { monthlyCap: 1 } }, { token: admin })).body.data.updateReferralTerms.monthlyCap).toBe(1);
    try {
      const first = await member({ referralCode: referrer.code });
      const second = await member({ referralCode: referrer.code });
      expect((await referralOf(first.dbId))[0].status).toBe('pending');
      expect((await referralOf(second.dbId))[0]).toMatchObject({ status: 'rejected', rejectReason: 'monthly_cap' });
    } finally {
      expect((await t.gql(TERMS, { input: { monthlyCap: null } }, { token: admin })).body.data.updateReferralTerms.monthlyCap).toBeNull();
    }
  });

  it('does not qualify a purchase made after the window', async () => {
    const referrer = await member();
    const friend = await member({ referralCode: referrer.code });
    await t.gql(TERMS, { input: { windowDays: 7 } }, { token: admin });
    try {
      await t.app.dataSource.manager.update(Referral, { refereeId: friend.dbId }, { createdAt: new Date(Date.now() - 10 * 86_400_000) });
      await buy(friend.id, 5000_00);
      expect((await referralOf(friend.dbId))[0].status).toBe('pending');
      expect(await referralPoints(referrer.dbId)).toEqual({ points: 0, entries: 0 });
    } finally {
      await t.gql(TERMS, { input: { windowDays: null } }, { token: admin });
    }
  });

  it('validates the terms and lets only admins and marketers change them', async () => {
    const bad = await t.gql(TERMS, { input: { minPurchaseMinor: -1, windowDays: 0, monthlyCap: 100_000 } }, { token: admin });
    expect(bad.body.data.updateReferralTerms.fieldErrors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual(['input.minPurchaseMinor', 'input.monthlyCap', 'input.windowDays']);
    const read = await t.gql(`{ referralTerms { __typename ... on ReferralTerms { minPurchaseMinor windowDays monthlyCap } } }`, {}, { token: admin });
    expect(read.body.data.referralTerms).toEqual({ __typename: 'ReferralTerms', minPurchaseMinor: 1000_00, windowDays: null, monthlyCap: null });
    // Three first edits of another program's terms at once: one row, no error.
    const other = await t.app.services.programs.create(t.app.dataSource.manager, { code: 'second', name: 'Second' });
    const edits = await Promise.all([100, 200, 300].map((minPurchaseMinor) => t.gql(TERMS, { input: { programId: globalId('Program', other.id), minPurchaseMinor } }, { token: admin })));
    expect(edits.map((e) => e.body.data?.updateReferralTerms.__typename)).toEqual(['ReferralTerms', 'ReferralTerms', 'ReferralTerms']);
    expect(Number((await t.app.dataSource.query(`SELECT COUNT(*) AS n FROM referral_terms WHERE programId = ?`, [other.id]))[0].n)).toBe(1);
    const denied = await t.gql(TERMS, { input: { minPurchaseMinor: 0 } }, { token: pos });
    expect(denied.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it("shows a member their own referrals and link, masked, and never another member's", async () => {
    const a = await t.gql(SIGN_UP, { input: { email: `${unique('a')}@example.com`, password: 'member-password', name: 'Анна Иванова' } });
    const b = await t.gql(SIGN_UP, { input: { email: `${unique('b')}@example.com`, password: 'member-password', name: 'Вера Смирнова' } });
    const aSession = a.body.data.memberSignUp;
    const bSession = b.body.data.memberSignUp;
    const friend = await t.gql(SIGN_UP, { input: { email: `${unique('f')}@example.com`, password: 'member-password', name: 'Борис  петров', referralCode: aSession.member.referralCode } });
    const friendSession = friend.body.data.memberSignUp;
    const MINE = `query($id: ID!) { member(id: $id) { referralLink referrals { id status rejectReason refereeName referrerName createdAt qualifiedAt } referredBy { status } } }`;
    const mine = await t.gql(MINE, { id: aSession.member.id }, { token: aSession.token });
    expect(mine.body.errors).toBeUndefined();
    expect(mine.body.data.member).toMatchObject({ referralLink: `/join?ref=${aSession.member.referralCode}`, referredBy: null });
    expect(mine.body.data.member.referrals).toMatchObject([{ status: 'PENDING', rejectReason: null, refereeName: 'Борис П.', referrerName: 'Анна И.', qualifiedAt: null }]);
    const referralId = mine.body.data.member.referrals[0].id;

    const tooMany = await t.gql(`query($id: ID!) { member(id: $id) { referrals(first: 1000) { status } } }`, { id: aSession.member.id }, { token: aSession.token });
    expect(tooMany.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const theirs = await t.gql(MINE, { id: aSession.member.id }, { token: bSession.token });
    expect(theirs.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const byNode = await t.gql(`query($id: ID!) { node(id: $id) { ... on Referral { status refereeName } } }`, { id: referralId }, { token: bSession.token });
    expect(byNode.body.data?.node ?? null).toBeNull();
    expect(JSON.stringify(byNode.body)).not.toContain('Борис');

    // The friend sees who invited them, masked, but not the referrer's record.
    const theirSide = await t.gql(`query($id: ID!) { member(id: $id) { referredBy { status referrerName } } }`, { id: friendSession.member.id }, { token: friendSession.token });
    expect(theirSide.body.data.member.referredBy).toEqual({ status: 'PENDING', referrerName: 'Анна И.' });
    const record = await t.gql(`query($id: ID!) { member(id: $id) { referredBy { referrer { email } } } }`, { id: friendSession.member.id }, { token: friendSession.token });
    expect(record.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(JSON.stringify(record.body.data ?? {})).not.toContain('@example.com');
  });

  it('answers the staff list with the same number of SQL statements for 2 or 12 referrals', async () => {
    const statements = async (first: number) => {
      const res = await t.gql(STAFF_LIST, { first }, { token: admin });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.referrals.edges.length).toBe(first);
      return res.statements;
    };
    expect(await statements(12)).toBe(await statements(2));
  });

  it('gives a relative link without PUBLIC_URL and an absolute one with it', async () => {
    expect(t.app.services.referrals.linkFor('ABCD2345')).toBe('/join?ref=ABCD2345');
    const other = await createTestApp({ PUBLIC_URL: 'https://club.example.com/' });
    try {
      expect(other.app.services.referrals.linkFor('ABCD2345')).toBe('https://club.example.com/join?ref=ABCD2345');
    } finally {
      await other.close();
    }
  });

  it('keeps referral ids opaque: a Referral id of nothing is null', async () => {
    const res = await t.gql(`query($id: ID!) { node(id: $id) { ... on Referral { status } } }`, { id: globalId('Referral', 2 ** 40) }, { token: admin });
    expect(res.body.data.node).toBeNull();
  });
});

describe(`the demo's referrals on ${dialect}`, () => {
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
  });

  it('seeds Anna with one qualified friend (both rewarded by "Приведи друга") and one pending', async () => {
    t = await createTestApp();
    const { admin, pos } = await loyaltySetup(t);
    const anna = await t.gql(CREATE_MEMBER, { input: { externalId: 'CRM-1000', name: 'Анна Иванова', email: 'anna@demo.patron.local' } }, { token: pos });
    const annaId = dbId(anna.body.data.createMember.member.id);
    await seedReferrals(t.app.dataSource, t.app.services);
    const list = await t.gql(`{ referrals(first: 10) { counts { pending qualified rejected } edges { node { status refereeName referee { id } } } } }`, {}, { token: admin });
    expect(list.body.data.referrals.counts).toEqual({ pending: 1, qualified: 1, rejected: 0 });
    expect(list.body.data.referrals.edges.map((e: { node: { status: string; refereeName: string } }) => [e.node.status, e.node.refereeName])).toEqual([
      ['QUALIFIED', 'Ксения Б.'],
      ['PENDING', 'Артём О.'],
    ]);
    const points = async (memberId: number) => Number((await t.app.dataSource.query(`SELECT COALESCE(SUM(availableChange + pendingChange), 0) AS p FROM ledger_entries WHERE memberId = ? AND source = 'campaign'`, [memberId]))[0].p);
    expect(await points(annaId)).toBe(500);
    expect(await points(dbId(list.body.data.referrals.edges[0].node.referee.id))).toBe(300);
    expect(await points(dbId(list.body.data.referrals.edges[1].node.referee.id))).toBe(0);
  });
});
