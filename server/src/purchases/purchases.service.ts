import { z } from 'zod';
import { parseInput } from '../input';
import type { DataSource, EntityManager } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { idempotent, idempotentClaim, requestHash } from '../db/idempotent';
import { insertRow, insertRowsWithoutIds } from '../db/write-rows';
import { inWriteGroups, type WriteGroupOptions } from '../db/write-groups';
import { keyOf, type NamedMember } from '../ledger/held-members';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { LoyaltyAccount } from '../ledger/account.entity';
import type { LedgerService } from '../ledger/ledger.service';
import { availableFrom, expiryFor, pointsForAmount } from '../programs/earning';
import type { ProgramsService } from '../programs/programs.service';
import type { TierChange } from '../programs/tier-change.entity';
import type { TiersService } from '../programs/tiers.service';
import type { CampaignOutcome, RulesService } from '../rules/rules.service';
import { LedgerEntry } from '../ledger/ledger-entry.entity';
import { CHANNELS, Purchase } from './purchase.entity';
import { PurchaseItem } from './purchase-item.entity';
import { Refund } from './refund.entity';

const MAX_MINOR = 2_000_000_000;
const moment = z
  .date()
  .refine((d) => d.getTime() <= Date.now() + 5 * 60_000, 'cannot be in the future')
  .refine((d) => d.getUTCFullYear() >= 2000, 'must be after 2000');

const purchaseInput = z
  .object({
    externalId: z.string().trim().min(1, 'is required').max(191),
    memberId: z.number().int().positive().nullable().optional(),
    memberExternalId: z.string().trim().min(1).max(191).nullable().optional(),
    programId: z.number().int().positive().nullable().optional(),
    totalMinor: z.number().int('must be whole minor units').min(1, 'must be positive').max(MAX_MINOR),
    currency: z.string().trim().regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 code').transform((c) => c.toUpperCase()),
    channel: z.enum(CHANNELS),
    storeId: z.string().trim().max(64).nullable().optional(),
    items: z
      .array(
        z.object({
          sku: z.string().trim().min(1, 'is required').max(64),
          name: z.string().trim().max(200).nullable().optional(),
          category: z.string().trim().max(100).nullable().optional(),
          quantity: z.number().int().min(1).max(100_000),
          unitPriceMinor: z.number().int().min(0).max(MAX_MINOR),
        }),
      )
      .max(500, 'at most 500 lines')
      .nullable()
      .optional(),
    occurredAt: moment.nullable().optional(),
  })
  .refine((p) => !(p.memberId && p.memberExternalId), { message: 'give memberId or memberExternalId, not both', path: ['memberExternalId'] });
export type RecordPurchaseInput = z.input<typeof purchaseInput>;

const refundInput = z.object({
  externalId: z.string().trim().min(1, 'is required').max(191),
  purchaseExternalId: z.string().trim().min(1, 'is required').max(191),
  amountMinor: z.number().int('must be whole minor units').min(1, 'must be positive').max(MAX_MINOR),
  occurredAt: moment.nullable().optional(),
});
export type RefundPurchaseInput = z.input<typeof refundInput>;

/** Who records it; a coalition partner's key also brings the partner (see partners/). */
export interface PurchaseActor {
  kind: string;
  id: number | null;
  partner?: { id: number; earnPoints: number | null; earnPerMinor: number | null } | null;
}

/** The member a purchase names, by id or by external id; null: a purchase by a non-member. */
const namedIn = (input: z.output<typeof purchaseInput>): NamedMember | null =>
  input.memberId ? { id: input.memberId } : input.memberExternalId ? { externalId: input.memberExternalId } : null;

/** The member a purchase names, as it names them: two purchases of one member are not written in one group. */
const memberKey = (input: z.output<typeof purchaseInput>) => {
  const named = namedIn(input);
  return named ? keyOf(named) : `purchase:${input.externalId}`;
};

/** A partner's requests hash apart from anyone else's, so a replay by someone else is a conflict. */
const byPartner = (actor: PurchaseActor) => (actor.partner ? { partnerId: actor.partner.id } : {});

export interface PurchaseReceipt {
  purchase: Purchase;
  account: LoyaltyAccount | null;
  pointsEarned: number;
  /** Debt from earlier refunds that this purchase's points paid off. */
  debtSettled: number;
  tierChange: TierChange | null;
  /** Points the running campaigns gave for this purchase. */
  campaignPoints: number;
  campaigns: CampaignOutcome[];
  /** True when this call repeated an earlier one and changed nothing. */
  replayed: boolean;
}

