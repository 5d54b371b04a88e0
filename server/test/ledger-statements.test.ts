import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onStatement } from '../src/db/query-stats';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { LedgerEntry } from '../src/ledger/ledger-entry.entity';
import { Redemption } from '../src/ledger/redemption.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { ADJUST, expectLedgerInvariants, loyaltySetup, newMember, publishTenAVisit, REDEEM, RECORD_PURCHASE, REFUND } from './loyalty-harness';

/**
 * The ledger write path's statements, pinned: a change that adds a statement to a
 * purchase or a redemption fails here and has to say why (see the performance issue and
 * bench/ledger.ts). Counted over HTTP, as a till sees it: the API key, the transaction,
 * the work, the audit entry. A pooled MySQL connection used for the first time adds one
 * statement (READ COMMITTED for its session), so each figure is the least of a few calls.
 * The packets that carry them on MySQL are pinned in round-trips.test.ts.
 */
const ON_MYSQL = {
  // key, START, the member with their account FOR UPDATE and the program's version (one
  // statement: the program and its tiers are kept in memory under that version, as are the
  // campaigns and the listeners' probes, rules/listeners-version.ts), purchase, item,
  // account UPDATE, entry, lot, COMMIT, audit. After the first purchase, no program,
  // campaign or probe read until staff change something.
  purchase: 10,
  // + the campaign's trace and its own earn on that same account (UPDATE, entry, lot): its
  // base facts are the purchase's own (member, locked account), the member's clubs are read
  // only for a rule with a club condition, cap usage only for one with a cap node, and the
  // answer's account is the ledger's copy (read back only after an effect beside the ledger)
  purchaseWithCampaign: 14,
  // key, START, the member with their account FOR UPDATE and the program's version (one
  // statement), available lots (one read: the ones past their date expire, the rest pay),
  // lot UPDATE, account UPDATE, entry, redemption (which points at the entry: the entry is
  // never updated), COMMIT, audit
  redeem: 10,
};
// SQLite has no RETURNING in TypeORM's driver: an insert through TypeORM of a row with
// defaults (a campaign's trace…) is read back; the ledger's own inserts (purchase, items,
// entry, lot, in db/write-rows.ts) set their literal defaults themselves and are not.
const ON_SQLITE = { purchase: 10, purchaseWithCampaign: 14, redeem: 10 };
const EXPECTED = dialect === 'mysql' ? ON_MYSQL : ON_SQLITE;

describe(`ledger write path statements on ${dialect}`, () => {
  let t: TestApp;
  let admin: string;
  let pos: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ admin, pos } = await loyaltySetup(t));
  });
  afterAll(async () => {
    await t?.close();
  });

  async function leastOf(times: number, call: (i: number) => Promise<{ statements: number; body: { data?: Record<string, { __typename: string }> } }>) {
    const counts: number[] = [];
    for (let i = 0; i < times; i++) {
      const res = await call(i);
      expect(Object.values(res.body.data ?? {})[0]?.__typename, JSON.stringify(res.body)).toMatch(/PurchaseRecorded|PointsRedeemed/);
      counts.push(res.statements);
    }
    return Math.min(...counts);
  }

  const purchase = (memberId: string, externalId: string) =>
    t.gql(RECORD_PURCHASE, { input: { externalId, memberId, totalMinor: 500_00, currency: 'RUB', channel: 'STORE', items: [{ sku: 'LATTE', quantity: 2, unitPriceMinor: 250_00 }] } }, { token: pos });

  it('records a purchase with no campaign, and redeems, in a fixed number of statements', async () => {
    const member = await newMember(t, pos);
    await purchase(member.id, 'S-open'); // opens the account
    expect(await leastOf(3, (i) => purchase(member.id, `S-${i}`))).toBe(EXPECTED.purchase);
    expect(await leastOf(3, (i) => t.gql(REDEEM, { input: { externalId: `SX-${i}`, memberId: member.id, points: 5 } }, { token: pos }))).toBe(EXPECTED.redeem);
    await expectLedgerInvariants(t, member.dbId);
  });

  it('records a purchase with one campaign that awards points in a fixed number of statements', async () => {
    await publishTenAVisit(t, admin);
    const member = await newMember(t, pos);
    await purchase(member.id, 'C-open');
    expect(await leastOf(3, (i) => purchase(member.id, `C-${i}`))).toBe(EXPECTED.purchaseWithCampaign);
    await expectLedgerInvariants(t, member.dbId);

    // A member with a tier: the campaign sees the tier's code from the tiers the purchase
    // already read with its program, not from a read of its own. One statement more than
    // above, the tier's own: the tier in the answer, read after COMMIT. The member holds the
    // top tier, so no figure is read to qualify for one above it.
    const em = t.app.dataSource.manager;
    const program = await t.app.services.programs.resolve(em);
    const gold = await t.app.services.programs.saveTier(em, program.id, { code: 'gold', name: 'Gold', rank: 3, threshold: 1_000_000 });
    const tiered = await newMember(t, pos);
    await purchase(tiered.id, 'CT-open');
    await em.update(LoyaltyAccount, { memberId: tiered.dbId, programId: program.id }, { tierId: gold.id });
    expect(await leastOf(3, (i) => purchase(tiered.id, `CT-${i}`))).toBe(EXPECTED.purchaseWithCampaign + 1);
    await expectLedgerInvariants(t, tiered.dbId);
  });

  it('only ever appends to the ledger: no call updates or deletes an entry, and a redemption points at its own', async () => {
    const member = await newMember(t, pos);
    const writes: string[] = [];
    const stop = onStatement((sql) => {
      if (/^\s*(UPDATE|DELETE FROM|REPLACE)\s+[`"]?ledger_entries\b/i.test(sql)) writes.push(sql);
    });
    try {
      for (const [name, res] of [
        ['purchase', await purchase(member.id, 'A-1')],
        ['purchase', await purchase(member.id, 'A-2')],
        ['redeem', await t.gql(REDEEM, { input: { externalId: 'A-X1', memberId: member.id, points: 7 } }, { token: pos })],
        ['refund', await t.gql(REFUND, { input: { externalId: 'A-R1', purchaseExternalId: 'A-1', amountMinor: 500_00 } }, { token: pos })],
        ['adjust', await t.gql(ADJUST, { input: { memberId: member.id, points: -3, reason: 'Correction' } }, { token: admin })],
      ] as const) {
        expect(Object.values(res.body.data ?? {})[0], `${name}: ${JSON.stringify(res.body)}`).toMatchObject({ __typename: expect.stringMatching(/Recorded|Redeemed|Adjusted/) });
      }
    } finally {
      stop();
    }
    expect(writes).toEqual([]);
    const [redemption] = await t.app.dataSource.manager.find(Redemption, { where: { externalId: 'A-X1' } });
    const entry = await t.app.dataSource.manager.findOneByOrFail(LedgerEntry, { id: redemption.entryId });
    expect(entry).toMatchObject({ memberId: member.dbId, kind: 'redeem', availableChange: -7, redemptionId: null });
    // An entry pays for one redemption only.
    await expect(t.app.dataSource.manager.insert(Redemption, { ...redemption, id: undefined, externalId: 'A-X2' })).rejects.toThrow(/unique|duplicate/i);
    await expectLedgerInvariants(t, member.dbId);
  });
});
