import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const NOTIFICATION_LEVELS = ['watching', 'normal', 'muted'] as const;
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number];

/** A member's state in a topic (Discourse: TopicUser): how far they read, and whether they watch or muted it. */
@Entity('community_topic_users')
@Index(['topicId', 'memberId'], { unique: true })
@Index(['memberId'])
export class CommunityTopicUser {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  topicId: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int', default: 0 })
  lastReadPostNumber: number = 0;

  @Column({ type: 'varchar', length: 10, default: 'normal' })
  notificationLevel: NotificationLevel = 'normal';

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
