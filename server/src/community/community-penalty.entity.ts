import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** silence: may read and react but not post; suspend: may only read. */
export const PENALTY_KINDS = ['silence', 'suspend'] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];

/** A moderator's silence or suspension of a member, with its reason: the member's moderation history. */
@Entity('community_penalties')
@Index(['memberId', 'endsAt'])
export class CommunityPenalty {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 10 })
  kind: PenaltyKind;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'int' })
  staffUserId: number;

  @Column({ type: 'datetime' })
  startsAt: Date = new Date();

  @Column({ type: 'datetime' })
  endsAt: Date;

  @Column({ type: 'datetime', nullable: true })
  liftedAt: Date | null = null;
}
