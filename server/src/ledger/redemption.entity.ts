import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IdempotentRecord } from '../db/idempotent-record';

/** Points spent at checkout (the automatic write-off at the till). */
@Entity('redemptions')
export class Redemption extends IdempotentRecord {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index()
  @Column({ type: 'int' })
  accountId: number;

  @Column({ type: 'int' })
  points: number;

  /** What the points were worth, in minor units of the program's currency. */
  @Column({ type: 'int' })
  valueMinor: number;

  @Column({ type: 'varchar', length: 191, nullable: true })
  purchaseExternalId: string | null = null;

  /** Its ledger entry: the one link between the two (an entry is never updated to point back). */
  @Index('IDX_redemptions_entry', { unique: true })
  @Column({ type: 'int' })
  entryId: number;

  /** The coalition partner the points were spent at. */
  @Index()
  @Column({ type: 'int', nullable: true })
  partnerId: number | null = null;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
