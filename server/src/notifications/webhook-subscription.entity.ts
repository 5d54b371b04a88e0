import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An outside system that asked to hear about events; deliveries are signed with its secret. */
@Entity('webhook_subscriptions')
export class WebhookSubscription {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Column({ type: 'simple-json' })
  eventTypes: string[];

  /** Shown once when created; kept to sign each delivery (HMAC needs the secret itself, not a hash). */
  @Column({ type: 'varchar', length: 100 })
  secret: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  description: string = '';

  @Column({ type: 'boolean', default: true })
  active: boolean = true;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
