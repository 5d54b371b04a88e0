import { z } from 'zod';
import { parseInput } from '../input';
import type { DataSource, EntityManager } from 'typeorm';
import { idempotent, idempotentClaim, requestHash } from '../db/idempotent';
import { inWriteGroups, type WriteGroupOptions } from '../db/write-groups';
import { keyOf } from './held-members';
import { insertRow } from '../db/write-rows';
import { ConflictError, InsufficientPointsError, ValidationError } from '../errors';
import type { MembersService } from '../members/members.service';
import { availableFrom, expiryFor, quote, type CheckoutQuote } from '../programs/earning';
import type { ProgramsService } from '../programs/programs.service';
import type { Program } from '../programs/program.entity';
import { LoyaltyAccount } from './account.entity';
import { LedgerEntry } from './ledger-entry.entity';
import { MAX_POINTS, type LedgerService } from './ledger.service';
import { Redemption } from './redemption.entity';

const MAX_MINOR = 2_000_000_000;

const quoteInput = z.object({
  memberId: z.number().int().positive(),
  programId: z.number().int().positive().nullable().optional(),
  totalMinor: z.number().int('must be whole minor units').min(1, 'must be positive').max(MAX_MINOR),
  currency: z.string().trim().regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 code').transform((c) => c.toUpperCase()),
});
export type QuoteInput = z.input<typeof quoteInput>;

const redeemInput = z.object({
  externalId: z.string().trim().min(1, 'is required').max(191),
  memberId: z.number().int().positive(),
  programId: z.number().int().positive().nullable().optional(),
  points: z.number().int('must be whole points').min(1, 'must be positive').max(MAX_POINTS),
  purchaseExternalId: z.string().trim().max(191).nullable().optional(),
  /** When given, the points may not pay more of the order than the program allows. */
  orderTotalMinor: z.number().int().min(1).max(MAX_MINOR).nullable().optional(),
});
export type RedeemInput = z.input<typeof redeemInput>;

const adjustInput = z.object({
  memberId: z.number().int().positive(),
  programId: z.number().int().positive().nullable().optional(),
  points: z
    .number()
    .int('must be whole points')
    .min(-MAX_POINTS)
    .max(MAX_POINTS)
    .refine((p) => p !== 0, 'must not be zero'),
  reason: z.string().trim().min(3, 'say why, in a few words').max(500),
  idempotencyKey: z.string().trim().min(1).max(150).nullable().optional(),
});
export type AdjustInput = z.input<typeof adjustInput>;

export interface QuoteResult extends CheckoutQuote {
  program: Program;
  account: LoyaltyAccount | null;
}

/** Who redeems; a coalition partner's key also names the partner the points are spent at. */
export interface RedeemActor {
  kind: string;
  id: number | null;
  partnerId?: number | null;
}

export interface RedeemReceipt {
  redemption: Redemption;
  account: LoyaltyAccount;
  replayed: boolean;
}


/** The till: what a member may spend on an order, spending it, and staff corrections. */
export class CheckoutService {
  constructor(
    private readonly members: MembersService,
    private readonly programs: ProgramsService,
    private readonly ledger: LedgerService,
    /** Redemptions that arrive together are written together (db/write-groups.ts); null: each in a transaction of its own. */
    private readonly writeGroups: WriteGroupOptions | null = null,
  ) {}

  /** The tier discount and the points a member may spend on a basket. Changes nothing. */
  async quote(em: EntityManager, raw: QuoteInput): Promise<QuoteResult> {
    const input = parseInput(quoteInput, raw);
    const member = await this.members.byId(em, input.memberId);
    const program = await this.programs.resolve(em, input.programId);
    if (input.currency !== program.currency) throw ValidationError.of(['input', 'currency'], `the program counts in ${program.currency}`, 'invalid_value');
    const account = await em.findOne(LoyaltyAccount, { where: { memberId: member.id, programId: program.id } });
    const tiers = account?.tierId ? await this.programs.tiers(em, program.id) : [];
    const discount = tiers.find((t) => t.id === account?.tierId)?.discountPercent ?? 0;
    return { ...quote(program, input.totalMinor, account?.available ?? 0, discount), program, account };
  }

