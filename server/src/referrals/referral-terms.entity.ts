import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A program's referral terms. A program without a row uses the defaults below. */
@Entity('referral_terms')
export class ReferralTerms {
  @PrimaryColumn({ type: 'int' })
  programId: number;

  /** The smallest purchase that qualifies a referral, in minor units. */
  @Column({ type: 'int', default: 0 })
  minPurchaseMinor: number = 0;

  /** Days after sign-up in which the qualifying purchase must happen; null = any time. */
  @Column({ type: 'int', nullable: true })
  windowDays: number | null = null;

  /** Live referrals one referrer may make per calendar month (UTC); null = no cap. */
  @Column({ type: 'int', nullable: true })
  monthlyCap: number | null = null;

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
