import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CLUB_PLAN_STATUSES = ['active', 'archived'] as const;
export type ClubPlanStatus = (typeof CLUB_PLAN_STATUSES)[number];
export const PERIOD_UNITS = ['month', 'day'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

/** A paid club of a program (the "Prime" of a coffee chain): a price per period and perks. */
@Entity('club_plans')
@Index(['programId', 'code'], { unique: true })
export class ClubPlan {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  programId: number;

  /** What flows (condition.club) and payments refer to; it never changes. */
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 2000, default: '' })
  description: string = '';

  @Column({ type: 'int' })
  priceMinor: number;

  /** Always the program's currency. */
  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 10 })
  periodUnit: PeriodUnit;

  /** Months (1, 3, 12) or days per paid period. */
  @Column({ type: 'int' })
  periodCount: number;

  @Column({ type: 'int', default: 0 })
  trialDays: number = 0;

  /** Days a pastDue subscription keeps its perks before it expires. */
  @Column({ type: 'int', default: 3 })
  graceDays: number = 3;

  @Column({ type: 'simple-json' })
  perks: string[] = [];

  /** What the marketer means to give club members (200 = double points); flows apply it. */
  @Column({ type: 'int', nullable: true })
  earnMultiplierPercent: number | null = null;

  @Column({ type: 'varchar', length: 10, default: 'active' })
  status: ClubPlanStatus = 'active';

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
