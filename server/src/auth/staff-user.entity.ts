import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffRole } from '@patron/schema';

/** A person who runs the program: admin, marketer, moderator, analyst or support. */
@Entity('staff_users')
export class StaffUser {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** Stored lower-cased. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 191 })
  email: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  name: string = '';

  @Column({ type: 'varchar', length: 20 })
  role: StaffRole;

  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime', nullable: true })
  lastSignInAt: Date | null = null;

  @Column({ type: 'datetime', nullable: true })
  disabledAt: Date | null = null;
}
