import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A post a member saved for later. */
@Entity('community_bookmarks')
@Index(['memberId', 'postId'], { unique: true })
export class CommunityBookmark {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int' })
  postId: number;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
