import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CHALLENGE_METRICS = ['purchaseCount', 'spendMinor', 'pointsEarned', 'bonusPoints', 'customEvent', 'surveyAnswered', 'quizPassed', 'communityPost', 'manual'] as const;
export type ChallengeMetric = (typeof CHALLENGE_METRICS)[number];
export const CHALLENGE_PERIODS = ['week', 'month', 'rolling', 'fixed'] as const;
export type ChallengePeriod = (typeof CHALLENGE_PERIODS)[number];
export const CHALLENGE_STATUSES = ['draft', 'active', 'archived'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

/**
 * A goal a member reaches by what they do within a period: "5 purchases in 30 days",
 * "1,000 bonus points this month". Completing it grants its badge and fires
 * trigger.challengeCompleted, through which campaigns reward it.
 */
@Entity('challenges')
@Index(['programId', 'code'], { unique: true })
@Index(['programId', 'status'])
export class Challenge {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  programId: number;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 2000, default: '' })
  description: string = '';

  @Column({ type: 'int' })
  goal: number;

  @Column({ type: 'varchar', length: 20 })
  metric: ChallengeMetric;

  /** customEvent: the event name that counts. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  eventName: string | null = null;

  /** surveyAnswered / quizPassed: only this survey counts (null: any). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  surveyCode: string | null = null;

  /** quizPassed: the lowest score (right answers) that passes. */
  @Column({ type: 'int', nullable: true })
  minScore: number | null = null;

  @Column({ type: 'varchar', length: 10 })
  period: ChallengePeriod;

  /** rolling: the window's length, from the member's first progress in it. */
  @Column({ type: 'int', nullable: true })
  rollingDays: number | null = null;

  /** fixed: the window; other periods may also be bounded by them. */
  @Column({ type: 'datetime', nullable: true })
  startsAt: Date | null = null;

  @Column({ type: 'datetime', nullable: true })
  endsAt: Date | null = null;

  @Column({ type: 'int', nullable: true })
  badgeId: number | null = null;

  @Column({ type: 'varchar', length: 10, default: 'draft' })
  status: ChallengeStatus = 'draft';

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
