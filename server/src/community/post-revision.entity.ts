import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A post as it was before an edit (Discourse: PostRevision): version n holds the text of version n. */
@Entity('community_post_revisions')
@Index(['postId', 'version'], { unique: true })
export class CommunityPostRevision {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  postId: number;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text' })
  raw: string;

  @Column({ type: 'int', nullable: true })
  editorMemberId: number | null = null;

  @Column({ type: 'int', nullable: true })
  editorStaffId: number | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
