import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const REFERRAL_STATUSES = ['pending', 'qualified', 'rejected'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Why a referral was refused: kept on the row so that staff see attempted abuse. */
export const REJECT_REASONS = ['self_referral', 'same_email', 'same_phone', 'identity_reused', 'already_referred', 'has_purchases', 'monthly_cap'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/**
 * One invitation that worked: the referee joined with the referrer's code. Pending until
 * the referee's first purchase that meets the program's terms, then qualified (once);
 * rejected at once when a guard refuses it.
 */
@Entity('referrals')
@Index(['referrerId', 'refereeId'], { unique: true })
@Index(['referrerId', 'createdAt'])
@Index(['programId', 'status'])
export class Referral {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  programId: number;

  @Column({ type: 'int' })
  referrerId: number;

  @Index()
  @Column({ type: 'int' })
  refereeId: number;

  /** The referee's id while the referral is live (not rejected): a member can be referred once. */
  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  liveRefereeId: number | null = null;

  /** The code the referee signed up with. */
  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: ReferralStatus = 'pending';

  @Column({ type: 'varchar', length: 32, nullable: true })
  rejectReason: RejectReason | null = null;

  /** The purchase that qualified the referral; a later refund of it does not un-qualify. */
  @Column({ type: 'int', nullable: true })
  qualifyingPurchaseId: number | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime', nullable: true })
  qualifiedAt: Date | null = null;
}
