import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** rule: matched the definition at the last refresh; upload, campaign, staff: put there and kept by refreshes. */
export const MEMBERSHIP_SOURCES = ['rule', 'upload', 'campaign', 'staff'] as const;
export type MembershipSource = (typeof MEMBERSHIP_SOURCES)[number];

/** A member in a segment: the materialized membership flows read. */
@Entity('segment_members')
@Index(['segmentId', 'memberId'], { unique: true })
export class SegmentMember {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  segmentId: number;

  @Index()
  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 10 })
  source: MembershipSource;

  @Column({ type: 'datetime' })
  addedAt: Date = new Date();
}
