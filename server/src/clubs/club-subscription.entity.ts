import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * pending: waiting for its first payment; trialing and active: the member is in the club;
 * pastDue: the period ended unpaid, perks kept for the grace days; cancelled and expired
 * have ended.
 */
export const CLUB_SUBSCRIPTION_STATUSES = ['pending', 'trialing', 'active', 'pastDue', 'cancelled', 'expired'] as const;
export type ClubSubscriptionStatus = (typeof CLUB_SUBSCRIPTION_STATUSES)[number];
export const LIVE_STATUSES: readonly ClubSubscriptionStatus[] = ['pending', 'trialing', 'active', 'pastDue'];
/** Statuses in which the member has the club's perks (and flows see the plan code). */
export const MEMBER_STATUSES_IN_CLUB: readonly ClubSubscriptionStatus[] = ['trialing', 'active', 'pastDue'];

/** A member's subscription to a club plan. */
@Entity('club_subscriptions')
@Index(['planId', 'status'])
@Index(['memberId', 'planId'])
export class ClubSubscription {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  programId: number;

  @Column({ type: 'int' })
  planId: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 10 })
  status: ClubSubscriptionStatus;

  /**
   * "memberId:planId" while the subscription is live, NULL once it ended: the unique
   * index allows one live subscription per member and plan, whatever the concurrency.
   */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40, nullable: true })
  liveKey: string | null = null;

  @Column({ type: 'datetime', nullable: true })
  currentPeriodStart: Date | null = null;

  @Column({ type: 'datetime', nullable: true })
  currentPeriodEnd: Date | null = null;

  @Column({ type: 'boolean', default: false })
  cancelAtPeriodEnd: boolean = false;

  @Column({ type: 'datetime', nullable: true })
  cancelledAt: Date | null = null;

  @Column({ type: 'datetime', nullable: true })
  endedAt: Date | null = null;

  @Column({ type: 'int' })
  graceDays: number;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}

export const liveKeyOf = (memberId: number, planId: number) => `${memberId}:${planId}`;
