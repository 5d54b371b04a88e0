import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type LotState = 'pending' | 'available' | 'closed';

/**
 * Points earned together, with the date they become spendable and the date they expire.
 * Redemption spends the lots that expire first; `remaining` is what is left of them.
 * The account's available balance always equals the sum of `remaining` over its
 * available lots (pending likewise).
 */
@Entity('point_lots')
// The order an account's lots pay in (lots.ts LOT_ORDER), read from the index: no sort of
// every open lot on each redemption. Named: it replaced (accountId, state, expiresAt).
@Index('IDX_point_lots_spend_order', ['accountId', 'state', 'neverExpires', 'expiresAt'])
// accountId last: the daily job lists the accounts with due lots from these alone.
@Index('IDX_point_lots_due_to_expire', ['state', 'expiresAt', 'accountId'])
@Index('IDX_point_lots_due_for_release', ['state', 'availableAt', 'accountId'])
export class PointLot {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  accountId: number;

  /** The entry that earned the lot. */
  @Column({ type: 'int' })
  entryId: number;

  @Index()
  @Column({ type: 'int', nullable: true })
  purchaseId: number | null = null;

  @Column({ type: 'int' })
  points: number;

  @Column({ type: 'int' })
  remaining: number;

  @Column({ type: 'varchar', length: 10 })
  state: LotState;

  @Column({ type: 'datetime' })
  availableAt: Date;

  @Column({ type: 'datetime', nullable: true })
  expiresAt: Date | null = null;

  /**
   * Whether the lot never expires, computed by the database from `expiresAt`. Such lots pay
   * last, and an index on `expiresAt` alone cannot give that order (NULL sorts first); with
   * this column before it, the index does; a query for an account's dated lots says
   * `neverExpires = 0` (as `expiresAt <= ?` implies) to read them as one range. Never read
   * or written by the code.
   */
  @Column({ type: 'boolean', generatedType: 'VIRTUAL', asExpression: 'expiresAt IS NULL', select: false, insert: false, update: false })
  readonly neverExpires?: boolean;

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
