import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const REWARD_KINDS = ['coupon', 'fixedDiscount', 'percentDiscount', 'freeProduct', 'freeDelivery', 'experience', 'partnerVoucher'] as const;
export type RewardKind = (typeof REWARD_KINDS)[number];
export const REWARD_STATUSES = ['active', 'archived'] as const;
export type RewardStatus = (typeof REWARD_STATUSES)[number];

/** Something a member gets for points (or from a campaign): each redemption issues a coupon. */
@Entity('rewards')
@Index(['programId', 'code'], { unique: true })
export class Reward {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  programId: number;

  /** What flows (action.issueReward) refer to; unique in the program. */
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 2000, default: '' })
  description: string = '';

  @Column({ type: 'varchar', length: 500, nullable: true })
  imageUrl: string | null = null;

  @Column({ type: 'varchar', length: 20 })
  kind: RewardKind;

  /** fixedDiscount: the amount off, in minor units. */
  @Column({ type: 'int', nullable: true })
  valueMinor: number | null = null;

  /** percentDiscount: 1–100. */
  @Column({ type: 'int', nullable: true })
  percent: number | null = null;

  /** percentDiscount: the most it takes off, in minor units. */
  @Column({ type: 'int', nullable: true })
  capMinor: number | null = null;

  /** freeProduct: the product given. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sku: string | null = null;

  /** 0 = only campaigns give it. */
  @Column({ type: 'int' })
  costPoints: number;

  /** Left to hand out; null = unlimited. Only a guarded UPDATE (stock > 0) lowers it. */
  @Column({ type: 'int', nullable: true })
  stock: number | null = null;

  @Column({ type: 'int', nullable: true })
  perMemberLimit: number | null = null;

  @Column({ type: 'datetime', nullable: true })
  validFrom: Date | null = null;

  @Column({ type: 'datetime', nullable: true })
  validUntil: Date | null = null;

  /** A tier code: members of that tier and above (by rank) may redeem. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  minTier: string | null = null;

  /** How long an issued coupon lasts; null = until used. */
  @Column({ type: 'int', nullable: true })
  couponValidDays: number | null = null;

  @Column({ type: 'varchar', length: 10, default: 'active' })
  status: RewardStatus = 'active';

  @Column({ type: 'int', default: 0 })
  issuedCount: number = 0;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