  /**
   * Spends points at the till, atomically and once: the same externalId again answers
   * with the first redemption; two redemptions at once can never spend the same points.
   */
  async redeem(dataSource: DataSource, raw: RedeemInput, actor: RedeemActor): Promise<RedeemReceipt> {
    const input = parseInput(redeemInput, raw);
    const partnerId = actor.partnerId ?? null;
    // A partner's redemptions hash apart, so another caller replaying its externalId gets a conflict.
    const hash = requestHash(partnerId ? { ...input, partnerId } : input);
    return idempotentClaim(
      dataSource,
      async (em) => {
        const existing = await em.findOne(Redemption, { where: { externalId: input.externalId } });
        return existing ? this.replay(em, existing, hash) : null;
      },
      async (em) => {
        const found = await this.ledger.lockNamedMember(em, input.programId, { id: input.memberId });
        const { program } = found;
        const account = found.account ?? (await this.ledger.openLocked(em, found.member.id, program));
        if (account.available < input.points) throw new InsufficientPointsError(account.available, input.points);
        if (account.available < program.minRedeemPoints) {
          throw ValidationError.of(['input', 'points'], `a balance of at least ${program.minRedeemPoints} points is needed to redeem`, 'too_small');
        }
        if (input.orderTotalMinor) {
          const allowed = quote(program, input.orderTotalMinor, account.available, 0).maxPoints;
          if (input.points > allowed) throw ValidationError.of(['input', 'points'], `at most ${allowed} points may pay this order`, 'too_big');
        }
        const entry = await this.ledger.spend(em, account, 'redeem', input.points, {
          source: 'checkout',
          partnerId,
          actorKind: actor.kind,
          actorId: actor.id,
          reason: input.purchaseExternalId ? `order ${input.purchaseExternalId}` : null,
        });
        const redemption = em.create(Redemption, {
          externalId: input.externalId,
          requestHash: hash,
          accountId: account.id,
          points: input.points,
          valueMinor: input.points * program.pointValueMinor,
          purchaseExternalId: input.purchaseExternalId ?? null,
          entryId: entry.id,
          partnerId,
        });
        // The redemption points at its entry; the entry, once appended, is never written again.
        await insertRow(em, Redemption, redemption);
        // The member's next write in this write group need not read them again (held-members.ts).
        this.ledger.held.hold(em, { id: input.memberId }, found.member, account, program);
        // `spend` kept the locked account up to date: no need to read it back.
        return { redemption, account, replayed: false };
      },
      // Keyed as a purchase names its member: one member's purchases and redemptions never share a group.
      inWriteGroups(dataSource, this.writeGroups, keyOf({ id: input.memberId })),
    );
  }

  private async replay(em: EntityManager, redemption: Redemption, hash: string): Promise<RedeemReceipt> {
    if (redemption.requestHash !== hash) throw new ConflictError(`Redemption ${redemption.externalId} was already made with different details.`);
    return { redemption, account: await em.findOneOrFail(LoyaltyAccount, { where: { id: redemption.accountId } }), replayed: true };
  }

  /** A staff correction with a reason: adds a lot, or spends available points (never below zero). */
  async adjust(dataSource: DataSource, raw: AdjustInput, actor: { kind: string; id: number | null }): Promise<{ entry: LedgerEntry; account: LoyaltyAccount; replayed: boolean }> {
    const input = parseInput(adjustInput, raw);
    const idempotencyKey = input.idempotencyKey ? `adjust:${input.idempotencyKey}` : null;
    const replay = async (em: EntityManager) => {
      const entry = idempotencyKey ? await em.findOne(LedgerEntry, { where: { idempotencyKey } }) : null;
      if (!entry) return null;
      if (entry.memberId !== input.memberId || entry.availableChange + entry.pendingChange - entry.debtChange !== input.points) throw new ConflictError('This idempotency key was used for a different adjustment.');
      return { entry, account: await em.findOneOrFail(LoyaltyAccount, { where: { id: entry.accountId } }), replayed: true };
    };
    return idempotent(dataSource, replay, async (em) => {
      const member = await this.members.byId(em, input.memberId);
      const program = await this.programs.resolve(em, input.programId);
      const account = await this.ledger.openAccount(em, member.id, program.id);
      const now = new Date();
      const context = { source: 'manual' as const, reason: input.reason, idempotencyKey, actorKind: actor.kind, actorId: actor.id };
      const entry =
        input.points > 0
          ? (await this.ledger.earn(em, account.id, 'adjust', { ...context, points: input.points, availableAt: availableFrom({ pendingDays: 0 }, now), expiresAt: expiryFor(program, now) }, now)).entry
          : await this.ledger.spend(em, account.id, 'adjust', -input.points, context, now);
      return { entry, account: await em.findOneOrFail(LoyaltyAccount, { where: { id: account.id } }), replayed: false };
    });
  }
}
