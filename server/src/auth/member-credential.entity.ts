import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Member } from '../members/member.entity';

/**
 * A member's sign-in: kept apart from the member record so that members created by a
 * POS or an import (who never signed up) have none, and the members domain knows no auth.
 */
@Entity('member_credentials')
export class MemberCredential {
  @PrimaryColumn({ type: 'int' })
  memberId: number;

  @OneToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'memberId' })
  member?: Member;

  /** Stored lower-cased. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 191 })
  email: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime', nullable: true })
  lastSignInAt: Date | null = null;
}
