import type { EntityManager } from 'typeorm';
import type { FlowEvent } from '@patron/schema/flow';
import { dialectOf } from '../db/data-source';
import { isUniqueViolation } from '../db/unique-violation';
import type { LedgerService } from '../ledger/ledger.service';
import { availableFrom, expiryFor } from '../programs/earning';
import type { Program } from '../programs/program.entity';
import type { ListenerProbe } from '../rules/rules.service';
import { MemberOffer } from './member-offer.entity';
import { Offer } from './offer.entity';
import type { MemberOfferView, OffersService } from './offers.service';

type PurchaseFacts = NonNullable<FlowEvent['purchase']>;

/** What one offer gives on one purchase: points (0 for a discount, which the POS applies), or null when it does not apply. */
export function offerPoints(view: MemberOfferView, purchase: PurchaseFacts): number | null {
  const { offer, category } = view;
  if (purchase.totalMinor < offer.minPurchaseMinor) return null;
  // Lines of the category, never more than what was paid (a receipt's lines may add up to more after discounts).
  const lines = category === null ? purchase.totalMinor : purchase.items.filter((i) => i.category === category).reduce((sum, i) => sum + i.quantity * i.unitPriceMinor, 0);
  const counted = Math.min(lines, purchase.totalMinor);
  if (counted <= 0) return null;
  if (offer.kind === 'bonusPoints') return offer.value;
  if (offer.kind === 'percentDiscount') return 0;
  // The base points of the counted lines, then the extra the multiplier adds on top of them.
  const base = Math.floor((purchase.basePoints * counted) / purchase.totalMinor);
  const extra = Math.floor((base * (offer.value - 100)) / 100);
  return extra > 0 ? extra : null;
}

/**
 * Applies the member's offers to a purchase, in the purchase's transaction: the activated
 * ones (or, for offers without activation, those in the member's audience) valid at the
 * purchase's time. Each use is counted with a guarded update, so maxUsesPerMember holds
 * however many purchases arrive at once. The points are earned with the purchase's id, so
 * that a refund claws them back with the rest of what the purchase earned.
 */
export class OfferPurchases {
  /** The listener's probe: a purchase in a program that has an active offer. */
  static readonly probe: ListenerProbe = {
    reads: [{ entity: Offer }],
    ask: (program, eventType) => (eventType === 'purchase' ? { sql: "SELECT 1 FROM offers WHERE programId = ? AND status = 'active'", params: [program.id] } : false),
  };

  constructor(
    private readonly offers: OffersService,
    private readonly ledger: LedgerService,
  ) {}

  async apply(em: EntityManager, program: Program, memberId: number, event: FlowEvent, purchaseId: number, now: Date): Promise<number> {
    const purchase = event.purchase;
    if (!purchase) return 0;
    const occurred = new Date(event.occurredAt);
    const at = Number.isNaN(occurred.getTime()) ? now : occurred;
    const [views] = await this.offers.forMembers(em, program.id, [memberId], at, { excludePurchaseId: purchaseId });
    let total = 0;
    for (const view of views) {
      const ready = view.state === 'activated' || (view.state === 'available' && !view.offer.requiresActivation);
      if (!ready) continue;
      const points = offerPoints(view, purchase);
      if (points === null || !(await this.takeUse(em, view, at))) continue;
      if (points === 0) continue;
      const account = await this.ledger.openAccount(em, memberId, program.id);
      await this.ledger.earn(
        em,
        account.id,
        'earn',
        {
          points,
          source: 'offer',
          purchaseId,
          idempotencyKey: `offer:${view.offer.id}:purchase:${purchaseId}`,
          reason: `${view.offer.code}: ${view.offer.title}`.slice(0, 500),
          occurredAt: at,
          availableAt: availableFrom(program, at),
          expiresAt: expiryFor(program, at),
        },
        now,
      );
      await em.increment(MemberOffer, { offerId: view.offer.id, memberId }, 'pointsGiven', points);
      total += points;
    }
    return total;
  }

  /** One use of the offer by the member, atomically within maxUsesPerMember; false when none is left. */
  private async takeUse(em: EntityManager, view: MemberOfferView, at: Date): Promise<boolean> {
    const { offer, memberId } = view;
    if (!view.row) await this.ensureRow(em, offer.id, memberId, offer.audience === 'favouriteCategory' ? view.category : null, at);
    const states = offer.requiresActivation ? ['activated'] : ['available', 'activated'];
    const qb = em
      .createQueryBuilder()
      .update(MemberOffer)
      .set({ uses: () => 'uses + 1', usedAt: at })
      .where('offerId = :offerId AND memberId = :memberId AND state IN (:...states)', { offerId: offer.id, memberId, states });
    if (offer.maxUsesPerMember !== null) qb.andWhere('uses < :max', { max: offer.maxUsesPerMember });
    if ((await qb.execute()).affected !== 1) return false;
    if (offer.maxUsesPerMember !== null) {
      await em
        .createQueryBuilder()
        .update(MemberOffer)
        .set({ state: 'used' })
        .where('offerId = :offerId AND memberId = :memberId AND uses >= :max', { offerId: offer.id, memberId, max: offer.maxUsesPerMember })
        .execute();
    }
    return true;
  }

  /** The member's row for an offer used without activation, created once whatever the concurrency. */
  private async ensureRow(em: EntityManager, offerId: number, memberId: number, category: string | null, at: Date) {
    if (await em.exists(MemberOffer, { where: { offerId, memberId } })) return;
    try {
      if (dialectOf(em.connection) === 'mysql') {
        await em.query('INSERT IGNORE INTO member_offers (offerId, memberId, state, category, uses, pointsGiven, createdAt) VALUES (?, ?, ?, ?, 0, 0, ?)', [offerId, memberId, 'available', category, at]);
      } else {
        await em.insert(MemberOffer, { offerId, memberId, state: 'available', category, createdAt: at });
      }
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
}
