import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const BADGE_STATUSES = ['active', 'archived'] as const;
export type BadgeStatus = (typeof BADGE_STATUSES)[number];

/** A badge of a program (Discourse: Badge). Flows (action.grantBadge) refer to it by code. */
@Entity('badges')
@Index(['programId', 'code'], { unique: true })
export class Badge {
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

  /** An https URL or a small inline PNG/SVG data URL (checked by badges.service). */
  @Column({ type: 'text', nullable: true })
  image: string | null = null;

  @Column({ type: 'varchar', length: 10, default: 'active' })
  status: BadgeStatus = 'active';

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
