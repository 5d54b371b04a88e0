import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const COMMUNITY_NOTIFICATION_TYPES = ['mention', 'reply', 'watching', 'reaction', 'accepted', 'moderation'] as const;
export type CommunityNotificationType = (typeof COMMUNITY_NOTIFICATION_TYPES)[number];

/** Something in the forum a member should know about: a mention, a reply, a post in a watched topic. */
@Entity('community_notifications')
@Index(['memberId', 'readAt', 'id'])
export class CommunityNotification {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 12 })
  type: CommunityNotificationType;

  @Column({ type: 'int' })
  topicId: number;

  @Column({ type: 'int', nullable: true })
  postId: number | null = null;

  /** Who caused it, as shown (a display name, never a contact). */
  @Column({ type: 'varchar', length: 100, default: '' })
  actorName: string = '';

  @Column({ type: 'datetime', nullable: true })
  readAt: Date | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
