import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IdempotentRecord } from '../db/idempotent-record';

/** A custom event a brand sends about a member (app opened, review written…), kept once per externalId. */
@Entity('member_events')
@Index(['memberId', 'occurredAt'])
export class MemberEvent extends IdempotentRecord {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int' })
  programId: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'simple-json', nullable: true })
  data: Record<string, unknown> | null = null;

  /** Points the campaigns gave for it. */
  @Column({ type: 'int', default: 0 })
  pointsAwarded: number = 0;

  @Column({ type: 'datetime' })
  occurredAt: Date;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
