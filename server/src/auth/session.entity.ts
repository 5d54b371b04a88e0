import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Member } from '../members/member.entity';
import { StaffUser } from './staff-user.entity';

export type SessionSubject = 'staff' | 'member';

/** A signed-in browser or app. Only the SHA-256 of the token is stored. */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 10 })
  subject: SessionSubject;

  @Index()
  @Column({ type: 'int', nullable: true })
  staffUserId: number | null = null;

  @ManyToOne(() => StaffUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'staffUserId' })
  staffUser?: StaffUser;

  @Index()
  @Column({ type: 'int', nullable: true })
  memberId: number | null = null;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'memberId' })
  member?: Member;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  expiresAt: Date;

  @Column({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null = null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  userAgent: string | null = null;
}
