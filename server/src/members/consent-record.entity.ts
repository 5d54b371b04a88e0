import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CONSENT_CHANNELS = ['email', 'sms'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
/** Where a consent came from: the member's own sign-up or portal, staff, a server's API key, or the anonymisation that withdrew it. */
export const CONSENT_SOURCES = ['signup', 'portal', 'staff', 'api', 'anonymisation', 'system'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** One grant or withdrawal of consent to messages, kept as evidence (152-FZ art. 9, GDPR art. 7(1)). */
@Entity('consent_records')
@Index(['memberId', 'recordedAt'])
export class ConsentRecord {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'varchar', length: 10 })
  channel: ConsentChannel;

  @Column({ type: 'boolean' })
  granted: boolean;

  @Column({ type: 'varchar', length: 20 })
  source: ConsentSource;

  /** The staff user or API key that recorded it; null for the member or the system. */
  @Column({ type: 'int', nullable: true })
  actorId: number | null = null;

  @Column({ type: 'datetime' })
  recordedAt: Date;
}
