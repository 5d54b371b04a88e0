import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ENTRY_KINDS = ['earn', 'redeem', 'expire', 'adjust', 'reverse', 'release'] as const;
/**
 * earn: points earned (pending or available); redeem: spent at checkout or on a reward;
 * expire: lots past their date; adjust: staff correction; reverse: a refund's clawback;
 * release: pending → available. An earning first pays off refund debt (a negative debtChange).
 */
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ENTRY_SOURCES = ['purchase', 'refund', 'campaign', 'reward', 'checkout', 'manual', 'import', 'expiry', 'offer'] as const;
export type EntrySource = (typeof ENTRY_SOURCES)[number];

/**
 * One line of the append-only points ledger. Rows are inserted, never updated. The three
 * changes are signed deltas of the account's buckets; the `…After` columns are the
 * account after this entry, so any entry answers "what was my balance then?".
 */
@Entity('ledger_entries')
@Index(['accountId', 'id'])
@Index(['memberId', 'occurredAt'])
// Covering the point flows the dashboard sums (issued, redeemed, expired over a range): kind
// first, so that the few redemptions and expiries of a year are read without the earnings.
@Index(['programId', 'kind', 'occurredAt', 'availableChange', 'pendingChange', 'debtChange'])
@Index(['partnerId', 'occurredAt'])
export class LedgerEntry {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'int' })
  accountId: number;

  @Column({ type: 'int' })
  memberId: number;

  @Column({ type: 'int' })
  programId: number;

  @Column({ type: 'varchar', length: 20 })
  kind: EntryKind;

  @Column({ type: 'varchar', length: 20 })
  source: EntrySource;

  /** Change of available points. */
  @Column({ type: 'int', default: 0 })
  availableChange: number = 0;

  @Column({ type: 'int', default: 0 })
  pendingChange: number = 0;

  @Column({ type: 'int', default: 0 })
  debtChange: number = 0;

  @Column({ type: 'int' })
  availableAfter: number;

  @Column({ type: 'int' })
  pendingAfter: number;

  @Column({ type: 'int' })
  debtAfter: number;

  @Index()
  @Column({ type: 'int', nullable: true })
  purchaseId: number | null = null;

  @Column({ type: 'int', nullable: true })
  refundId: number | null = null;

  /**
   * No longer written: a redemption points at its entry (`redemptions.entryId`), and an entry,
   * once appended, is never updated to point back. Kept, null on new entries, so that a server
   * of the previous release still running during a rolling upgrade can write it; it goes with
   * the next major version (migrations only add within a release line).
   */
  @Column({ type: 'int', nullable: true })
  redemptionId: number | null = null;

  /** The coalition partner it happened at: its purchase, its refund, or a redemption there. */
  @Column({ type: 'int', nullable: true })
  partnerId: number | null = null;

  /** Attribution for the flow engine: which campaign, version and A/B variant caused it. */
  @Index()
  @Column({ type: 'int', nullable: true })
  campaignId: number | null = null;

  @Column({ type: 'int', nullable: true })
  campaignVersion: number | null = null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  variantKey: string | null = null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  traceId: string | null = null;

  /** Makes a write that an outside system repeats land once. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 191, nullable: true })
  idempotencyKey: string | null = null;

  /** Who caused it: staff, member, apiKey or system; with the id where there is one. */
  @Column({ type: 'varchar', length: 20, default: 'system' })
  actorKind: string = 'system';

  @Column({ type: 'int', nullable: true })
  actorId: number | null = null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null = null;

  /** When it happened in the world (a purchase's time); createdAt is when it was recorded. */
  @Column({ type: 'datetime' })
  occurredAt: Date = new Date();

  @Column({ type: 'datetime' })
  createdAt: Date = new Date();
}
