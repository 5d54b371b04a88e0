import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A conversation (Discourse: Topic). Its first post is the opening post; counters are
 * kept beside it, changed in the transaction that adds or hides a post.
 * closed: no new replies; locked: a moderator froze it (no replies, no edits by members);
 * archived: read-only and out of the lists.
 */
@Entity('community_topics')
@Index(['categoryId', 'lastPostedAt'])
@Index(['lastPostedAt'])
@Index('IDX_community_topics_fulltext', { synchronize: false })
export class CommunityTopic {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  categoryId: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'int', nullable: true })
  authorMemberId: number | null = null;

  @Column({ type: 'int', nullable: true })
  authorStaffId: number | null = null;

  @Column({ type: 'boolean', default: false })
  pinned: boolean = false;

  @Column({ type: 'boolean', default: false })
  closed: boolean = false;

  @Column({ type: 'boolean', default: false })
  locked: boolean = false;

  @Column({ type: 'boolean', default: false })
  archived: boolean = false;

  /** The opening post hidden by moderation: the topic leaves members' lists. */
  @Column({ type: 'boolean', default: false })
  hidden: boolean = false;

  @Column({ type: 'int', default: 0 })
  views: number = 0;

  /** Visible replies (posts after the first). */
  @Column({ type: 'int', default: 0 })
  replyCount: number = 0;

  /** Reactions on all its posts. */
  @Column({ type: 'int', default: 0 })
  reactionCount: number = 0;

  /** The number the next post takes; taken under the topic's row lock. */
  @Column({ type: 'int', default: 0 })
  highestPostNumber: number = 0;

  @Column({ type: 'int', nullable: true })
  acceptedPostId: number | null = null;

  @Column({ type: 'datetime' })
  lastPostedAt: Date = new Date();

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
