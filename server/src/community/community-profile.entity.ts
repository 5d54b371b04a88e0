import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A member's forum identity: the @username others mention, and the row locked while
 * the member posts, so that the hourly limit holds however many requests race.
 */
@Entity('community_profiles')
export class CommunityProfile {
  @PrimaryColumn({ type: 'int' })
  memberId: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 30 })
  username: string;

  @Column({ type: 'int', default: 0 })
  postCount: number = 0;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