export interface RefundReceipt {
  refund: Refund;
  purchase: Purchase;
  account: LoyaltyAccount | null;
  replayed: boolean;
}


/** Purchases and refunds: what members (and non-members) buy, and the points that follow. */
export class PurchasesService {
  constructor(
    private readonly programs: ProgramsService,
    private readonly ledger: LedgerService,
    private readonly tiers: TiersService,
    private readonly rules: RulesService,
    /** Purchases that arrive together are written together (db/write-groups.ts); null: each in a transaction of its own. */
    private readonly writeGroups: WriteGroupOptions | null = null,
  ) {}

  /**
   * Records a purchase and earns its points, once: the same externalId again answers
   * with the first result, even when twenty copies arrive at the same moment.
   */
  async record(dataSource: DataSource, raw: RecordPurchaseInput, actor: PurchaseActor): Promise<PurchaseReceipt> {
    const input = parseInput(purchaseInput, raw);
    const hash = requestHash({ ...input, occurredAt: input.occurredAt?.toISOString() ?? null, ...byPartner(actor) });
    return idempotentClaim(
      dataSource,
      async (em) => {
        const existing = await em.findOne(Purchase, { where: { externalId: input.externalId } });
        return existing ? this.replayPurchase(em, existing, hash) : null;
      },
      (em) => this.recordNew(em, input, hash, actor),
      inWriteGroups(dataSource, this.writeGroups, memberKey(input)),
    );
  }

  private async recordNew(em: EntityManager, input: z.output<typeof purchaseInput>, hash: string, actor: PurchaseActor): Promise<PurchaseReceipt> {
    const now = new Date();
    const occurredAt = input.occurredAt ?? now;
    // The program with its tiers and the member named, with the member's account locked: one statement when the program is in memory (ledger.lockNamedMember).
    const named = namedIn(input);
    const { member, program, tiers, account: lockedAccount } = named ? await this.ledger.lockNamedMember(em, input.programId, named) : { member: null, account: null, ...(await this.programs.resolveWithTiers(em, input.programId)) };
    if (member && member.status !== 'active') throw ValidationError.of(['input', 'memberId'], `the member is ${member.status}`);
    if (input.currency !== program.currency) {
      throw ValidationError.of(['input', 'currency'], `the program counts in ${program.currency}, not ${input.currency}`, 'invalid_value');
    }
    const purchase = em.create(Purchase, {
      externalId: input.externalId,
      requestHash: hash,
      memberId: member?.id ?? null,
      programId: program.id,
      totalMinor: input.totalMinor,
      currency: input.currency,
      channel: input.channel,
      storeId: input.storeId ?? null,
      partnerId: actor.partner?.id ?? null,
      occurredAt,
      createdAt: now,
    });
    if (!member) {
      await this.insertPurchase(em, purchase, input.items);
      return { purchase, account: null, pointsEarned: 0, debtSettled: 0, tierChange: null, campaignPoints: 0, campaigns: [], replayed: false };
    }

    // The account is read once, locked, and kept up to date in memory from here on: the
    // points depend on its tier, and every later step (tiers, campaigns) reads it. A member
    // with none yet gets one here.
    const account = lockedAccount ?? (await this.ledger.openLocked(em, member.id, program));
    const tier = tiers.find((t) => t.id === account.tierId);
    const { partner } = actor;
    const earning = partner?.earnPoints != null && partner.earnPerMinor != null ? { ...program, earnPoints: partner.earnPoints, earnPerMinor: partner.earnPerMinor } : program;
    const points = pointsForAmount(earning, input.totalMinor, tier?.earnMultiplierPercent ?? 100);
    // Known before the insert, so the row is written once. The unique externalId still
    // claims the request before any point is: a copy fails here and rolls back whole.
    purchase.pointsEarned = points;
    await this.insertPurchase(em, purchase, input.items);
    const stats = {
      purchaseCount: account.purchaseCount + 1,
      lifetimeSpendMinor: account.lifetimeSpendMinor + input.totalMinor,
      lastPurchaseAt: account.lastPurchaseAt && account.lastPurchaseAt > occurredAt ? account.lastPurchaseAt : occurredAt,
    };
    let debtSettled = 0;
    if (points > 0) {
      const earned = await this.ledger.earn(
        em,
        account,
        'earn',
        {
          points,
          source: 'purchase',
          purchaseId: purchase.id,
          partnerId: purchase.partnerId,
          occurredAt,
          availableAt: availableFrom(program, occurredAt),
          expiresAt: expiryFor(program, occurredAt),
          actorKind: actor.kind,
          actorId: actor.id,
        },
        now,
        stats,
      );
      debtSettled = earned.settled;
    } else {
      await this.ledger.recordStats(em, account, stats);
    }
    const tierChange = await this.tiers.evaluate(em, account, program, tiers, now);
    const campaigns = await this.rules.onEvent(
      em,
      program,
      member.id,
      {
        type: 'purchase',
        memberId: String(member.id),
        occurredAt: occurredAt.toISOString(),
        purchase: { totalMinor: input.totalMinor, currency: input.currency, channel: input.channel, storeId: input.storeId ?? null, items: input.items ?? [], basePoints: points },
      },
      // The account as this transaction left it: locked, with this purchase's points, counts and
      // tier; and the program's listeners version as read with the member, in this transaction.
      { purchaseId: purchase.id, now, known: { member, account, tiers, listenersVersion: program.listenersVersion } },
    );
    if (tierChange) {
      const toTier = tiers.find((t) => t.id === tierChange.toTierId)?.code ?? null;
      const fromTier = tiers.find((t) => t.id === tierChange.fromTierId)?.code ?? null;
      campaigns.push(...(await this.rules.onEvent(em, program, member.id, { type: 'tierChanged', memberId: String(member.id), occurredAt: now.toISOString(), data: { toTier, fromTier } }, { now, known: { member, listenersVersion: program.listenersVersion } })));
    }
    const campaignPoints = sumAwarded(campaigns);
    // Points a campaign awards go through the ledger, as listeners' (offers, referrals) do, and the
    // ledger knows the account as it now stands. Any other effect (a tier a flow sets…) may change
    // the account beside it: then it is read back.
    const besideLedger = campaigns.some((c) => c.applied.some((effect) => effect.type !== 'awardPoints'));
    const after = besideLedger ? await em.findOneOrFail(LoyaltyAccount, { where: { id: account.id } }) : this.ledger.latest(em, account);
    // The member's next purchase in this write group need not read them again.
    if (named && !besideLedger && !tierChange) this.ledger.held.hold(em, named, member, after, program);
    return { purchase, account: after, pointsEarned: points, debtSettled, tierChange, campaignPoints, campaigns, replayed: false };
  }

