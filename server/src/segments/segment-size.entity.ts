import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The size of a segment at each refresh: its history over time. */
@Entity('segment_sizes')
@Index(['segmentId', 'measuredAt'])
export class SegmentSize {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  segmentId: number;

  @Column({ type: 'datetime' })
  measuredAt: Date;

  @Column({ type: 'int' })
  members: number;
}
