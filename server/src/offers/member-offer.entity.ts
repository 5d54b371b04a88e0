import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const MEMBER_OFFER_STATES = ['available', 'activated', 'used', 'expired'] as const;
/** available → activated → used (all uses taken) | expired (past its date). */
export type MemberOfferState = (typeof MEMBER_OFFER_STATES)[number];
export const OFFER_OCCASIONS = ['birthday'] as const;
/** Why a personal offer was granted, when the flow's trigger says so: the portal shows a birthday grant as a gift. */
export type OfferOccasion = (typeof OFFER_OCCASIONS)[number];

/**
 * One member's hold on one offer: granted (personal), activated, or used at least once.
 * Offers for everyone, a segment or the favourite category have no row until the member
 * activates or uses them. One row per member and offer (a unique index enforces it).
 */
@Entity('member_offers')
@Index(['offerId', 'memberId'], { unique: true })
export class MemberOffer {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  offerId: number;

  @Index()
  @Column({ type: 'int' })
  memberId: number;

  /** Stored: `used` and `expired` are also derived at read time from uses and dates. */
  @Column({ type: 'varchar', length: 10, default: 'available' })
  state: MemberOfferState = 'available';

  /** favouriteCategory: the member's category, fixed when activated or first used. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  category: string | null = null;

  /** personal: until when the grant holds (the offer's own validUntil still applies). */
  @Column({ type: 'datetime', nullable: true })
  validUntil: Date | null = null;

  @Column({ type: 'int', default: 0 })
  uses: number = 0;

  /** Points the offer gave this member (before refunds). */
  @Column({ type: 'int', default: 0 })
  pointsGiven: number = 0;

  @Column({ type: 'datetime', nullable: true })
  grantedAt: Date | null = null;

  /** Set by the latest grant: `birthday` when a trigger.birthday flow granted it (not a join anniversary). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  occasion: OfferOccasion | null = null;

  @Column({ type: 'datetime', nullable: true })
  activatedAt: Date | null = null;

  @Column({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
