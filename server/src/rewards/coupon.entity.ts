import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Stored states. `pool` is an imported partner code no member has yet; `expired` is
 * written when an issued coupon past its date is touched. Readers derive expiry from
 * expiresAt (see effectiveState), so a coupon is never usable past its date, job or not.
 */
export const COUPON_STATES = ['pool', 'issued', 'used', 'expired'] as const;
export type CouponState = (typeof COUPON_STATES)[number];

/** One code a member shows at the till: generated for the member, or taken from an imported pool. */
@Entity('coupons')
@Index(['rewardId', 'state'])
@Index(['memberId', 'id'])
export class Coupon {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'int' })
  rewardId: number;

  @Column({ type: 'int' })
  programId: number;

  @Column({ type: 'int', nullable: true })
  memberId: number | null = null;

  @Column({ type: 'int', nullable: true })
  redemptionId: number | null = null;

  @Column({ type: 'varchar', length: 10 })
  state: CouponState;

  /** generated | imported */
  @Column({ type: 'varchar', length: 10 })
  origin: 'generated' | 'imported';

  @Column({ type: 'datetime', nullable: true })
  issuedAt: Date | null = null;

  @Column({ type: 'datetime', nullable: true })
  expiresAt: Date | null = null;

  @Column({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;

  /** The order (purchase external id) it paid for. */
  @Column({ type: 'varchar', length: 191, nullable: true })
  orderRef: string | null = null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  usedStore: string | null = null;

  /** The client's key for the use, so that a repeated useCoupon answers with the first result. */
  @Column({ type: 'varchar', length: 150, nullable: true })
  useKey: string | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}

/** issued past its date reads as expired, whatever is stored. */
export function effectiveState(coupon: Pick<Coupon, 'state' | 'expiresAt'>, now = new Date()): CouponState {
  if (coupon.state === 'issued' && coupon.expiresAt && coupon.expiresAt.getTime() <= now.getTime()) return 'expired';
  return coupon.state;
}
