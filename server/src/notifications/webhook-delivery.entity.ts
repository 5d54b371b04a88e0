import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const WEBHOOK_STATUSES = ['queued', 'sending', 'delivered', 'failed'] as const;
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number];

/** One POST of one event to one receiver, with every attempt's outcome. */
@Entity('webhook_deliveries')
@Index(['subscriptionId', 'id'])
@Index(['status', 'id'])
export class WebhookDelivery {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** Null for a flow's notify node, which posts to its own URL, unsigned. */
  @Column({ type: 'integer', nullable: true })
  subscriptionId: number | null = null;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Column({ type: 'varchar', length: 32 })
  eventType: string;

  /** The event's id: the same for a replay, so that receivers can drop duplicates. */
  @Column({ type: 'varchar', length: 36 })
  eventId: string;

  /** The exact JSON body that is signed and sent. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 10, default: 'queued' })
  status: WebhookStatus = 'queued';

  @Column({ type: 'integer', default: 0 })
  attempts: number = 0;

  @Column({ type: 'integer', nullable: true })
  responseStatus: number | null = null;

  @Column({ type: 'integer', nullable: true })
  durationMs: number | null = null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError: string | null = null;

  @Column({ type: 'datetime', nullable: true })
  lastAttemptAt: Date | null = null;

  @Column({ type: 'datetime', nullable: true })
  nextAttemptAt: Date | null = null;

  @Column({ type: 'datetime', nullable: true })
  deliveredAt: Date | null = null;

  @Column({ type: 'integer', nullable: true })
  replayOf: number | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
