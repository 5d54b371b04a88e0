import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { Member } from '../src/members/member.entity';
import { MemberOffer } from '../src/offers/member-offer.entity';
import { Offer } from '../src/offers/offer.entity';
import { localMidnight, localParts } from '../src/programs/calendar';
import type { Program } from '../src/programs/program.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { globalId, loyaltySetup, RECORD_PURCHASE, REFUND } from './loyalty-harness';

const OFFER_FIELDS = `__typename ... on Offer { id code status } ... on Error { code message } ... on ValidationError { fieldErrors { path message } }`;
const MY_OFFERS = `{ myOffers { offerId code state category summary(locale: EN) uses activatedAt validUntil occasion } }`;
const ACTIVATE = `mutation($id: ID!) { activateOffer(offerId: $id) { __typename ... on MemberOffer { code state category activatedAt } ... on Error { code message } } }`;
const DAY = 86_400_000;

type Line = { sku: string; category: string; quantity: number; unitPriceMinor: number };
const line = (category: string, rub: number): Line => ({ sku: category.toUpperCase(), category, quantity: 1, unitPriceMinor: rub * 100 });

describe(`offers on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let program: Program;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos, program } = await loyaltySetup(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  const em = () => t.app.dataSource.manager;
  async function signUp() {
    const email = `offers-${process.pid}-${++seq}@example.com`;
    const res = await t.gql(`mutation($email: String!) { memberSignUp(input: { email: $email, password: "member-password-1" }) { ... on MemberSession { token member { id } } } }`, { email });
    const { token, member } = res.body.data.memberSignUp;
    return { token: token as string, id: member.id as string, dbId: Number(Buffer.from(member.id, 'base64').toString().split(':')[1]) };
  }
  async function buy(memberId: string, lines: Line[], options: { totalMinor?: number; occurredAt?: Date } = {}) {
    const totalMinor = options.totalMinor ?? lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0);
    const externalId = `OFFER-${process.pid}-${++seq}`;
    const res = await t.gql(RECORD_PURCHASE, { input: { externalId, memberId, totalMinor, currency: 'RUB', channel: 'STORE', items: lines, occurredAt: options.occurredAt?.toISOString() } }, { token: pos });
    expect(res.body.data.recordPurchase.__typename).toBe('PurchaseRecorded');
    return { externalId, pointsEarned: res.body.data.recordPurchase.pointsEarned as number, account: res.body.data.recordPurchase.account as { available: number; pending: number } };
  }
  async function createOffer(input: Record<string, unknown>) {
    const res = await t.gql(`mutation($input: OfferInput!) { createOffer(input: $input) { ${OFFER_FIELDS} } }`, { input: { code: `offer-${++seq}`, title: 'Offer', ...input } }, { token: admin });
    return res.body.data.createOffer;
  }
  async function activeOffer(input: Record<string, unknown>) {
    const created = await createOffer(input);
    expect(created.__typename, JSON.stringify(created)).toBe('Offer');
    await setStatus(created.id, 'ACTIVE');
    return created as { id: string; code: string };
  }
  async function setStatus(id: string, status: string) {
    const res = await t.gql(`mutation($id: ID!, $status: OfferStatus!) { setOfferStatus(id: $id, status: $status) { ${OFFER_FIELDS} } }`, { id, status }, { token: admin });
    expect(res.body.data.setOfferStatus.status).toBe(status);
  }
  const myOffers = async (token: string) => (await t.gql(MY_OFFERS, {}, { token })).body.data.myOffers as { offerId: string; code: string; state: string; category: string | null; summary: string; uses: number; occasion: string | null }[];
  const activate = async (token: string, id: string) => (await t.gql(ACTIVATE, { id }, { token })).body.data.activateOffer;
  const offerPoints = async (memberId: number) => (await em().find(LedgerEntry, { where: { memberId, source: 'offer' }, order: { id: 'ASC' } })).map((e) => e.availableChange + e.pendingChange);

  it("a favourite-category offer doubles each member's own category, only after activation", async () => {
    const a = await signUp();
    const b = await signUp();
    await buy(a.id, [line('coffee', 3000), line('tea', 500)]);
    await buy(b.id, [line('tea', 2000), line('coffee', 100)]);
    const offer = await activeOffer({ title: 'Любимая категория ×2', kind: 'POINTS_MULTIPLIER', value: 200, audience: 'FAVOURITE_CATEGORY', requiresActivation: true, favouriteDays: 30 });

    const seenByA = (await myOffers(a.token)).find((o) => o.code === offer.code)!;
    expect(seenByA).toMatchObject({ state: 'AVAILABLE', category: 'coffee', summary: '2× points on “coffee”', offerId: offer.id });
    expect((await myOffers(b.token)).find((o) => o.code === offer.code)).toMatchObject({ state: 'AVAILABLE', category: 'tea' });

    // Not activated yet: a purchase gets nothing from the offer.
    await buy(a.id, [line('coffee', 1000), line('tea', 1000)]);
    expect(await offerPoints(a.dbId)).toEqual([]);

    expect(await activate(a.token, offer.id)).toMatchObject({ __typename: 'MemberOffer', state: 'ACTIVATED', category: 'coffee' });
    // Activating again changes nothing.
    expect(await activate(a.token, offer.id)).toMatchObject({ __typename: 'MemberOffer', state: 'ACTIVATED', category: 'coffee' });
    const bought = await buy(a.id, [line('coffee', 1000), line('tea', 1000)]);
    expect(bought.pointsEarned).toBe(2000);
    // The answer's balance includes the offer's points: it is the account as the purchase left it.
    const after = await em().findOneByOrFail(LoyaltyAccount, { memberId: a.dbId, programId: program.id });
    expect(bought.account).toMatchObject({ available: after.available, pending: after.pending });
    // 1 000 base points on the coffee lines, doubled: 1 000 more; the tea lines get nothing extra.
    expect(await offerPoints(a.dbId)).toEqual([1000]);
    const entry = await em().findOneByOrFail(LedgerEntry, { memberId: a.dbId, source: 'offer' });
    expect(entry.reason).toContain(offer.code);
    expect(entry.purchaseId).not.toBeNull();

    // B never activated: B's tea purchase earns the base points only.
    await buy(b.id, [line('tea', 1000)]);
    expect(await offerPoints(b.dbId)).toEqual([]);
    expect(await activate(b.token, offer.id)).toMatchObject({ state: 'ACTIVATED', category: 'tea' });
    await buy(b.id, [line('tea', 500), line('coffee', 500)]);
    expect(await offerPoints(b.dbId)).toEqual([500]);

    const stats = await t.gql(`query($id: ID!) { node(id: $id) { ... on Offer { stats { reached activated used uses pointsGiven } } } }`, { id: offer.id }, { token: admin });
    expect(stats.body.data.node.stats).toEqual({ reached: 2, activated: 2, used: 2, uses: 2, pointsGiven: 1500 });
    await setStatus(offer.id, 'ARCHIVED');
  });

  it('a segment offer reaches the members of its segment only, from its minimum purchase', async () => {
    const inside = await signUp();
    const outside = await signUp();
    const segment = await t.app.services.segments.create(em(), { programId: program.id, code: `vip-${seq}`, name: 'VIP', kind: 'static' });
    await t.app.services.segments.addMembers(em(), segment.id, [inside.dbId], 'staff');
    const offer = await activeOffer({ kind: 'BONUS_POINTS', value: 300, minPurchaseMinor: 500_00, audience: 'SEGMENT', segment: segment.code });

    await buy(inside.id, [line('coffee', 400)]);
    expect(await offerPoints(inside.dbId)).toEqual([]);
    await buy(inside.id, [line('coffee', 600)]);
    expect(await offerPoints(inside.dbId)).toEqual([300]);
    await buy(outside.id, [line('coffee', 600)]);
    expect(await offerPoints(outside.dbId)).toEqual([]);
    expect((await myOffers(outside.token)).map((o) => o.code)).not.toContain(offer.code);
    expect(await activate(outside.token, offer.id)).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' });
    await setStatus(offer.id, 'ARCHIVED');
  });

  it('maxUsesPerMember holds when purchases arrive at once', async () => {
    const member = await signUp();
    const offer = await activeOffer({ kind: 'BONUS_POINTS', value: 50, audience: 'EVERYONE', maxUsesPerMember: 2 });
    await Promise.all(Array.from({ length: 6 }, () => buy(member.id, [line('coffee', 100)])));
    expect(await offerPoints(member.dbId)).toEqual([50, 50]);
    const row = await em().findOneByOrFail(MemberOffer, { memberId: member.dbId, offerId: Number(Buffer.from(offer.id, 'base64').toString().split(':')[1]) });
    expect(row).toMatchObject({ uses: 2, state: 'used', pointsGiven: 100 });
    expect((await myOffers(member.token)).find((o) => o.code === offer.code)).toMatchObject({ state: 'USED', uses: 2 });
    expect(await activate(member.token, offer.id)).toMatchObject({ __typename: 'ConflictError' });
    await setStatus(offer.id, 'ARCHIVED');
  });

  it('an offer applies only to purchases made while it is valid', async () => {
    const member = await signUp();
    const now = Date.now();
    const ended = await activeOffer({ kind: 'BONUS_POINTS', value: 70, audience: 'EVERYONE', validFrom: new Date(now - 10 * DAY).toISOString(), validUntil: new Date(now - 3 * DAY).toISOString() });
    const fresh = await activeOffer({ kind: 'BONUS_POINTS', value: 80, audience: 'EVERYONE', validFrom: new Date(now - 3_600_000).toISOString() });
    // A purchase sent now but made two days ago: the first offer had ended, the second not begun.
    await buy(member.id, [line('coffee', 100)], { occurredAt: new Date(now - 2 * DAY) });
    expect(await offerPoints(member.dbId)).toEqual([]);
    expect((await myOffers(member.token)).map((o) => o.code)).not.toContain(ended.code);
    await buy(member.id, [line('coffee', 100)]);
    expect(await offerPoints(member.dbId)).toEqual([80]);

    // A personal grant past its days is shown as expired and applies no more.
    const personal = await activeOffer({ kind: 'BONUS_POINTS', value: 90, audience: 'PERSONAL', personalDays: 3 });
    const late = await signUp();
    expect(await t.app.services.offers.grant(em(), program.id, late.dbId, personal.code, new Date(now - 5 * DAY))).toBe(true);
    expect((await myOffers(late.token)).find((o) => o.code === personal.code)).toMatchObject({ state: 'EXPIRED' });
    expect(await activate(late.token, personal.id)).toMatchObject({ __typename: 'ConflictError' });
    await buy(late.id, [line('coffee', 100)]);
    expect(await offerPoints(late.dbId)).toEqual([80]);
    for (const o of [ended, fresh, personal]) await setStatus(o.id, 'ARCHIVED');
  });

  it('a birthday campaign grants the personal birthday offer seven days ahead', async () => {
    const offer = await activeOffer({ code: 'birthday', title: 'С днём рождения!', kind: 'BONUS_POINTS', value: 500, audience: 'PERSONAL', personalDays: 10, maxUsesPerMember: 1 });
    const node = (id: string, kind: string, params: Record<string, unknown>) => ({ id, kind, params, position: { x: 0, y: 0 } });
    const graph = (code: string) => ({ nodes: [node('t', 'trigger.birthday', { daysBefore: 7 }), node('g', 'action.grantOffer', { offer: code })], edges: [{ id: 'e', source: 't', sourcePort: 'out', target: 'g' }] });
    const publish = async (code: string) => {
      const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, { input: { name: `Birthday ${code}`, graph: graph(code) } }, { token: admin });
      const id = created.body.data.createCampaign.id;
      const res = await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename ... on PublishRefusedError { diagnostics { code nodeId } } } }`, { id }, { token: admin });
      return { id, result: res.body.data.publishCampaign };
    };
    // A code that names no personal offer does not publish.
    expect((await publish('no-such-offer')).result).toEqual({ __typename: 'PublishRefusedError', diagnostics: [expect.objectContaining({ code: 'unknown_reference', nodeId: 'g' })] });
    expect((await t.gql(`{ flowDomains }`, {}, { token: admin })).body.data.flowDomains).toContain('offers');
    const campaign = await publish(offer.code);
    expect(campaign.result.__typename).toBe('Campaign');

    const tz = program.timezone;
    const today = localParts(new Date(), tz);
    const at10 = new Date(localMidnight(today.year, today.month, today.day, tz).getTime() + 10 * 3_600_000);
    const inSeven = localParts(new Date(at10.getTime() + 7 * DAY), tz);
    const celebrant = await signUp();
    const other = await signUp();
    const birthday = `1990-${String(inSeven.month).padStart(2, '0')}-${String(inSeven.day).padStart(2, '0')}`;
    const set = await t.gql(`mutation($id: ID!, $input: UpdateMemberInput!) { updateMember(id: $id, input: $input) { __typename } }`, { id: celebrant.id, input: { birthday } }, { token: admin });
    expect(set.body.data.updateMember.__typename).toBe('Member');
    await t.app.planTriggers(at10);
    for (let round = 0; round < 10 && (await t.app.runJobs(new Date(at10.getTime() + 60_000))) > 0; round++);

    // The portal shows it as the member's birthday gift.
    expect((await myOffers(celebrant.token)).find((o) => o.code === 'birthday')).toMatchObject({ state: 'AVAILABLE', uses: 0, occasion: 'BIRTHDAY' });
    expect((await myOffers(other.token)).map((o) => o.code)).not.toContain('birthday');
    // Someone else's personal offer: not visible, not activatable, not applied.
    expect(await activate(other.token, offer.id)).toMatchObject({ __typename: 'NotFoundError' });
    const peek = await t.gql(`query($id: ID!) { member(id: $id) { offers { code } } }`, { id: celebrant.id }, { token: other.token });
    expect(peek.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await buy(other.id, [line('coffee', 100)]);
    expect(await offerPoints(other.dbId)).toEqual([]);

    await buy(celebrant.id, [line('cake', 100)]);
    await buy(celebrant.id, [line('cake', 100)]);
    expect(await offerPoints(celebrant.dbId)).toEqual([500]);
    // The POS reads the member's offers with its API key.
    const forPos = await t.gql(`query($id: ID!) { member(id: $id) { offers { code state } } }`, { id: celebrant.id }, { token: pos });
    expect(forPos.body.data.member.offers).toContainEqual({ code: 'birthday', state: 'USED' });
    await t.gql(`mutation($id: ID!) { pauseCampaign(id: $id) { __typename } }`, { id: campaign.id }, { token: admin });
  });

  it("trigger.birthday with the joinAnniversary occasion grants an offer on the day the member joined, a year or more ago", async () => {
    const offer = await activeOffer({ code: 'anniversary', title: 'Год вместе', kind: 'BONUS_POINTS', value: 200, audience: 'PERSONAL' });
    const node = (id: string, kind: string, params: Record<string, unknown>) => ({ id, kind, params, position: { x: 0, y: 0 } });
    const graph = { nodes: [node('t', 'trigger.birthday', { daysBefore: 0, occasion: 'joinAnniversary' }), node('g', 'action.grantOffer', { offer: offer.code })], edges: [{ id: 'e', source: 't', sourcePort: 'out', target: 'g' }] };
    const created = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, { input: { name: 'Join anniversary', graph } }, { token: admin });
    const campaignId = created.body.data.createCampaign.id;
    expect((await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename } }`, { id: campaignId }, { token: admin })).body.data.publishCampaign.__typename).toBe('Campaign');

    const tz = program.timezone;
    const today = localParts(new Date(), tz);
    const at10 = new Date(localMidnight(today.year, today.month, today.day, tz).getTime() + 10 * 3_600_000);
    const veteran = await signUp();
    const newcomer = await signUp();
    const yesterdays = await signUp();
    // Joined two years ago today late in the evening (local time decides the day), today, and two years ago yesterday.
    const joinYear = today.month === 2 && today.day === 29 ? today.year - 4 : today.year - 2;
    await em().update(Member, veteran.dbId, { createdAt: new Date(localMidnight(joinYear, today.month, today.day, tz).getTime() + (23 * 60 + 30) * 60_000) });
    await em().update(Member, yesterdays.dbId, { createdAt: new Date(localMidnight(joinYear, today.month, today.day - 1, tz).getTime() + 12 * 3_600_000) });
    await t.app.planTriggers(at10);
    for (let round = 0; round < 10 && (await t.app.runJobs(new Date(at10.getTime() + 60_000))) > 0; round++);

    const holders = await em().find(MemberOffer, { where: { offerId: Number(Buffer.from(offer.id, 'base64').toString().split(':')[1]) } });
    expect(holders.map((h) => h.memberId)).toEqual([veteran.dbId]);
    expect((await myOffers(newcomer.token)).map((o) => o.code)).not.toContain(offer.code);
    // A join anniversary is not a birthday gift.
    expect((await myOffers(veteran.token)).find((o) => o.code === offer.code)).toMatchObject({ state: 'AVAILABLE', occasion: null });
    await t.gql(`mutation($id: ID!) { pauseCampaign(id: $id) { __typename } }`, { id: campaignId }, { token: admin });
    await setStatus(offer.id, 'ARCHIVED');
  });

  it("a refund claws back the offer's points with the purchase's", async () => {
    const member = await signUp();
    const offer = await activeOffer({ kind: 'BONUS_POINTS', value: 400, audience: 'PERSONAL' });
    expect(await t.app.services.offers.grant(em(), program.id, member.dbId, offer.code, new Date())).toBe(true);
    const bought = await buy(member.id, [line('coffee', 1000)]);
    expect(await offerPoints(member.dbId)).toEqual([400]);
    const half = await t.gql(REFUND, { input: { externalId: `${bought.externalId}-R1`, purchaseExternalId: bought.externalId, amountMinor: 500_00 } }, { token: pos });
    expect(half.body.data.refundPurchase).toMatchObject({ __typename: 'RefundRecorded', pointsReversed: 700, account: { available: 700 } });
    const rest = await t.gql(REFUND, { input: { externalId: `${bought.externalId}-R2`, purchaseExternalId: bought.externalId, amountMinor: 500_00 } }, { token: pos });
    expect(rest.body.data.refundPurchase).toMatchObject({ pointsReversed: 700, account: { available: 0, debt: 0 } });
    await setStatus(offer.id, 'ARCHIVED');
  });

  it('lists the offers of 5 or 40 members in the same number of statements', async () => {
    for (let i = 0; i < 40; i++) {
      const { member } = await t.app.services.members.create(em(), { externalId: `OFFERS-N-${i}`, name: `Member ${i}` });
      if (i % 2 === 0) await t.app.services.purchases.record(t.app.dataSource, { externalId: `OFFERS-N-${i}`, memberId: member.id, totalMinor: 100_00, currency: 'RUB', channel: 'store', items: [line(i % 4 ? 'tea' : 'coffee', 100)] }, { kind: 'system', id: null });
    }
    const segment = await t.app.services.segments.create(em(), { programId: program.id, code: 'n-plus-one', name: 'N+1', kind: 'static' });
    const offers = [
      await activeOffer({ kind: 'BONUS_POINTS', value: 10, audience: 'EVERYONE' }),
      await activeOffer({ kind: 'BONUS_POINTS', value: 10, audience: 'SEGMENT', segment: segment.code }),
      await activeOffer({ kind: 'POINTS_MULTIPLIER', value: 150, audience: 'FAVOURITE_CATEGORY' }),
    ];
    const query = `query($n: Int!) { members(first: $n) { edges { node { id offers { code category state summary } } } } }`;
    const few = await t.gql(query, { n: 5 }, { token: admin });
    const many = await t.gql(query, { n: 40 }, { token: admin });
    expect(many.body.errors).toBeUndefined();
    expect(many.body.data.members.edges).toHaveLength(40);
    expect(many.body.data.members.edges.flatMap((e: { node: { offers: { category: string | null }[] } }) => e.node.offers.map((o) => o.category))).toEqual(expect.arrayContaining(['tea', 'coffee']));
    expect(many.statements).toBe(few.statements);
    for (const o of offers) await setStatus(o.id, 'ARCHIVED');
  });

  it('refuses hostile input with typed errors and creates nothing', async () => {
    const before = await em().count(Offer);
    const bad: [Record<string, unknown>, string][] = [
      [{ code: 'Not A Code', kind: 'BONUS_POINTS', value: 1, audience: 'EVERYONE' }, 'code'],
      [{ kind: 'POINTS_MULTIPLIER', value: 100, audience: 'EVERYONE' }, 'value'],
      [{ kind: 'POINTS_MULTIPLIER', value: 100_000, audience: 'EVERYONE' }, 'value'],
      [{ kind: 'PERCENT_DISCOUNT', value: 150, audience: 'EVERYONE' }, 'value'],
      [{ kind: 'BONUS_POINTS', value: -5, audience: 'EVERYONE' }, 'value'],
      [{ kind: 'BONUS_POINTS', value: 5, audience: 'EVERYONE', validFrom: '2030-01-02T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' }, 'validUntil'],
      [{ kind: 'BONUS_POINTS', value: 5, audience: 'SEGMENT' }, 'segment'],
      [{ kind: 'BONUS_POINTS', value: 5, audience: 'SEGMENT', segment: 'no-such-segment' }, 'segment'],
      [{ kind: 'BONUS_POINTS', value: 5, audience: 'FAVOURITE_CATEGORY', category: 'coffee' }, 'category'],
      [{ kind: 'BONUS_POINTS', value: 5, audience: 'EVERYONE', title: 'x'.repeat(10_000) }, 'title'],
      [{ kind: 'BONUS_POINTS', value: 5, audience: 'EVERYONE', maxUsesPerMember: 0 }, 'maxUsesPerMember'],
      [{ kind: 'BONUS_POINTS', audience: 'EVERYONE' }, 'value'],
    ];
    for (const [input, field] of bad) {
      const res = await createOffer(input);
      expect(res.__typename, JSON.stringify(input).slice(0, 200)).toBe('ValidationError');
      expect(res.fieldErrors.map((e: { path: string[] }) => e.path.join('.'))).toContain(`input.${field}`);
    }
    const typeError = await t.gql(`mutation { createOffer(input: { code: "x", title: "x", kind: BONUS_POINTS, value: "lots", audience: EVERYONE }) { __typename } }`, {}, { token: admin });
    expect(typeError.body.errors?.length).toBeGreaterThan(0);
    expect(await em().count(Offer)).toBe(before);

    const offer = await createOffer({ code: 'dup-check', kind: 'BONUS_POINTS', value: 5, audience: 'EVERYONE' });
    expect((await createOffer({ code: 'dup-check', kind: 'BONUS_POINTS', value: 5, audience: 'EVERYONE' })).__typename).toBe('ConflictError');
    const renamed = await t.gql(`mutation($id: ID!) { updateOffer(id: $id, input: { code: "renamed" }) { ${OFFER_FIELDS} } }`, { id: offer.id }, { token: admin });
    expect(renamed.body.data.updateOffer.__typename).toBe('ValidationError');
    const back = await t.gql(`mutation($id: ID!) { setOfferStatus(id: $id, status: ARCHIVED) { __typename } }`, { id: offer.id }, { token: admin });
    expect(back.body.data.setOfferStatus.__typename).toBe('Offer');
    const toDraft = await t.gql(`mutation($id: ID!) { setOfferStatus(id: $id, status: DRAFT) { __typename } }`, { id: offer.id }, { token: admin });
    expect(toDraft.body.data.setOfferStatus.__typename).toBe('ValidationError');

    const member = await signUp();
    // A draft or archived offer, an id of another type, a made-up id: nothing to activate.
    expect(await activate(member.token, offer.id)).toMatchObject({ __typename: 'NotFoundError' });
    expect(await activate(member.token, globalId('Offer', 987_654))).toMatchObject({ __typename: 'NotFoundError' });
    expect(await activate(member.token, member.id)).toMatchObject({ __typename: 'ValidationError' });
    expect((await t.gql(ACTIVATE, { id: 'not-an-id' }, { token: member.token })).body.errors?.length).toBeGreaterThan(0);
    expect(await em().count(MemberOffer, { where: { memberId: member.dbId } })).toBe(0);
    // Staff manage offers; members do not.
    const asMember = await t.gql(`mutation { createOffer(input: { code: "mine", title: "x", kind: BONUS_POINTS, value: 1, audience: EVERYONE }) { __typename } }`, {}, { token: member.token });
    expect(asMember.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