  private async insertPurchase(em: EntityManager, purchase: Purchase, items: z.output<typeof purchaseInput>['items']) {
    await insertRow(em, Purchase, purchase);
    if (items?.length) {
      await insertRowsWithoutIds(
        em,
        PurchaseItem,
        items.map((item) => ({ ...item, purchaseId: purchase.id, name: item.name ?? '', category: item.category ?? null })),
      );
    }
  }

  /** Every point earned on the purchase: its own, and what campaigns and offers added to it. */
  private async earnedBy(em: EntityManager, purchaseId: number): Promise<number> {
    const row = await em
      .getRepository(LedgerEntry)
      .createQueryBuilder('e')
      .select('COALESCE(SUM(e.availableChange + e.pendingChange - e.debtChange), 0)', 'points')
      .where('e.purchaseId = :purchaseId AND e.kind = :earn', { purchaseId, earn: 'earn' })
      .getRawOne<{ points: string | number }>();
    return Number(row?.points ?? 0);
  }

  private async replayPurchase(em: EntityManager, purchase: Purchase, hash: string): Promise<PurchaseReceipt> {
    if (purchase.requestHash !== hash) throw new ConflictError(`Purchase ${purchase.externalId} was already recorded with different details.`);
    const account = await this.accountOf(em, purchase);
    const row = await em
      .getRepository(LedgerEntry)
      .createQueryBuilder('e')
      .select('COALESCE(SUM(e.availableChange + e.pendingChange - e.debtChange), 0)', 'points')
      .where('e.purchaseId = :id AND e.source = :source', { id: purchase.id, source: 'campaign' })
      .getRawOne<{ points: string | number }>();
    return { purchase, account, pointsEarned: purchase.pointsEarned, debtSettled: 0, tierChange: null, campaignPoints: Number(row?.points ?? 0), campaigns: [], replayed: true };
  }

