import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IdempotentRecord } from '../db/idempotent-record';

export const CHANNELS = ['store', 'online', 'app', 'partner'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A receipt from the brand's till or shop, of a member or of someone who is not one. */
@Entity('purchases')
// programId last: a member's purchases in a program (join cohorts) are read from the index alone.
@Index(['memberId', 'occurredAt', 'programId'])
// Covering the analytics (active members, members vs non-members): a range of it is read without the rows.
@Index(['programId', 'occurredAt', 'memberId', 'totalMinor', 'refundedMinor'])
export class Purchase extends IdempotentRecord {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** Null for a purchase by someone who is not a member. */
  @Column({ type: 'int', nullable: true })
  memberId: number | null = null;

  @Column({ type: 'int' })
  programId: number;

  @Column({ type: 'int' })
  totalMinor: number;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 20 })
  channel: Channel;

  @Column({ type: 'varchar', length: 64, nullable: true })
  storeId: string | null = null;

  /** The coalition partner it was bought at (recorded with the partner's key). */
  @Index()
  @Column({ type: 'int', nullable: true })
  partnerId: number | null = null;

  /** Points the purchase earned (before any refund). */
  @Column({ type: 'int', default: 0 })
  pointsEarned: number = 0;

  /** Sum of refunds so far, in minor units. */
  @Column({ type: 'int', default: 0 })
  refundedMinor: number = 0;

  /** Points clawed back by refunds so far (from lots and as debt). */
  @Column({ type: 'int', default: 0 })
  pointsReversed: number = 0;

  @Column({ type: 'datetime' })
  occurredAt: Date;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
