import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const OFFER_KINDS = ['pointsMultiplier', 'bonusPoints', 'percentDiscount'] as const;
/**
 * pointsMultiplier: `value` percent of the purchase's base points (200 = 2×), on the whole
 * purchase or on the lines of `category`; bonusPoints: `value` points for a purchase of at
 * least minPurchaseMinor; percentDiscount: `value` percent off, shown to the member and read
 * by the POS (Member.offers) — Patron does not apply the discount, it only counts the use.
 */
export type OfferKind = (typeof OFFER_KINDS)[number];
export const OFFER_AUDIENCES = ['everyone', 'segment', 'favouriteCategory', 'personal'] as const;
/**
 * everyone; segment: members of `segment`; favouriteCategory: every member, on their own
 * most-bought category of the last `favouriteDays` days; personal: only members granted it
 * (by a flow's action.grantOffer), for `personalDays` days from the grant.
 */
export type OfferAudience = (typeof OFFER_AUDIENCES)[number];
export const OFFER_STATUSES = ['draft', 'active', 'archived'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** A personal offer of a program: what a member gets on purchases while it holds. */
@Entity('offers')
@Index(['programId', 'code'], { unique: true })
export class Offer {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  programId: number;

  /** What flows (action.grantOffer) refer to. */
  @Column({ type: 'varchar', length: 64 })
  code: string;

  /** Shown to members. */
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  description: string = '';

  @Column({ type: 'varchar', length: 20 })
  kind: OfferKind;

  /** Percent for pointsMultiplier and percentDiscount, points for bonusPoints. */
  @Column({ type: 'int' })
  value: number;

  /** Only the lines of this category count (not for favouriteCategory: each member has their own). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  category: string | null = null;

  @Column({ type: 'int', default: 0 })
  minPurchaseMinor: number = 0;

  @Column({ type: 'datetime', nullable: true })
  validFrom: Date | null = null;

  @Column({ type: 'datetime', nullable: true })
  validUntil: Date | null = null;

  /** Purchases per member the offer applies to; null = no limit. */
  @Column({ type: 'int', nullable: true })
  maxUsesPerMember: number | null = null;

  @Column({ type: 'boolean', default: false })
  requiresActivation: boolean = false;

  @Column({ type: 'varchar', length: 20 })
  audience: OfferAudience;

  /** The segment code for audience segment. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  segment: string | null = null;

  /** favouriteCategory: how many days of purchase lines decide the category. */
  @Column({ type: 'int', default: 90 })
  favouriteDays: number = 90;

  /** personal: how long a granted offer stays valid. */
  @Column({ type: 'int', default: 14 })
  personalDays: number = 14;

  @Column({ type: 'varchar', length: 10, default: 'draft' })
  status: OfferStatus = 'draft';

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
