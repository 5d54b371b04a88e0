import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './harness';
import { CREATE_MEMBER, expectLedgerInvariants, loyaltySetup, RECORD_PURCHASE } from './loyalty-harness';

const APPLY = `mutation($input: ApplyProgramTemplateInput!) {
  applyProgramTemplate(input: $input) {
    __typename
    ... on Program { id code name valueKind tiers { code discountPercent } }
    ... on ValidationError { fieldErrors { path message } }
    ... on Error { code message }
  }
}`;
const QUOTE = `mutation($input: QuoteCheckoutInput!) { quoteCheckout(input: $input) { ... on CheckoutQuote { discountPercent discountMinor availablePoints } } }`;
const ACCOUNT = `query($id: ID!, $programId: ID) { member(id: $id) { ... on Member { account(programId: $programId) { available pending tier { code } } } } }`;

/** Each template, applied through the API, then run with real purchases. */
describe('program templates', () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
  });
  afterAll(() => t.close());

  async function apply(template: string, extra: Record<string, unknown> = {}) {
    const res = await t.gql(APPLY, { input: { template, code: `${template}-${++seq}`, ...extra } }, { token: admin });
    expect(res.body.errors).toBeUndefined();
    return res.body.data.applyProgramTemplate;
  }
  async function member(programId: string) {
    const externalId = `TPL-${++seq}`;
    const res = await t.gql(CREATE_MEMBER, { input: { externalId, name: 'Templated', email: `${externalId.toLowerCase()}@example.com` } }, { token: pos });
    return { id: res.body.data.createMember.member.id as string, externalId };
  }
  async function purchase(programId: string, memberId: string, totalMinor: number, occurredAt?: string) {
    const res = await t.gql(RECORD_PURCHASE, { input: { externalId: `TPL-P-${++seq}`, memberId, programId, totalMinor, currency: 'RUB', channel: 'STORE', occurredAt } }, { token: pos });
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    expect(res.body.data.recordPurchase.__typename).toBe('PurchaseRecorded');
    return res.body.data.recordPurchase;
  }
  async function account(memberId: string, programId: string) {
    const res = await t.gql(ACCOUNT, { id: memberId, programId }, { token: admin });
    return res.body.data.member.account;
  }

  it('lists the templates for marketers, in both languages', async () => {
    const res = await t.gql(`{ programTemplates { code ru: name(locale: "ru") en: name(locale: "en") requires } }`, {}, { token: admin });
    const codes = res.body.data.programTemplates.map((tpl: { code: string }) => tpl.code);
    expect(codes).toEqual(expect.arrayContaining(['bonus-points', 'growing-discount', 'cashback']));
    for (const tpl of res.body.data.programTemplates) expect(tpl.ru).not.toBe(tpl.en);
  });

  it('bonus points: 1 ₽ = 1 point, pending for the return period, 100 points for joining', async () => {
    // The default program: sign-up campaigns run there.
    const program = await apply('bonus-points', { locale: 'en', isDefault: true });
    expect(program.name).toBe('Bonus points: 1 ₽ = 1 point');
    const m = await member(program.id);
    expect(await account(m.id, program.id)).toMatchObject({ available: 100, pending: 0 });
    const bought = await purchase(program.id, m.id, 1234_56);
    expect(bought.pointsEarned).toBe(1234);
    expect(await account(m.id, program.id)).toMatchObject({ available: 100, pending: 1234 });
    const campaigns = await t.gql(`query($p: ID) { campaigns(first: 50, programId: $p) { edges { node { name status program { code } } } } }`, { p: program.id }, { token: admin });
    const mine = campaigns.body.data.campaigns.edges.map((e: any) => e.node);
    expect(mine.every((c: any) => c.program.code === program.code)).toBe(true);
    expect(mine.map((c: any) => [c.name, c.status]).sort()).toEqual([['Birthday gift', 'ACTIVE'], ['Welcome points', 'ACTIVE']]);
  });

  it('growing discount: 3 % at first, 5 % after 10,000 ₽, never points', async () => {
    const program = await apply('growing-discount');
    expect(program.tiers.map((tier: { discountPercent: number }) => tier.discountPercent)).toEqual([3, 5, 7, 10]);
    const m = await member(program.id);
    const first = await purchase(program.id, m.id, 4000_00);
    expect(first.pointsEarned).toBe(0);
    let quote = await t.gql(QUOTE, { input: { memberId: m.id, programId: program.id, totalMinor: 1000_00, currency: 'RUB' } }, { token: pos });
    expect(quote.body.data.quoteCheckout).toMatchObject({ discountPercent: 3, discountMinor: 30_00 });
    await purchase(program.id, m.id, 6500_00);
    expect((await account(m.id, program.id)).tier.code).toBe('plus');
    quote = await t.gql(QUOTE, { input: { memberId: m.id, programId: program.id, totalMinor: 1000_00, currency: 'RUB' } }, { token: pos });
    expect(quote.body.data.quoteCheckout).toMatchObject({ discountPercent: 5, discountMinor: 50_00, availablePoints: 0 });
  });

  it('cashback: 5 % on a Wednesday, 10 % on a Saturday (Moscow time)', async () => {
    const program = await apply('cashback');
    expect(program.valueKind).toBe('CASHBACK');
    // Only this program's campaign, though the bonus-points program has two.
    const campaigns = await t.gql(`query($p: ID) { campaigns(first: 50, programId: $p) { edges { node { name } } } }`, { p: program.id }, { token: admin });
    expect(campaigns.body.data.campaigns.edges.map((e: any) => e.node.name)).toEqual(['Двойной кешбэк в выходные']);
    const m = await member(program.id);
    const wednesday = await purchase(program.id, m.id, 1000_00, '2026-11-18T09:00:00Z');
    expect(wednesday.pointsEarned).toBe(50_00);
    const saturday = await purchase(program.id, m.id, 1000_00, '2026-11-21T09:00:00Z');
    expect(saturday.pointsEarned).toBe(50_00);
    const acc = await account(m.id, program.id);
    // 50 ₽ + (50 ₽ + 50 ₽ extra at the weekend), in kopecks.
    expect(acc.available).toBe(150_00);
    const dbId = Number(Buffer.from(m.id, 'base64').toString().split(':')[1]);
    await expectLedgerInvariants(t, dbId);
  });

  it('refuses an unknown template, a taken code and bad input, creating nothing', async () => {
    const unknown = await t.gql(APPLY, { input: { template: 'no-such-template', code: 'x1' } }, { token: admin });
    expect(unknown.body.data.applyProgramTemplate).toMatchObject({ __typename: 'NotFoundError' });
    await apply('cashback', { code: 'taken' }).catch(() => undefined);
    const before = await t.gql(`{ programs { code } }`, {}, { token: admin });
    const taken = await t.gql(APPLY, { input: { template: 'bonus-points', code: 'taken' } }, { token: admin });
    expect(taken.body.data.applyProgramTemplate.__typename).toBe('ConflictError');
    const bad = await t.gql(APPLY, { input: { template: 'bonus-points', code: 'Bad Code!', currency: 'roubles' } }, { token: admin });
    expect(bad.body.data.applyProgramTemplate.__typename).toBe('ValidationError');
    expect(bad.body.data.applyProgramTemplate.fieldErrors.map((e: { path: string[] }) => e.path.join('.')).sort()).toEqual(['input.code', 'input.currency']);
    const after = await t.gql(`{ programs { code } }`, {}, { token: admin });
    expect(after.body.data.programs).toEqual(before.body.data.programs);
    // The campaigns of a failed template are rolled back with its program.
    const campaigns = await t.gql(`{ campaigns(first: 100) { edges { node { program { code } } } } }`, {}, { token: admin });
    expect(campaigns.body.data.campaigns.edges.filter((e: any) => e.node.program.code === 'taken')).toHaveLength(1);
  });
});
