import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const BADGE_SOURCES = ['campaign', 'challenge', 'staff'] as const;
export type BadgeSource = (typeof BADGE_SOURCES)[number];

/** A badge a member holds (Discourse: UserBadge): at most one of each, which a unique index enforces. */
@Entity('member_badges')
@Index(['memberId', 'badgeId'], { unique: true })
@Index(['badgeId'])
export class MemberBadge {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int' })
  badgeId: number;

  @Column({ type: 'varchar', length: 10 })
  source: BadgeSource;

  @Column({ type: 'datetime' })
  awardedAt: Date = new Date();
}
