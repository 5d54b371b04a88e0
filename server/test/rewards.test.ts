import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { Coupon } from '../src/rewards/coupon.entity';
import { RewardRedemption } from '../src/rewards/reward-redemption.entity';
import { Reward } from '../src/rewards/reward.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { expectLedgerInvariants, loyaltySetup, newMember } from './loyalty-harness';
import { balanceOf, COUPON_CODE, CREATE_REWARD, createReward, givePoints, REDEEM_REWARD, signUpMember, UPDATE_REWARD } from './rewards-helpers';

describe(`rewards catalog and redemption on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;
  let programId: number;
  const redeem = (input: Record<string, unknown>, token = pos) => t.gql(REDEEM_REWARD, { input }, { token }).then((r) => r.body.data?.redeemReward ?? r.body.errors);

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
    programId = (await t.app.services.programs.resolve(t.app.dataSource.manager)).id;
    const em = t.app.dataSource.manager;
    await t.app.services.programs.saveTier(em, programId, { code: 'silver', name: 'Silver', rank: 1, threshold: 1000 });
    await t.app.services.programs.saveTier(em, programId, { code: 'gold', name: 'Gold', rank: 2, threshold: 5000 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses hostile reward definitions with field errors and keeps unicode', async () => {
    const create = async (input: Record<string, unknown>) => (await t.gql(CREATE_REWARD, { input: { code: 'hostile', name: 'X', kind: 'COUPON', costPoints: 10, ...input } }, { token: admin })).body.data.createReward;
    const refused: [Record<string, unknown>, string][] = [
      [{ costPoints: -5 }, 'costPoints'],
      [{ costPoints: 2_147_483_647 }, 'costPoints'],
      [{ stock: -1 }, 'stock'],
      [{ imageUrl: 'http://cdn.example.com/a.png' }, 'imageUrl'],
      [{ imageUrl: 'javascript:alert(1)' }, 'imageUrl'],
      [{ kind: 'FIXED_DISCOUNT' }, 'valueMinor'],
      [{ kind: 'PERCENT_DISCOUNT', percent: 101 }, 'percent'],
      [{ kind: 'FREE_PRODUCT' }, 'sku'],
      [{ code: "x' OR 1=1 --" }, 'code'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ minTier: 'platinum' }, 'minTier'],
      [{ validFrom: '2030-01-02T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' }, 'validUntil'],
    ];
    for (const [input, field] of refused) {
      const result = await create(input);
      expect(result.__typename, JSON.stringify(input)).toBe('ValidationError');
      expect(result.fieldErrors.map((e: { path: string[] }) => e.path.at(-1)), JSON.stringify(input)).toContain(field);
    }
    expect(await t.app.dataSource.manager.count(Reward)).toBe(0);
    const ok = await create({ code: 'unicode', name: 'Кофе ☕ бесплатно', description: '😀'.repeat(100), imageUrl: 'https://cdn.example.com/coffee.png' });
    expect(ok.__typename).toBe('Reward');
    expect((await create({ code: 'unicode' })).__typename).toBe('ConflictError');
    const reread = await t.gql(`query($id: ID!) { node(id: $id) { ... on Reward { name description } } }`, { id: ok.id }, { token: admin });
    expect(reread.body.data.node).toEqual({ name: 'Кофе ☕ бесплатно', description: '😀'.repeat(100) });
  });

  it('redeems: points spent through the ledger, stock taken, a coupon issued, once per key', async () => {
    const member = await signUpMember(t, 'happy@example.com');
    await givePoints(t, member.dbId, 1000);
    const reward = await createReward(t, admin, { code: 'free-coffee', name: 'Free coffee', kind: 'FREE_PRODUCT', sku: 'COFFEE', costPoints: 300, stock: 10, couponValidDays: 14 });
    const first = await redeem({ rewardId: reward.id, idempotencyKey: 'k1' }, member.token);
    expect(first).toMatchObject({ __typename: 'RewardRedeemed', replayed: false, account: { available: 700 }, redemption: { points: 300 }, coupon: { state: 'ISSUED', reward: { code: 'free-coffee' } } });
    expect(first.coupon.code).toMatch(COUPON_CODE);
    expect(new Date(first.coupon.expiresAt).getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    const entries = await t.app.dataSource.manager.find(LedgerEntry, { where: { memberId: member.dbId, kind: 'redeem' } });
    expect(entries).toMatchObject([{ source: 'reward', availableChange: -300, actorKind: 'member' }]);
    expect(entries[0].reason).toMatch(/free-coffee/);
    expect((await t.app.dataSource.manager.findOneByOrFail(Reward, { id: reward.dbId })).stock).toBe(9);
    // An edit writes only what it names: the stock redemptions moved is not put back.
    await t.app.dataSource.manager.update(Reward, reward.dbId, { stock: 8 });
    expect((await t.gql(UPDATE_REWARD, { id: reward.id, input: { name: 'Free coffee ☕' } }, { token: admin })).body.data.updateReward.stock).toBe(8);
    await t.app.dataSource.manager.update(Reward, reward.dbId, { stock: 9 });
    // The same key again: the first result, nothing spent twice.
    const again = await redeem({ rewardId: reward.id, idempotencyKey: 'k1' }, member.token);
    expect(again).toMatchObject({ __typename: 'RewardRedeemed', replayed: true, coupon: { code: first.coupon.code } });
    expect(await balanceOf(t, member.dbId)).toBe(700);
    // The same key for something else is a conflict.
    const other = await createReward(t, admin, { costPoints: 10 });
    expect((await redeem({ rewardId: other.id, idempotencyKey: 'k1' }, member.token)).__typename).toBe('ConflictError');
    // A member cannot redeem for someone else; a key must name the member.
    const stranger = await newMember(t, pos);
    expect((await redeem({ rewardId: reward.id, memberId: stranger.id, idempotencyKey: 'x' }, member.token))[0].extensions.code).toBe('FORBIDDEN');
    expect((await redeem({ rewardId: reward.id, idempotencyKey: 'x' })).__typename).toBe('ValidationError');
    const listed = await t.gql(`{ viewer { ... on Member { coupons { edges { node { code state } } } rewardRedemptions { edges { node { points reward { code } coupon { code } } } } } } }`, {}, { token: member.token });
    const viewer = listed.body.data.viewer;
    expect(viewer.coupons.edges.map((e: { node: { code: string } }) => e.node.code)).toEqual([first.coupon.code]);
    expect(viewer.rewardRedemptions.edges[0].node).toEqual({ points: 300, reward: { code: 'free-coffee' }, coupon: { code: first.coupon.code } });
    await expectLedgerInvariants(t, member.dbId);
  });

  it('stock 5, twenty members at once: exactly five get it, stock never below zero', async () => {
    const reward = await createReward(t, admin, { costPoints: 50, stock: 5 });
    const members = await Promise.all(Array.from({ length: 20 }, () => newMember(t, pos)));
    for (const m of members) await givePoints(t, m.dbId, 100);
    const results = await Promise.all(members.map((m) => redeem({ rewardId: reward.id, memberId: m.id, idempotencyKey: 'race' })));
    const kinds = results.map((r) => r.__typename);
    expect(kinds.filter((k) => k === 'RewardRedeemed')).toHaveLength(5);
    expect(kinds.filter((k) => k === 'RewardOutOfStockError')).toHaveLength(15);
    const em = t.app.dataSource.manager;
    expect((await em.findOneByOrFail(Reward, { id: reward.dbId })).stock).toBe(0);
    expect(await em.count(Coupon, { where: { rewardId: reward.dbId } })).toBe(5);
    const balances = await Promise.all(members.map((m) => balanceOf(t, m.dbId)));
    expect(balances.filter((b) => b === 50)).toHaveLength(5);
    expect(balances.filter((b) => b === 100)).toHaveLength(15);
    for (const m of members) await expectLedgerInvariants(t, m.dbId);
  });

  it('one key sent ten times at once redeems once', async () => {
    const reward = await createReward(t, admin, { costPoints: 40 });
    const m = await newMember(t, pos);
    await givePoints(t, m.dbId, 1000);
    const results = await Promise.all(Array.from({ length: 10 }, () => redeem({ rewardId: reward.id, memberId: m.id, idempotencyKey: 'same' })));
    expect(results.every((r) => r.__typename === 'RewardRedeemed')).toBe(true);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.coupon.code)).size).toBe(1);
    expect(await t.app.dataSource.manager.count(RewardRedemption, { where: { memberId: m.dbId } })).toBe(1);
    expect(await balanceOf(t, m.dbId)).toBe(960);
    await expectLedgerInvariants(t, m.dbId);
  });

  it('per-member limit holds for two keys at once and afterwards', async () => {
    const reward = await createReward(t, admin, { costPoints: 10, perMemberLimit: 1 });
    const m = await newMember(t, pos);
    await givePoints(t, m.dbId, 1000);
    const results = await Promise.all([redeem({ rewardId: reward.id, memberId: m.id, idempotencyKey: 'a' }), redeem({ rewardId: reward.id, memberId: m.id, idempotencyKey: 'b' })]);
    expect(results.map((r) => r.__typename).sort()).toEqual(['RewardLimitReachedError', 'RewardRedeemed']);
    expect(await redeem({ rewardId: reward.id, memberId: m.id, idempotencyKey: 'c' })).toMatchObject({ __typename: 'RewardLimitReachedError', limit: 1 });
    expect(await balanceOf(t, m.dbId)).toBe(990);
    await expectLedgerInvariants(t, m.dbId);
  });

  it('refuses outside the dates, below the tier, when archived and without the points, changing nothing', async () => {
    const m = await newMember(t, pos);
    await givePoints(t, m.dbId, 100);
    const expired = await createReward(t, admin, { costPoints: 10, stock: 3 });
    await t.gql(UPDATE_REWARD, { id: expired.id, input: { validUntil: new Date(Date.now() - 60_000).toISOString() } }, { token: admin });
    const early = await createReward(t, admin, { costPoints: 10, validFrom: new Date(Date.now() + 86_400_000).toISOString() });
    const gold = await createReward(t, admin, { code: 'gold-event', kind: 'EXPERIENCE', costPoints: 10, minTier: 'gold' });
    const pricey = await createReward(t, admin, { costPoints: 500, stock: 3 });
    const archived = await createReward(t, admin, { costPoints: 10 });
    await t.gql(`mutation($id: ID!) { setRewardStatus(id: $id, status: ARCHIVED) { __typename } }`, { id: archived.id }, { token: admin });
    const attempt = (id: string) => redeem({ rewardId: id, memberId: m.id, idempotencyKey: `try-${id}` });
    expect(await attempt(expired.id)).toMatchObject({ __typename: 'RewardNotAvailableError', reason: 'EXPIRED' });
    expect(await attempt(early.id)).toMatchObject({ __typename: 'RewardNotAvailableError', reason: 'NOT_YET_VALID' });
    expect(await attempt(gold.id)).toMatchObject({ __typename: 'RewardNotAvailableError', reason: 'TIER_TOO_LOW' });
    expect(await attempt(archived.id)).toMatchObject({ __typename: 'RewardNotAvailableError', reason: 'ARCHIVED' });
    expect(await attempt(pricey.id)).toMatchObject({ __typename: 'InsufficientPointsError', available: 100, requested: 500 });
    expect((await redeem({ rewardId: 'UmV3YXJkOjk5OTk5', memberId: m.id, idempotencyKey: 'nf' })).__typename).toBe('NotFoundError');
    const em = t.app.dataSource.manager;
    expect(await balanceOf(t, m.dbId)).toBe(100);
    expect(await em.count(RewardRedemption, { where: { memberId: m.dbId } })).toBe(0);
    expect(await em.count(Coupon, { where: { memberId: m.dbId } })).toBe(0);
    expect((await em.findOneByOrFail(Reward, { id: pricey.dbId })).stock).toBe(3);
    // A gold member may have the gold reward.
    const account = await t.app.services.ledger.openAccount(em, m.dbId, programId);
    const goldTier = (await t.app.services.programs.tiers(em, programId)).find((tier) => tier.code === 'gold')!;
    await em.update('loyalty_accounts', account.id, { tierId: goldTier.id });
    expect((await attempt(gold.id)).__typename).toBe('RewardRedeemed');
    await expectLedgerInvariants(t, m.dbId);
  });

  it('the catalog says, for a member, what is affordable and why not', async () => {
    const member = await signUpMember(t, 'catalog@example.com');
    await givePoints(t, member.dbId, 320);
    const res = await t.gql(`{ rewardCatalog { affordable reasons reward { code costPoints status } } }`, {}, { token: member.token });
    const byCode = new Map(res.body.data.rewardCatalog.map((o: { reward: { code: string } }) => [o.reward.code, o]));
    expect(byCode.get('free-coffee')).toMatchObject({ affordable: true, reasons: [] });
    expect(byCode.get('gold-event')).toMatchObject({ affordable: false, reasons: ['TIER_TOO_LOW'] });
    expect([...byCode.values()].every((o) => (o as { reward: { status: string } }).reward.status === 'ACTIVE')).toBe(true);
    const sold = [...byCode.values()].find((o) => (o as { reasons: string[] }).reasons.includes('OUT_OF_STOCK'));
    expect(sold).toBeTruthy();
    // Another member's catalog view is not the member's to ask for.
    const other = await newMember(t, pos);
    const denied = await t.gql(`query($m: ID) { rewardCatalog(memberId: $m) { affordable } }`, { m: other.id }, { token: member.token });
    expect(denied.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknownProgram = await t.gql(`query($p: ID) { rewards(programId: $p) { edges { node { code } } } }`, { p: 'UHJvZ3JhbTo5OTk5OQ==' }, { token: admin });
    expect(unknownProgram.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const staffList = await t.gql(`{ rewards(status: ACTIVE, first: 2) { edges { node { code } } pageInfo { hasNextPage } } }`, {}, { token: admin });
    expect(staffList.body.data.rewards).toMatchObject({ edges: [{ node: { code: 'unicode' } }, { node: { code: 'free-coffee' } }], pageInfo: { hasNextPage: true } });
  });
});