  /**
   * Refunds part or all of a purchase and claws back, in proportion, the points it
   * earned. Points already spent become debt: the balance never goes below zero.
   */
  async refund(dataSource: DataSource, raw: RefundPurchaseInput, actor: PurchaseActor): Promise<RefundReceipt> {
    const input = parseInput(refundInput, raw);
    const hash = requestHash({ ...input, occurredAt: input.occurredAt?.toISOString() ?? null, ...byPartner(actor) });
    return idempotent(
      dataSource,
      async (em) => {
        const existing = await em.findOne(Refund, { where: { externalId: input.externalId } });
        return existing ? this.replayRefund(em, existing, hash) : null;
      },
      (em) => this.refundNew(em, input, hash, actor),
    );
  }

  private async refundNew(em: EntityManager, input: z.output<typeof refundInput>, hash: string, actor: PurchaseActor): Promise<RefundReceipt> {
    const now = new Date();
    // Lock the purchase: two refunds at once must not both fit under its total.
    const qb = em.getRepository(Purchase).createQueryBuilder('p').where('p.externalId = :id', { id: input.purchaseExternalId });
    if (dialectOf(em.connection) === 'mysql') qb.setLock('pessimistic_write');
    const purchase = await qb.getOne();
    // A partner refunds only its own purchases; another's is as good as unknown to it.
    if (!purchase || (actor.partner && purchase.partnerId !== actor.partner.id)) throw new NotFoundError('Purchase', input.purchaseExternalId);
    const refundable = purchase.totalMinor - purchase.refundedMinor;
    if (input.amountMinor > refundable) {
      throw ValidationError.of(['input', 'amountMinor'], `is more than what is left to refund (${refundable})`, 'too_big');
    }
    const refund = em.create(Refund, {
      externalId: input.externalId,
      requestHash: hash,
      purchaseId: purchase.id,
      amountMinor: input.amountMinor,
      occurredAt: input.occurredAt ?? now,
      createdAt: now,
    });
    await em.insert(Refund, refund);
    const refundedMinor = purchase.refundedMinor + input.amountMinor;
    // Cumulative, so that several partial refunds add up to exactly what the purchase earned:
    // its own points and every bonus earned on it (campaigns, offers).
    const target = Math.floor((await this.earnedBy(em, purchase.id)) * refundedMinor / purchase.totalMinor);
    const points = target - purchase.pointsReversed;
    let account = await this.accountOf(em, purchase);
    if (account && points > 0) {
      const reversed = await this.ledger.reverse(
        em,
        account.id,
        purchase.id,
        points,
        { source: 'refund', purchaseId: purchase.id, refundId: refund.id, partnerId: purchase.partnerId, occurredAt: refund.occurredAt, actorKind: actor.kind, actorId: actor.id },
        now,
      );
      refund.pointsReversed = reversed.fromLots;
      refund.debtPoints = reversed.debt;
      await em.update(Refund, refund.id, { pointsReversed: reversed.fromLots, debtPoints: reversed.debt });
    }
    if (account) {
      await em
        .createQueryBuilder()
        .update(LoyaltyAccount)
        .set({ lifetimeSpendMinor: () => `lifetimeSpendMinor - ${input.amountMinor}` })
        .where('id = :id', { id: account.id })
        .execute();
      account = await em.findOneOrFail(LoyaltyAccount, { where: { id: account.id } });
    }
    await em.update(Purchase, purchase.id, { refundedMinor, pointsReversed: purchase.pointsReversed + Math.max(points, 0) });
    purchase.refundedMinor = refundedMinor;
    purchase.pointsReversed += Math.max(points, 0);
    return { refund, purchase, account, replayed: false };
  }

  /** The account a purchase's points went to; null for a non-member. */
  private accountOf(em: EntityManager, purchase: Purchase): Promise<LoyaltyAccount | null> {
    return purchase.memberId ? em.findOne(LoyaltyAccount, { where: { memberId: purchase.memberId, programId: purchase.programId } }) : Promise.resolve(null);
  }

  private async replayRefund(em: EntityManager, refund: Refund, hash: string): Promise<RefundReceipt> {
    if (refund.requestHash !== hash) throw new ConflictError(`Refund ${refund.externalId} was already recorded with different details.`);
    const purchase = await em.findOneOrFail(Purchase, { where: { id: refund.purchaseId } });
    const account = await this.accountOf(em, purchase);
    return { refund, purchase, account, replayed: true };
  }
}

function sumAwarded(outcomes: CampaignOutcome[]): number {
  return outcomes.reduce((sum, o) => sum + o.points, 0);
}
