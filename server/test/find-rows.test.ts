import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKey } from '../src/auth/api-key.entity';
import { Campaign } from '../src/campaigns/campaign.entity';
import { In } from 'typeorm';
import { findRow, findRowsIn, findRowWithChildren, findRows, selectRows } from '../src/db/find-rows';
import { loadByIds } from '../src/db/load-by-ids';
import { withQueryStats } from '../src/db/query-stats';
import { inTransaction } from '../src/db/transaction';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { Member } from '../src/members/member.entity';
import { Program } from '../src/programs/program.entity';
import { Tier } from '../src/programs/tier.entity';
import { activeCampaignsWith } from '../src/rules/campaign-index';
import { createTestApp, dialect, type TestApp } from './harness';
import { loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';

/**
 * The hot paths' lookups read the same entities as TypeORM's own find: every column, with
 * the driver's conversions (dates, booleans, JSON, decimals) and the columns' transformers.
 */
describe(`findRows on ${dialect}`, () => {
  let t: TestApp;
  let program: Program;
  let memberId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const setup = await loyaltySetup(t);
    program = setup.program;
    const member = await newMember(t, setup.pos);
    memberId = member.dbId;
    const em = t.app.dataSource.manager;
    await em.update(Member, memberId, { attributes: { city: 'Казань', vip: true }, birthday: '1990-05-17' });
    await t.app.services.programs.saveTier(em, program.id, { code: 'silver', name: 'Silver', rank: 2, threshold: 1000, earnMultiplierPercent: 150, perks: ['free coffee'] });
    await t.app.services.programs.saveTier(em, program.id, { code: 'basic', name: 'Basic', rank: 1, threshold: 0 });
    await t.gql(RECORD_PURCHASE, { input: { externalId: 'F-1', memberId: member.id, totalMinor: 1234_00, currency: 'RUB', channel: 'STORE' } }, { token: setup.pos });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives what findOne gives, for each hot entity', async () => {
    const em = t.app.dataSource.manager;
    expect(await findRow(em, Member, { id: memberId })).toEqual(await em.findOne(Member, { where: { id: memberId } }));
    expect(await findRow(em, Program, { id: program.id })).toEqual(await em.findOne(Program, { where: { id: program.id } }));
    expect(await findRow(em, Program, { isDefault: true })).toEqual(await em.findOne(Program, { where: { isDefault: true } }));
    const key = (await em.find(ApiKey))[0];
    expect(await findRow(em, ApiKey, { tokenHash: key.tokenHash })).toEqual(key);
    const account = await em.findOneOrFail(LoyaltyAccount, { where: { memberId, programId: program.id } });
    expect(account.lifetimeSpendMinor).toBeGreaterThan(0);
    expect(await findRow(em, LoyaltyAccount, { memberId, programId: program.id })).toEqual(account);
    const tiers = await findRows(em, Tier, { programId: program.id }, { orderBy: 'rank' });
    expect(tiers).toEqual(await em.find(Tier, { where: { programId: program.id }, order: { rank: 'ASC' } }));
    expect(tiers.length).toBeGreaterThanOrEqual(2);
    const member = await findRow(em, Member, { id: memberId });
    expect(member).toBeInstanceOf(Member);
    expect(member!.attributes).toEqual({ city: 'Казань', vip: true });
    expect(member!.createdAt).toBeInstanceOf(Date);
  });

  it('reads rows by a list of keys as find with In reads them, in one statement, and none for an empty list', async () => {
    const em = t.app.dataSource.manager;
    const ids = (await em.find(Member, { select: { id: true } })).map((m) => m.id);
    const byId = (rows: { id: number }[]) => [...rows].sort((a, b) => a.id - b.id);
    const stats = { statements: 0 };
    const rows = await withQueryStats(stats, () => findRowsIn(em, Member, 'id', [...ids, 987_654]));
    expect(stats.statements).toBe(1);
    expect(byId(rows)).toEqual(byId(await em.find(Member, { where: { id: In(ids) } })));
    expect(rows[0]).toBeInstanceOf(Member);
    const accounts = await findRowsIn(em, LoyaltyAccount, 'memberId', [memberId, 987_654], { programId: program.id });
    expect(accounts).toEqual(await em.find(LoyaltyAccount, { where: { memberId: In([memberId]), programId: program.id } }));
    expect(await findRowsIn(em, LoyaltyAccount, 'memberId', [memberId], { programId: 987_654 })).toEqual([]);
    const none = { statements: 0 };
    expect(await withQueryStats(none, () => findRowsIn(em, Member, 'id', []))).toEqual([]);
    expect(none.statements).toBe(0);
    // DataLoader's contract: in the order asked, null where there is no row, ids that are no number skipped.
    const loaded = await loadByIds(em, Member, [987_654, memberId, 'x', String(memberId)]);
    expect(loaded.map((m) => m?.id ?? null)).toEqual([null, memberId, null, memberId]);
    expect(loaded[1]).toEqual(await em.findOne(Member, { where: { id: memberId } }));
  });

  it('reads nothing for no match, one statement a call, and locks inside a transaction', async () => {
    const em = t.app.dataSource.manager;
    expect(await findRow(em, Member, { id: 987_654 })).toBeNull();
    const stats = { statements: 0 };
    await withQueryStats(stats, () => findRow(em, Member, { id: memberId }));
    expect(stats.statements).toBe(1);
    const seen: string[] = [];
    const { onStatement } = await import('../src/db/query-stats');
    const off = onStatement((sql) => seen.push(sql));
    const locked = await inTransaction(t.app.dataSource, (tx) => findRow(tx, LoyaltyAccount, { memberId, programId: program.id }, { lock: true }));
    off();
    expect(locked?.memberId).toBe(memberId);
    expect(seen.some((sql) => sql.includes('FOR UPDATE'))).toBe(dialect === 'mysql');
  });

  it('reads a program with its tiers in one statement, as find reads them, and a program without tiers with none', async () => {
    const em = t.app.dataSource.manager;
    const stats = { statements: 0 };
    const found = await withQueryStats(stats, () => findRowWithChildren(em, Program, { id: program.id }, { entity: Tier, link: 'programId', orderBy: 'rank' }));
    expect(stats.statements).toBe(1);
    expect(found!.row).toEqual(await em.findOne(Program, { where: { id: program.id } }));
    expect(found!.row).toBeInstanceOf(Program);
    expect(found!.children).toEqual(await em.find(Tier, { where: { programId: program.id }, order: { rank: 'ASC' } }));
    expect(found!.children.map((tier) => tier.rank)).toEqual([...found!.children.map((tier) => tier.rank)].sort((a, b) => a - b));
    expect(found!.children.find((tier) => tier.code === 'silver')!.perks).toEqual(['free coffee']);
    const bare = await t.app.services.programs.create(em, { code: `bare-${Date.now()}`, name: 'No tiers' });
    expect(await findRowWithChildren(em, Program, { id: bare.id }, { entity: Tier, link: 'programId', orderBy: 'rank' })).toEqual({ row: await em.findOne(Program, { where: { id: bare.id } }), children: [], besideRow: null });
    expect(await findRowWithChildren(em, Program, { id: 987_654 }, { entity: Tier, link: 'programId', orderBy: 'rank' })).toBeNull();
    // The service: by id, by default, and an unknown id refused as resolve refuses it.
    expect((await t.app.services.programs.resolveWithTiers(em, program.id)).tiers).toEqual(found!.children);
    expect((await t.app.services.programs.resolveWithTiers(em)).program.id).toBe((await t.app.services.programs.resolve(em)).id);
    await expect(t.app.services.programs.resolveWithTiers(em, 987_654)).rejects.toThrow(/Program/);
  });

  it('reads the member beside the program and its tiers in the same statement, and says which one is missing', async () => {
    const em = t.app.dataSource.manager;
    const tiers = { entity: Tier, link: 'programId' as const, orderBy: 'rank' as const };
    const stats = { statements: 0 };
    const found = await withQueryStats(stats, () => findRowWithChildren(em, Program, { id: program.id }, tiers, { entity: Member, where: { id: memberId } }));
    expect(stats.statements).toBe(1);
    const alone = await findRowWithChildren(em, Program, { id: program.id }, tiers);
    expect(found).toEqual({ ...alone, besideRow: await em.findOne(Member, { where: { id: memberId } }) });
    expect(found!.besideRow).toBeInstanceOf(Member);
    expect(found!.besideRow!.attributes).toEqual({ city: 'Казань', vip: true });
    // A member that does not exist leaves the program and its tiers as they are.
    expect(await findRowWithChildren(em, Program, { id: program.id }, tiers, { entity: Member, where: { id: 987_654 } })).toEqual({ ...alone, besideRow: null });
    expect(await findRowWithChildren(em, Program, { id: 987_654 }, tiers, { entity: Member, where: { id: memberId } })).toBeNull();
    await expect(findRowWithChildren(em, Program, { id: program.id }, tiers, { entity: Member, where: {} })).rejects.toThrow(/needs a key/);

    // The service, by id and by external id, in the default program or a named one.
    const programs = t.app.services.programs;
    const member = await em.findOneOrFail(Member, { where: { id: memberId } });
    const once = { statements: 0 };
    const byId = await withQueryStats(once, () => programs.resolveWithMember(em, null, { id: memberId }));
    expect(once.statements).toBe(1);
    expect(byId).toEqual({ ...(await programs.resolveWithTiers(em)), member });
    expect((await programs.resolveWithMember(em, program.id, { externalId: member.externalId! })).member).toEqual(member);
    // Missing: the member is said first, as the members service says it; then the program.
    await expect(programs.resolveWithMember(em, program.id, { id: 987_654 })).rejects.toMatchObject({ entity: 'Member', id: '987654' });
    await expect(programs.resolveWithMember(em, 987_654, { externalId: 'nobody' })).rejects.toMatchObject({ entity: 'Member', id: 'nobody' });
    await expect(programs.resolveWithMember(em, 987_654, { id: memberId })).rejects.toMatchObject({ entity: 'Program', id: '987654' });
  });

  it('finds the campaigns active now: their window, status and order, with dates compared as dates', async () => {
    const em = t.app.dataSource.manager;
    const graph = {
      nodes: [
        { id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } },
        { id: 'a', kind: 'action.awardPoints', params: { amount: 1 }, position: { x: 0, y: 0 } },
      ],
      edges: [{ id: 'e', source: 't', sourcePort: 'out', target: 'a' }],
    };
    const now = new Date('2026-12-03T12:00:00.000Z');
    const hour = 3_600_000;
    const make = async (name: string, settings: Partial<Pick<Campaign, 'priority' | 'status' | 'startsAt' | 'endsAt'>>) => {
      const created = await t.app.services.campaigns.create(em, { name, graph, programId: program.id }, null);
      await t.app.services.campaigns.publish(em, created.id, null, null);
      await em.update(Campaign, created.id, settings);
      return created.id;
    };
    const open = await make('Open', { priority: 1 });
    const first = await make('First by priority', { priority: 5, startsAt: new Date(now.getTime() - hour), endsAt: new Date(now.getTime() + hour) });
    const scheduled = await make('Scheduled, started a second ago', { status: 'scheduled', priority: 1, startsAt: new Date(now.getTime() - 1000) });
    await make('Not started', { startsAt: new Date(now.getTime() + 1000) });
    await make('Ended', { endsAt: now });
    await make('Paused', { status: 'paused' });
    const found = (await activeCampaignsWith(em, program.id, now, { expressions: [], parameters: [] })).campaigns;
    expect(found.map((c) => c.id)).toEqual([first, open, scheduled]);
    expect(found[0]).toBeInstanceOf(Campaign);
    expect(found[0].startsAt).toEqual(new Date(now.getTime() - hour));
    // The draft graph, which can be large, is not read: the entity keeps its empty default.
    expect(found[0].draftGraph).toEqual({ nodes: [], edges: [] });

    // With the listeners' probes in the same statement: the same campaigns, each probe
    // answered once, in order, with its own parameters; and answered too when no campaign runs.
    const probes = { expressions: ['EXISTS(SELECT 1 FROM campaigns WHERE name = ?)', 'EXISTS(SELECT 1 FROM campaigns WHERE name = ?)', 'EXISTS(SELECT 1 FROM members WHERE id = ?)'], parameters: ['Paused', 'No such campaign', -1] };
    const stats = { statements: 0 };
    const both = await withQueryStats(stats, () => activeCampaignsWith(em, program.id, now, probes));
    expect(stats.statements).toBe(1);
    expect(both.campaigns).toEqual(found);
    expect(both.probes.map(Number)).toEqual([1, 0, 0]);
    const none = await activeCampaignsWith(em, 987_654, now, probes);
    expect(none).toEqual({ campaigns: [], probes: expect.anything() });
    expect(none.probes.map(Number)).toEqual([1, 0, 0]);
  });

  it('refuses a column the entity does not have', async () => {
    await expect(findRow(t.app.dataSource.manager, Member, { nope: 1 } as never)).rejects.toThrow(/no column nope/);
    // A page is written into the SQL: only whole numbers get there.
    for (const page of [{ limit: 0, offset: 0 }, { limit: 5, offset: -1 }, { limit: 1.5, offset: 0 }, { limit: '1; DROP TABLE members' as never, offset: 0 }]) {
      await expect(selectRows(t.app.dataSource.manager, Member, { where: 'id > ?', parameters: [['id', 0]], orderBy: 'id', page })).rejects.toThrow(/bad page/);
    }
    const tiers = (offset: number) => selectRows(t.app.dataSource.manager, Tier, { where: 'programId = ?', parameters: [['programId', program.id]], orderBy: 'rank ASC', page: { limit: 1, offset } });
    expect((await tiers(0)).map((tier) => tier.code)).toEqual(['basic']);
    expect((await tiers(1)).map((tier) => tier.code)).toEqual(['silver']);
    expect(await tiers(2)).toEqual([]);
  });
});
