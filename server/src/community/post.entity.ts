import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One post (Discourse: Post). `raw` is the author's markdown; `cooked` the HTML rendered
 * and sanitized on the server when it was written, so no browser ever renders raw input.
 * The FULLTEXT index on MySQL is created by the migration (synchronize: false here).
 */
@Entity('community_posts')
@Index(['topicId', 'postNumber'], { unique: true })
@Index(['authorMemberId', 'createdAt'])
@Index('IDX_community_posts_fulltext', { synchronize: false })
export class CommunityPost {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  topicId: number;

  @Column({ type: 'int' })
  postNumber: number;

  @Column({ type: 'int', nullable: true })
  authorMemberId: number | null = null;

  @Column({ type: 'int', nullable: true })
  authorStaffId: number | null = null;

  /** The post number this one answers, in the same topic. */
  @Column({ type: 'int', nullable: true })
  replyToPostNumber: number | null = null;

  @Column({ type: 'text' })
  raw: string;

  @Column({ type: 'text' })
  cooked: string;

  @Column({ type: 'boolean', default: false })
  hidden: boolean = false;

  /** 'flags' (hidden by members' flags until reviewed) or 'moderator'. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  hiddenReason: string | null = null;

  @Column({ type: 'datetime', nullable: true })
  deletedAt: Date | null = null;

  @Column({ type: 'int', default: 0 })
  reactionCount: number = 0;

  @Column({ type: 'int', default: 1 })
  version: number = 1;

  @Column({ type: 'datetime', nullable: true })
  editedAt: Date | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
