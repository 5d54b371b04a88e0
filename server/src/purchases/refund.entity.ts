import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IdempotentRecord } from '../db/idempotent-record';

/** A full or partial return of a purchase. */
@Entity('refunds')
export class Refund extends IdempotentRecord {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index()
  @Column({ type: 'int' })
  purchaseId: number;

  @Column({ type: 'int' })
  amountMinor: number;

  /** Points taken back from the member's lots. */
  @Column({ type: 'int', default: 0 })
  pointsReversed: number = 0;

  /** Points that were already spent: recorded as debt, settled by future earnings. */
  @Column({ type: 'int', default: 0 })
  debtPoints: number = 0;

  @Column({ type: 'datetime' })
  occurredAt: Date;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
