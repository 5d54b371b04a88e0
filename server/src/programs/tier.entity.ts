import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const TIER_QUALIFIERS = ['spend', 'points', 'purchases'] as const;
export type TierQualifier = (typeof TIER_QUALIFIERS)[number];
export const TIER_WINDOWS = ['rolling', 'calendarYear', 'lifetime'] as const;
export type TierWindow = (typeof TIER_WINDOWS)[number];

/** A level of a program (Basic, Silver, Gold…): how a member reaches it and what it gives. */
@Entity('tiers')
@Index(['programId', 'code'], { unique: true })
export class Tier {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index()
  @Column({ type: 'int' })
  programId: number;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** 0 for the entry tier; higher is better. */
  @Column({ type: 'int' })
  rank: number;

  /** Spend (minor units, net of refunds), points earned (not balance) or purchase count. */
  @Column({ type: 'varchar', length: 20, default: 'spend' })
  qualifyBy: TierQualifier = 'spend';

  @Column({ type: 'int', default: 0 })
  threshold: number = 0;

  @Column({ type: 'varchar', length: 20, default: 'rolling' })
  window: TierWindow = 'rolling';

  /** Length of a rolling window. */
  @Column({ type: 'int', default: 365 })
  windowDays: number = 365;

  /** Earn multiplier in percent: 150 earns 1.5×. */
  @Column({ type: 'int', default: 100 })
  earnMultiplierPercent: number = 100;

  /** Permanent discount at checkout, in percent (the discount that grows with spend). */
  @Column({ type: 'int', default: 0 })
  discountPercent: number = 0;

  /** Perks as data: "free delivery", "early access"… */
  @Column({ type: 'simple-json' })
  perks: string[] = [];

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
