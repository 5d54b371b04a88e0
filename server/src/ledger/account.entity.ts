import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A member's standing in one program: the stored balances beside the ledger, the tier,
 * and the counters tiers and flows read. Only the ledger service changes the balances,
 * always in the same transaction as the entry and with a guarded update, so that two
 * redemptions can never spend the same points.
 */
@Entity('loyalty_accounts')
@Index(['memberId', 'programId'], { unique: true })
@Index(['programId', 'lastPurchaseAt'])
// Members per tier, counted from the index alone; tierId changes seldom, so it costs the writes little.
// Covering the dashboard's members per tier and points owed: one pass over the index, no rows read.
@Index(['programId', 'tierId', 'available', 'pending'])
export class LoyaltyAccount {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index()
  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int' })
  programId: number;

  /** Points that can be spent now. Never negative. */
  @Column({ type: 'int', default: 0 })
  available: number = 0;

  /** Points waiting for the return period to pass. */
  @Column({ type: 'int', default: 0 })
  pending: number = 0;

  /** Points owed after a refund clawed back points already spent; future earnings settle it. */
  @Column({ type: 'int', default: 0 })
  debt: number = 0;

  /** Every point ever earned (before refunds). */
  @Column({ type: 'int', default: 0 })
  lifetimePoints: number = 0;

  /** Spend in minor units, net of refunds. */
  @Column({ type: 'bigint', default: 0, transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  lifetimeSpendMinor: number = 0;

  @Column({ type: 'int', default: 0 })
  purchaseCount: number = 0;

  @Column({ type: 'datetime', nullable: true })
  lastPurchaseAt: Date | null = null;

  @Column({ type: 'int', nullable: true })
  tierId: number | null = null;

  /** In the program's holdout: campaigns give this member nothing (set when the account opens). */
  @Column({ type: 'boolean', default: false })
  holdout: boolean = false;

  @Column({ type: 'datetime', nullable: true })
  tierSince: Date | null = null;

  @Column({ type: 'datetime' })
  joinedAt: Date = new Date();

  @Column({ type: 'datetime' })
  updatedAt: Date = new Date();
}
