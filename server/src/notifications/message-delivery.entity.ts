import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** One email to one member: what was rendered, and every attempt's outcome. Never deleted silently. */
@Entity('message_deliveries')
@Index(['memberId', 'id'])
@Index(['status', 'id'])
export class MessageDelivery {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 10, default: 'email' })
  channel: string = 'email';

  @Column({ type: 'varchar', length: 64 })
  templateCode: string;

  @Column({ type: 'varchar', length: 5 })
  locale: string;

  @Column({ type: 'integer', nullable: true })
  memberId: number | null = null;

  @Column({ type: 'varchar', length: 191, default: '' })
  recipient: string = '';

  @Column({ type: 'varchar', length: 200, default: '' })
  subject: string = '';

  /** Rendered text; the HTML part is made from it, escaped, when sent. */
  @Column({ type: 'text' })
  body: string = '';

  @Column({ type: 'boolean', default: false })
  marketing: boolean = false;

  @Column({ type: 'varchar', length: 10, default: 'queued' })
  status: MessageStatus = 'queued';

  @Column({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError: string | null = null;

  @Column({ type: 'datetime', nullable: true })
  lastAttemptAt: Date | null = null;

  @Column({ type: 'datetime', nullable: true })
  nextAttemptAt: Date | null = null;

  @Column({ type: 'datetime', nullable: true })
  sentAt: Date | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
