import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A full or partial return of a purchase. */
@Entity('refunds')
export class Refund {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 191 })
  externalId: string;

  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

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
