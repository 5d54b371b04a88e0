import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InsufficientPointsError, ValidationError } from '../src/errors';
import { LoyaltyAccount } from '../src/ledger/account.entity';
import { PointLot } from '../src/ledger/point-lot.entity';
import type { Program } from '../src/programs/program.entity';
import { createTestApp, dialect, type TestApp } from './harness';
import { expectLedgerInvariants } from './loyalty-harness';

const DAY = 86_400_000;

type Op =
  | { kind: 'purchase'; amount: number; daysAgo: number }
  | { kind: 'refund'; pick: number; percent: number }
  | { kind: 'redeem'; points: number }
  | { kind: 'adjust'; points: number }
  | { kind: 'maintenance'; daysAhead: number }
  | { kind: 'replay'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('purchase' as const), amount: fc.integer({ min: 1, max: 2_000_00 }), daysAgo: fc.integer({ min: 0, max: 60 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(), percent: fc.integer({ min: 1, max: 100 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('redeem' as const), points: fc.integer({ min: 1, max: 1500 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('adjust' as const), points: fc.integer({ min: -500, max: 500 }).filter((p) => p !== 0) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('maintenance' as const), daysAhead: fc.integer({ min: 0, max: 90 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replay' as const), pick: fc.nat() }) },
);

/**
 * Random sequences of earn, redeem, refund, adjust, expiry and replays, on random clocks,
 * must keep the ledger's invariants: balance = sum of entries = sum of live lots; nothing
 * negative; expired points never spent; replaying a call changes nothing.
 */
describe(`ledger properties on ${dialect}`, () => {
  let t: TestApp;
  let program: Program;
  let run = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const em = t.app.dataSource.manager;
    await t.app.services.programs.create(em, { code: 'main', name: 'Main', isDefault: true });
    program = await t.app.services.programs.create(em, { code: 'prop', name: 'Property test', pendingDays: 7, expiryPolicy: 'days', expiryDays: 30, rounding: 'round' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('hold after every step of any sequence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const { services, dataSource } = t.app;
        const em = dataSource.manager;
        const { member } = await services.members.create(em, { externalId: `P-${++run}-${Date.now()}` });
        const actor = { kind: 'system', id: null };
        const purchases: { externalId: string; amount: number; refunded: number }[] = [];
        const calls: (() => Promise<{ replayed: boolean }>)[] = [];
        let seq = 0;
        const account = () => em.findOneBy(LoyaltyAccount, { memberId: member.id, programId: program.id });

        for (const step of ops) {
          if (step.kind === 'purchase') {
            const input = { externalId: `P${run}-${++seq}`, memberId: member.id, programId: program.id, totalMinor: step.amount, currency: 'RUB', channel: 'store' as const, occurredAt: new Date(Date.now() - step.daysAgo * DAY) };
            const call = () => services.purchases.record(dataSource, input, actor);
            await call();
            purchases.push({ externalId: input.externalId, amount: step.amount, refunded: 0 });
            calls.push(call);
          } else if (step.kind === 'refund' && purchases.length) {
            const target = purchases[step.pick % purchases.length];
            const left = target.amount - target.refunded;
            if (left === 0) continue;
            const amountMinor = Math.max(1, Math.floor((left * step.percent) / 100));
            const input = { externalId: `F${run}-${++seq}`, purchaseExternalId: target.externalId, amountMinor };
            const call = () => services.purchases.refund(dataSource, input, actor);
            await call();
            target.refunded += amountMinor;
            calls.push(call);
          } else if (step.kind === 'redeem') {
            const input = { externalId: `X${run}-${++seq}`, memberId: member.id, programId: program.id, points: step.points };
            const call = () => services.checkout.redeem(dataSource, input, actor);
            const acc = await account();
            const spendable = acc
              ? Number(
                  (
                    await em
                      .getRepository(PointLot)
                      .createQueryBuilder('l')
                      .select('COALESCE(SUM(l.remaining), 0)', 's')
                      .where('l.accountId = :id AND l.state = :st AND (l.expiresAt IS NULL OR l.expiresAt > :now)', { id: acc.id, st: 'available', now: new Date() })
                      .getRawOne()
                  ).s,
                )
              : 0;
            try {
              await call();
              expect(step.points).toBeLessThanOrEqual(spendable);
              calls.push(call);
            } catch (error) {
              // Refused only when the points not yet past their date do not cover it.
              expect(error).toBeInstanceOf(InsufficientPointsError);
              expect(step.points).toBeGreaterThan(spendable);
            }
          } else if (step.kind === 'adjust') {
            try {
              await services.checkout.adjust(dataSource, { memberId: member.id, programId: program.id, points: step.points, reason: 'property test' }, actor);
            } catch (error) {
              expect(error instanceof InsufficientPointsError || error instanceof ValidationError).toBe(true);
            }
          } else if (step.kind === 'maintenance') {
            const now = new Date(Date.now() + step.daysAhead * DAY);
            await services.maintenance.run(dataSource, now);
            const acc = await account();
            if (acc) {
              // Nothing past its date is left to spend.
              const stale = await em.getRepository(PointLot).createQueryBuilder('l').where('l.accountId = :id AND l.state = :s AND l.expiresAt <= :now AND l.remaining > 0', { id: acc.id, s: 'available', now }).getCount();
              expect(stale).toBe(0);
            }
          } else if (step.kind === 'replay' && calls.length) {
            const before = await account();
            const result = await calls[step.pick % calls.length]();
            expect(result.replayed).toBe(true);
            const after = await account();
            expect([after?.available, after?.pending, after?.debt]).toEqual([before?.available, before?.pending, before?.debt]);
          }
          await expectLedgerInvariants(t, member.id);
        }
      }),
      { numRuns: dialect === 'mysql' ? 15 : 30 },
    );
  });
});
