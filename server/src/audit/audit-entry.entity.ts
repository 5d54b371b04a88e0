import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One change a staff member (or an API key) asked for: who, what, on what, with what outcome. Arguments are not kept: they may hold personal data. */
@Entity('audit_entries')
@Index(['at'])
@Index(['staffUserId', 'at'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int', nullable: true })
  staffUserId: number | null = null;

  @Column({ type: 'int', nullable: true })
  apiKeyId: number | null = null;

  /** The staff role, or "apiKey". */
  @Column({ type: 'varchar', length: 20 })
  role: string;

  /** The mutation, e.g. publishCampaign. */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  /** The id the mutation was about (its `id` argument), when it had one. */
  @Column({ type: 'varchar', length: 191, nullable: true })
  target: string | null = null;

  /** ok, or the error's code or type. */
  @Column({ type: 'varchar', length: 64 })
  outcome: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null = null;

  /** Why, where the mutation asks the staff member for a reason (a forum penalty); never the other arguments. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null = null;

  @Column({ type: 'datetime' })
  at: Date = new Date();
}
