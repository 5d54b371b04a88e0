import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Answers } from './questions';

/** A member's answers to a survey: one per member per survey (a unique index enforces it). */
@Entity('survey_responses')
@Index(['surveyId', 'memberId'], { unique: true })
@Index(['surveyId', 'submittedAt'])
export class SurveyResponse {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  surveyId: number;

  @Index()
  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'simple-json' })
  answers: Answers;

  /** The answer to the NPS question, 0–10, when the survey has one. */
  @Column({ type: 'int', nullable: true })
  npsScore: number | null = null;

  /** Right answers, for a quiz. */
  @Column({ type: 'int', nullable: true })
  score: number | null = null;

  @Column({ type: 'datetime' })
  submittedAt: Date = new Date();
}
