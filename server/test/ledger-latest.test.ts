import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/transaction';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import type { Program } from '../src/programs/program.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { loyaltySetup, newMember } from './loyalty-harness';

/**
 * A purchase answers with its account as the transaction left it, though a listener (an
 * offer's points) may have locked and earned on its own copy: the ledger knows the copy
 * each transaction last wrote through, and nothing of any other transaction.
 */
describe(`the ledger's latest copy of an account on ${dialect}`, () => {
  let t: TestApp;
  let program: Program;
  let memberId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const setup = await loyaltySetup(t);
    program = setup.program;
    memberId = (await newMember(t, setup.pos)).dbId;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is the copy another service earned on, within the transaction, and only there', async () => {
    const { services, dataSource } = t.app;
    const now = new Date();
    const earned = { points: 10, source: 'offer' as const, availableAt: now, expiresAt: null };
    const held = await inTransaction(dataSource, async (em) => {
      const mine = await services.ledger.openLocked(em, memberId, program);
      expect(services.ledger.latest(em, mine)).toBe(mine);
      // Another service finds the account by id and earns on its own, freshly locked copy.
      await services.ledger.earn(em, mine.id, 'earn', earned, now);
      const latest = services.ledger.latest(em, mine);
      expect(latest).not.toBe(mine);
      expect(latest.available).toBe(mine.available + 10);
      return latest;
    });
    expect((await dataSource.manager.findOneByOrFail(LoyaltyAccount, { id: held.id })).available).toBe(held.available);
    // The next transaction knows nothing of the last one's copies, even on SQLite's one shared connection.
    await inTransaction(dataSource, async (em) => {
      const fresh = await em.findOneByOrFail(LoyaltyAccount, { id: held.id });
      expect(services.ledger.latest(em, fresh)).toBe(fresh);
    });
    // Outside a transaction nothing is kept.
    const outside = await dataSource.manager.findOneByOrFail(LoyaltyAccount, { id: held.id });
    expect(services.ledger.latest(dataSource.manager, outside)).toBe(outside);
  });
});
