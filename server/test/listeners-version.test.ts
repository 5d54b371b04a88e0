import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityManager } from 'typeorm';
import { createApp, type App } from '../src/app';
import { Campaign } from '../src/campaigns/campaign.entity';
import { inTransaction } from '../src/db/transaction';
import { withQueryStats } from '../src/db/query-stats';
import { Program } from '../src/programs/program.entity';
import { Referral } from '../src/referrals/referral.entity';
import { WebhookDelivery } from '../src/notifications/webhook-delivery.entity';
import { createTestApp, dialect, type TestApp } from './harness';

/**
 * The campaigns and the listeners' probes are kept in memory under the program's listeners
 * version (rules/listeners-version.ts). Two instances on one database: whatever one changes,
 * the other's next event sees, with no message between them; and nothing uncommitted, no
 * budget spent and no referral qualified moves the version for nothing.
 */
const TEN_A_VISIT = {
  nodes: [
    { id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } },
    { id: 'a', kind: 'action.awardPoints', params: { amount: 10 }, position: { x: 0, y: 0 } },
  ],
  edges: [{ id: 'e', source: 't', sourcePort: 'out', target: 'a' }],
};

describe(`listeners version on ${dialect}`, () => {
  let t: TestApp;
  let a: App;
  let b: App;
  let program: Program;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp();
    a = t.app;
    // The second instance: same database, its own memory.
    b = await createApp({ ...a.config, MIGRATIONS_RUN: false, SEED_DEMO: false });
    program = await a.services.programs.create(a.dataSource.manager, { code: 'bonus', name: 'Bonus', isDefault: true });
  });
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  const member = async (app: App) => (await app.services.members.create(app.dataSource.manager, { externalId: `LV-${++seq}` })).member;
  const buy = async (app: App, memberId: number, totalMinor = 100_00) =>
    app.services.purchases.record(app.dataSource, { externalId: `LV-P${++seq}`, memberId, totalMinor, currency: 'RUB', channel: 'store' }, { kind: 'system', id: null });
  const versionOf = async (em: EntityManager) => (await em.findOneByOrFail(Program, { id: program.id })).listenersVersion;
  const statementsOf = async (work: () => Promise<unknown>) => {
    const stats = { statements: 0 };
    await withQueryStats(stats, work);
    return stats.statements;
  };

  it('reads the campaigns and probes once per version, and again when another instance publishes, pauses or ends a campaign', async () => {
    const buyer = await member(a);
    await buy(b, buyer.id); // opens the account, fills B's memory
    const plain = await statementsOf(() => buy(b, buyer.id));
    expect(await statementsOf(() => buy(b, buyer.id))).toBe(plain);

    const before = await versionOf(a.dataSource.manager);
    const created = await a.services.campaigns.create(a.dataSource.manager, { name: 'Ten a visit', graph: TEN_A_VISIT }, null);
    await a.services.campaigns.publish(a.dataSource.manager, created.id, null, null);
    expect(await versionOf(a.dataSource.manager)).toBeGreaterThan(before);
    // B's next purchase reads the new version with its program, then the campaigns once.
    expect((await buy(b, buyer.id)).campaignPoints).toBe(10);
    expect((await buy(b, buyer.id)).campaignPoints).toBe(10);

    // Paused on A through a plain update (a query builder, not the service): B stops at once.
    await a.dataSource.manager.update(Campaign, created.id, { status: 'paused' });
    expect((await buy(b, buyer.id)).campaignPoints).toBe(0);
    await a.dataSource.manager.update(Campaign, created.id, { status: 'active' });
    expect((await buy(b, buyer.id)).campaignPoints).toBe(10);

    // A window is applied per event, not per read: the campaign ends without a write.
    const end = new Date(Date.now() + 60_000);
    await a.dataSource.manager.update(Campaign, created.id, { endsAt: end });
    const kept = await versionOf(a.dataSource.manager);
    expect((await buy(b, buyer.id)).campaignPoints).toBe(10);
    const later = await b.services.rules.onEvent(b.dataSource.manager, await b.dataSource.manager.findOneByOrFail(Program, { id: program.id }), buyer.id, {
      type: 'purchase',
      memberId: String(buyer.id),
      occurredAt: new Date(end.getTime() + 1000).toISOString(),
      purchase: { totalMinor: 100_00, currency: 'RUB', channel: 'store', items: [], basePoints: 100 },
    }, { now: new Date(end.getTime() + 1000) });
    expect(later).toEqual([]);
    expect(await versionOf(a.dataSource.manager)).toBe(kept);
    await a.dataSource.manager.update(Campaign, created.id, { status: 'archived', endsAt: null });
    expect((await buy(b, buyer.id)).campaignPoints).toBe(0);
  });

  it('moves for a budgeted campaign’s rules, not for what it spends', async () => {
    const buyer = await member(a);
    const created = await a.services.campaigns.create(a.dataSource.manager, { name: 'Budgeted', graph: TEN_A_VISIT }, null);
    await a.services.campaigns.publish(a.dataSource.manager, created.id, null, null);
    await a.dataSource.manager.update(Campaign, created.id, { budgetPoints: 1_000 });
    expect((await buy(b, buyer.id)).campaignPoints).toBe(10);
    const version = await versionOf(a.dataSource.manager);
    const plain = await statementsOf(() => buy(b, buyer.id));
    expect((await a.dataSource.manager.findOneByOrFail(Campaign, { id: created.id })).spentPoints).toBe(20);
    // Spending the budget wrote the campaign row twice and moved nothing: no read again.
    expect(await versionOf(a.dataSource.manager)).toBe(version);
    expect(await statementsOf(() => buy(b, buyer.id))).toBe(plain);
    await a.dataSource.manager.update(Campaign, created.id, { status: 'archived' });
  });

  it('a pending referral made on one instance qualifies on the other’s next purchase', async () => {
    const referrer = await member(a);
    const friend = await member(a);
    await buy(b, (await member(a)).id); // B learns "no referral pending" for purchases
    expect(await a.dataSource.manager.count(Referral, { where: { status: 'pending' } })).toBe(0);
    const referral = await inTransaction(a.dataSource, (em) => a.services.referrals.refer(em, friend, referrer.referralCode!, ['code']));
    expect(referral?.status).toBe('pending');
    await buy(b, friend.id, 500_00);
    expect((await a.dataSource.manager.findOneByOrFail(Referral, { id: referral!.id })).status).toBe('qualified');
    // Qualifying it (pending → qualified) moved nothing: no probe answer can turn true that way.
    const version = await versionOf(a.dataSource.manager);
    await buy(b, friend.id);
    expect(await versionOf(a.dataSource.manager)).toBe(version);
  });

  it('a webhook subscribed on one instance hears the other’s next purchase', async () => {
    const buyer = await member(a);
    await buy(b, buyer.id);
    const before = await a.dataSource.manager.count(WebhookDelivery);
    await a.services.webhooks.create(a.dataSource.manager, { url: 'https://hooks.example.com/patron', eventTypes: ['purchase'] });
    await buy(b, buyer.id);
    expect(await a.dataSource.manager.count(WebhookDelivery)).toBe(before + 1);
  });

  it('keeps nothing a rolled-back transaction read of its own writes', async () => {
    const buyer = await member(a);
    const created = await a.services.campaigns.create(a.dataSource.manager, { name: 'Never committed', graph: TEN_A_VISIT }, null);
    const version = await versionOf(a.dataSource.manager);
    await expect(
      inTransaction(a.dataSource, async (em) => {
        await a.services.campaigns.publish(em, created.id, null, null);
        // Inside the transaction the new campaign runs: it reads its own write…
        const inside = await a.services.rules.onEvent(em, await em.findOneByOrFail(Program, { id: program.id }), buyer.id, {
          type: 'purchase',
          memberId: String(buyer.id),
          occurredAt: new Date().toISOString(),
          purchase: { totalMinor: 100_00, currency: 'RUB', channel: 'store', items: [], basePoints: 100 },
        });
        expect(inside.map((o) => o.campaignId)).toContain(created.id);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // …and after the rollback neither instance runs it: the version is back where it was.
    expect(await versionOf(a.dataSource.manager)).toBe(version);
    expect((await buy(a, buyer.id)).campaignPoints).toBe(0);
    expect((await buy(b, buyer.id)).campaignPoints).toBe(0);
  });

  it('a savepoint rolled back takes its move with it, and the transaction moves again for what it keeps', async () => {
    const buyer = await member(a);
    const created = await a.services.campaigns.create(a.dataSource.manager, { name: 'After a savepoint', graph: TEN_A_VISIT }, null);
    expect((await buy(b, buyer.id)).campaignPoints).toBe(0);
    const version = await versionOf(a.dataSource.manager);
    await inTransaction(a.dataSource, async (em) => {
      await em
        .transaction(async (inner) => {
          await inner.update(Campaign, created.id, { priority: 7 });
          throw new Error('undo the savepoint');
        })
        .catch(() => undefined);
      await a.services.campaigns.publish(em, created.id, null, null);
    });
    expect(await versionOf(a.dataSource.manager)).toBe(version + 1);
    expect((await a.dataSource.manager.findOneByOrFail(Campaign, { id: created.id })).priority).not.toBe(7);
    expect((await buy(b, buyer.id)).campaignPoints).toBe(10);
    await a.dataSource.manager.update(Campaign, created.id, { status: 'archived' });
  });

  it('an event that did not read the version itself (a program object held from earlier) reads the campaigns', async () => {
    const buyer = await member(b);
    const held = await b.dataSource.manager.findOneByOrFail(Program, { id: program.id });
    const event = { type: 'purchase' as const, memberId: String(buyer.id), occurredAt: new Date().toISOString(), purchase: { totalMinor: 100_00, currency: 'RUB', channel: 'store', items: [], basePoints: 100 } };
    expect(await b.services.rules.onEvent(b.dataSource.manager, held, buyer.id, event)).toEqual([]);
    await buy(b, buyer.id); // B's memory holds the current version
    const created = await a.services.campaigns.create(a.dataSource.manager, { name: 'Published meanwhile', graph: TEN_A_VISIT }, null);
    await a.services.campaigns.publish(a.dataSource.manager, created.id, null, null);
    const outcomes = await inTransaction(b.dataSource, (em) => b.services.rules.onEvent(em, held, buyer.id, event));
    expect(outcomes.map((o) => o.campaignId)).toEqual([created.id]);
    await a.dataSource.manager.update(Campaign, created.id, { status: 'archived' });
  });

  it('a program’s earning or a tier changed on one instance is what the other’s next purchase earns by', async () => {
    const buyer = await member(a);
    expect((await buy(b, buyer.id)).pointsEarned).toBe(100); // one point per 100 minor units; B keeps the program
    const plain = await statementsOf(() => buy(b, buyer.id));
    await a.services.programs.update(a.dataSource.manager, program.id, { earnPoints: 3 });
    // B reads the version with the member, finds it moved, reads the program once more (and
    // the campaigns and probes, kept under the same version)…
    expect(await statementsOf(async () => expect((await buy(b, buyer.id)).pointsEarned).toBe(300))).toBe(plain + 2);
    // …and keeps it: the next purchase is back to the plain count.
    expect(await statementsOf(async () => expect((await buy(b, buyer.id)).pointsEarned).toBe(300))).toBe(plain);

    // A tier every member qualifies for, earning double: B's next purchase puts the member in
    // it (by the tiers B read again), and the one after earns by it.
    const basic = await a.services.programs.saveTier(a.dataSource.manager, program.id, { code: 'basic', name: 'Basic', rank: 0, threshold: 0, earnMultiplierPercent: 200 });
    expect((await buy(b, buyer.id)).tierChange?.toTierId).toBe(basic.id);
    expect((await buy(b, buyer.id)).pointsEarned).toBe(600);
    await a.services.programs.saveTier(a.dataSource.manager, program.id, { earnMultiplierPercent: 100 }, basic.id);
    expect((await buy(b, buyer.id)).pointsEarned).toBe(300);
    await a.services.programs.update(a.dataSource.manager, program.id, { earnPoints: 1 });
    expect((await buy(b, buyer.id)).pointsEarned).toBe(100);
  });

  it('a save() of a program read before a move does not put the version back', async () => {
    const stale = await a.dataSource.manager.findOneByOrFail(Program, { id: program.id });
    const created = await a.services.campaigns.create(a.dataSource.manager, { name: 'Moves the version', graph: TEN_A_VISIT }, null);
    const moved = await versionOf(a.dataSource.manager);
    expect(moved).toBeGreaterThan(stale.listenersVersion);
    stale.name = 'Bonus, renamed';
    await a.dataSource.manager.save(stale);
    // The save wrote the name, not the old version; and it moved the version itself (a program write).
    expect(await versionOf(a.dataSource.manager)).toBe(moved + 1);
    await a.dataSource.manager.delete(Campaign, created.id);
  });

  it('keeps nothing of a program changed in a transaction rolled back', async () => {
    const buyer = await member(a);
    expect((await buy(a, buyer.id)).pointsEarned).toBe(100);
    await expect(
      inTransaction(a.dataSource, async (em) => {
        await a.services.programs.update(em, program.id, { earnPoints: 5 });
        // The transaction sees its own change…
        const inside = await a.services.ledger.lockNamedMember(em, null, { id: buyer.id });
        expect(inside.program.earnPoints).toBe(5);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // …and no instance keeps it: not under the version it would have had, which the next
    // change anywhere gives the program.
    expect((await buy(a, buyer.id)).pointsEarned).toBe(100);
    const created = await b.services.campaigns.create(b.dataSource.manager, { name: 'Moves the version on', graph: TEN_A_VISIT }, null);
    expect((await buy(a, buyer.id)).pointsEarned).toBe(100);
    expect((await buy(b, buyer.id)).pointsEarned).toBe(100);
    await a.dataSource.manager.delete(Campaign, created.id);
  });

  it('locks the member and their account with the version, not the program', async () => {
    if (dialect !== 'mysql') return; // SQLite has no row locks: a write transaction holds the database
    const buyer = await member(a);
    await buy(a, buyer.id); // A keeps the program: the next read is the one statement
    const other = await b.dataSource.createQueryRunner();
    await other.connect();
    await other.query('SET SESSION innodb_lock_wait_timeout = 1');
    try {
      await inTransaction(a.dataSource, async (em) => {
        const found = await a.services.ledger.lockNamedMember(em, null, { id: buyer.id });
        expect(found.account?.memberId).toBe(buyer.id);
        // Another connection can write the program (every purchase reads its version)…
        await other.query('UPDATE programs SET name = name WHERE id = ?', [program.id]);
        // …but not the member or the account until this transaction ends.
        await expect(other.query('UPDATE members SET updatedAt = updatedAt WHERE id = ?', [buyer.id])).rejects.toThrow(/Lock wait timeout/);
        await expect(other.query('UPDATE loyalty_accounts SET updatedAt = updatedAt WHERE id = ?', [found.account!.id])).rejects.toThrow(/Lock wait timeout/);
      });
    } finally {
      await other.release();
    }
  });

  it('a new default program set on one instance takes the other’s next purchase that names none', async () => {
    const buyer = await member(a);
    expect((await buy(b, buyer.id)).purchase.programId).toBe(program.id);
    const second = await a.services.programs.create(a.dataSource.manager, { code: 'second', name: 'Second', isDefault: true, earnPoints: 2 });
    const receipt = await buy(b, buyer.id);
    expect(receipt.purchase.programId).toBe(second.id);
    expect(receipt.pointsEarned).toBe(200);
    await a.services.programs.update(a.dataSource.manager, program.id, { isDefault: true });
    expect((await buy(b, buyer.id)).purchase.programId).toBe(program.id);
  });
});
