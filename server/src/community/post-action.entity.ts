import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The fixed set of reactions; 'flag' is a report to the moderators. */
export const REACTIONS = ['like', 'heart', 'laugh', 'wow', 'thanks'] as const;
export type Reaction = (typeof REACTIONS)[number];
export const FLAG_REASONS = ['spam', 'inappropriate', 'offTopic', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const FLAG_STATUSES = ['pending', 'agreed', 'disagreed', 'deferred'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/**
 * A reaction or a flag on a post (Discourse: PostAction). `actorKey` is 'm:<memberId>' or
 * 's:<staffUserId>': the unique index makes a second reaction of a kind, or a second flag,
 * from the same person fail however the requests race.
 */
@Entity('community_post_actions')
@Index(['postId', 'actorKey', 'type'], { unique: true })
@Index(['type', 'status'])
@Index(['memberId', 'createdAt'])
export class CommunityPostAction {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  postId: number;

  @Column({ type: 'varchar', length: 20 })
  actorKey: string;

  @Column({ type: 'int', nullable: true })
  memberId: number | null = null;

  @Column({ type: 'int', nullable: true })
  staffUserId: number | null = null;

  /** A reaction, or 'flag'. */
  @Column({ type: 'varchar', length: 10 })
  type: Reaction | 'flag';

  /** Flags only: how much it counts toward hiding the post (0 from new members, 1 from trusted ones, 3 from staff). */
  @Column({ type: 'int', default: 0 })
  weight: number = 0;

  @Column({ type: 'varchar', length: 20, nullable: true })
  flagReason: FlagReason | null = null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  flagNote: string | null = null;

  /** Flags only: the review's outcome. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  status: FlagStatus | null = null;

  @Column({ type: 'int', nullable: true })
  reviewedBy: number | null = null;

  @Column({ type: 'datetime', nullable: true })
  reviewedAt: Date | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
