import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A member's progress in one period of a challenge. Increments are upserts capped at the
 * goal; completedAt is set once, by the guarded update that finds it still empty.
 */
@Entity('challenge_progress')
@Index(['memberId', 'challengeId', 'periodKey'], { unique: true })
@Index(['challengeId', 'periodKey', 'progress'])
export class ChallengeProgress {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int' })
  challengeId: number;

  /** 'm:2026-11', 'w:2026-11-16', 'r:3' (the member's third rolling window), 'fixed'. */
  @Column({ type: 'varchar', length: 20 })
  periodKey: string;

  @Column({ type: 'datetime' })
  periodStart: Date;

  @Column({ type: 'datetime' })
  periodEnd: Date;

  /** The challenge's goal when the period began: editing the goal does not move running periods. */
  @Column({ type: 'int' })
  goal: number;

  @Column({ type: 'int', default: 0 })
  progress: number = 0;

  @Column({ type: 'datetime', nullable: true })
  completedAt: Date | null = null;

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
