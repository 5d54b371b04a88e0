import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const VALUE_KINDS = ['points', 'cashback'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];
export const ROUNDINGS = ['floor', 'round', 'ceil'] as const;
export type Rounding = (typeof ROUNDINGS)[number];
export const EXPIRY_POLICIES = ['never', 'days', 'endOfMonth', 'endOfQuarter', 'endOfYear'] as const;
export type ExpiryPolicy = (typeof EXPIRY_POLICIES)[number];
export const TIER_REVIEWS = ['never', 'monthly', 'quarterly', 'yearly'] as const;
export type TierReview = (typeof TIER_REVIEWS)[number];

/**
 * A brand's rules of money. Amounts are integers in minor units (kopecks, cents); points
 * are whole. A cashback program is the same machine with points worth one minor unit.
 */
@Entity('programs')
export class Program {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** ISO 4217 code; purchases in another currency are refused. */
  @Column({ type: 'varchar', length: 3, default: 'RUB' })
  currency: string = 'RUB';

  @Column({ type: 'varchar', length: 10, default: 'points' })
  valueKind: ValueKind = 'points';

  /** Earn rate: `earnPoints` points for every `earnPerMinor` minor units spent. */
  @Column({ type: 'int', default: 1 })
  earnPoints: number = 1;

  @Column({ type: 'int', default: 100 })
  earnPerMinor: number = 100;

  @Column({ type: 'varchar', length: 10, default: 'floor' })
  rounding: Rounding = 'floor';

  /** Purchases below this amount earn nothing. */
  @Column({ type: 'int', default: 0 })
  minPurchaseMinor: number = 0;

  /**
   * Percent of members (a stable hash of program and member) whom campaigns leave out: the
   * control group that measures the program's incremental revenue without self-selection.
   */
  @Column({ type: 'int', default: 0 })
  holdoutPercent: number = 0;

  /** What one point is worth at checkout, in minor units. */
  @Column({ type: 'int', default: 100 })
  pointValueMinor: number = 100;

  /** The largest share of an order that points may pay, in percent. */
  @Column({ type: 'int', default: 100 })
  maxRedeemPercent: number = 100;

  /** A member needs at least this balance to redeem. */
  @Column({ type: 'int', default: 0 })
  minRedeemPoints: number = 0;

  /**
   * Moves with every write to the programs and their tiers, the campaigns, offers,
   * challenges, webhook subscriptions or referrals, in that write's transaction
   * (rules/listeners-version.ts): what the hot paths keep in memory of them is good for as
   * long as this has not moved. Only that statement writes it: a save() of a program read
   * earlier must not put an older value back (`update: false`).
   */
  @Column({ type: 'int', default: 0, update: false })
  listenersVersion: number = 0;

  @Column({ type: 'varchar', length: 20, default: 'never' })
  expiryPolicy: ExpiryPolicy = 'never';

  /** For `days`: lifetime of earned points; for `endOf…`: the period ends after this many days from earning. */
  @Column({ type: 'int', default: 0 })
  expiryDays: number = 0;

  /** Earned points wait this many days (the return period) before they can be spent. */
  @Column({ type: 'int', default: 0 })
  pendingDays: number = 0;

  /** The brand's time zone: where a "month" or a "year" ends. */
  @Column({ type: 'varchar', length: 64, default: 'Europe/Moscow' })
  timezone: string = 'Europe/Moscow';

  /** When tiers are reviewed for downgrades (upgrades happen at once). */
  @Column({ type: 'varchar', length: 20, default: 'yearly' })
  tierReview: TierReview = 'yearly';

  @Column({ type: 'boolean', default: false })
  isDefault: boolean = false;

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: 'active' | 'archived' = 'active';

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
