import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IdempotentRecord } from '../db/idempotent-record';

/** A reward given to a member: bought with points, or from a campaign (no points). */
@Entity('reward_redemptions')
@Index(['rewardId', 'memberId'])
@Index(['memberId', 'id'])
export class RewardRedemption extends IdempotentRecord {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  rewardId: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int' })
  programId: number;

  @Column({ type: 'int' })
  accountId: number;

  @Column({ type: 'int' })
  points: number;

  /** The ledger entry that spent the points; null when free. */
  @Column({ type: 'int', nullable: true })
  entryId: number | null = null;

  @Column({ type: 'int' })
  couponId: number;

  @Column({ type: 'int', nullable: true })
  campaignId: number | null = null;

  @Column({ type: 'varchar', length: 20 })
  actorKind: string;

  @Column({ type: 'int', nullable: true })
  actorId: number | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
