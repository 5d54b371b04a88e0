import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Question, SurveyKind } from './questions';

export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** A survey, an NPS poll or a quiz. Its questions are fixed once anyone has answered. */
@Entity('surveys')
@Index(['programId', 'code'], { unique: true })
export class Survey {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  programId: number;

  /** What flows (trigger.surveyAnswered) and segments refer to. */
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 10 })
  kind: SurveyKind;

  @Column({ type: 'varchar', length: 10, default: 'draft' })
  status: SurveyStatus = 'draft';

  @Column({ type: 'simple-json' })
  questions: Question[];

  @Column({ type: 'datetime', nullable: true })
  closesAt: Date | null = null;

  @Column({ type: 'int', default: 0 })
  responseCount: number = 0;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
