import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who may start topics and reply in a category; everyone signed in may read every category. */
export const POST_POLICIES = ['everyone', 'tier', 'staff'] as const;
export type PostPolicy = (typeof POST_POLICIES)[number];

/** 'advice' categories let a topic's author (or staff) accept one reply as the answer. */
export const CATEGORY_KINDS = ['discussion', 'advice', 'announcements'] as const;
export type CategoryKind = (typeof CATEGORY_KINDS)[number];

/** A forum category (Discourse: Category) of a program: a Gold-only lounge, tips, news. */
@Entity('community_categories')
@Index(['programId', 'slug'], { unique: true })
export class CommunityCategory {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  programId: number;

  @Column({ type: 'varchar', length: 64 })
  slug: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 1000, default: '' })
  description: string = '';

  /** #RRGGBB. */
  @Column({ type: 'varchar', length: 7, default: '#3b6ea8' })
  color: string = '#3b6ea8';

  @Column({ type: 'int', default: 0 })
  position: number = 0;

  @Column({ type: 'varchar', length: 20, default: 'discussion' })
  kind: CategoryKind = 'discussion';

  @Column({ type: 'varchar', length: 10, default: 'everyone' })
  postPolicy: PostPolicy = 'everyone';

  /** With postPolicy 'tier': members of this tier or a higher one (by rank) may post. */
  @Column({ type: 'int', nullable: true })
  minTierId: number | null = null;

  @Column({ type: 'boolean', default: false })
  archived: boolean = false;

  @Column({ type: 'int', default: 0 })
  topicCount: number = 0;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
