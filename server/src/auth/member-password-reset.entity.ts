import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A "forgot password" link sent to a member: only the HMAC of its token is stored, it
 * expires, and it is spent by the first reset (usedAt) — or by a later request or reset.
 */
@Entity('member_password_resets')
export class MemberPasswordReset {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index()
  @Column({ type: 'int' })
  memberId: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  expiresAt: Date;

  @Column({ type: 'datetime', nullable: true })
  usedAt: Date | null = null;

  /** Who asked: kept for support, like a session's address. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null = null;
}
