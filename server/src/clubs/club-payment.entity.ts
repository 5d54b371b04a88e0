import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A payment for a club, as the brand's payment system reported it (once per externalId). */
@Entity('club_payments')
@Index(['subscriptionId', 'id'])
export class ClubPayment {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** The payment system's id: the unique index makes a replay change nothing. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 128 })
  externalId: string;

  /** Fingerprint of the request, to tell a replay from a different payment under the same id. */
  @Column({ type: 'varchar', length: 64 })
  requestHash: string;

  @Column({ type: 'int' })
  subscriptionId: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int' })
  planId: number;

  @Column({ type: 'int' })
  amountMinor: number;

  @Column({ type: 'varchar', length: 3 })
  currency: string;

  @Column({ type: 'datetime' })
  paidAt: Date;

  /** The period this payment paid for. */
  @Column({ type: 'datetime' })
  periodStart: Date;

  @Column({ type: 'datetime' })
  periodEnd: Date;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
