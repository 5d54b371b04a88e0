import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { SegmentRule } from '@patron/schema/segments';

export const SEGMENT_KINDS = ['dynamic', 'static'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

/**
 * A group of members: dynamic (a definition, materialized by a job and on demand) or
 * static (an uploaded list). Flows and campaign audiences read the materialized membership.
 */
@Entity('segments')
@Index(['programId', 'code'], { unique: true })
export class Segment {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  programId: number;

  /** What flows refer to (condition.segment, action.addToSegment, a campaign's audience). */
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  description: string = '';

  @Column({ type: 'varchar', length: 10 })
  kind: SegmentKind;

  @Column({ type: 'simple-json', nullable: true })
  definition: SegmentRule | null = null;

  @Column({ type: 'int', default: 0 })
  memberCount: number = 0;

  @Column({ type: 'datetime', nullable: true })
  refreshedAt: Date | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
