import type { LoyaltyAccount } from './account.entity';
import type { EntrySource } from './ledger-entry.entity';

/** Why an entry exists and who caused it; copied onto the ledger row. */
export interface EntryContext {
  source: EntrySource;
  occurredAt?: Date;
  purchaseId?: number | null;
  refundId?: number | null;
  partnerId?: number | null;
  campaignId?: number | null;
  campaignVersion?: number | null;
  variantKey?: string | null;
  traceId?: string | null;
  idempotencyKey?: string | null;
  actorKind?: string;
  actorId?: number | null;
  reason?: string | null;
}

export interface EarnInput extends EntryContext {
  points: number;
  /** When the points may be spent (after the return period); now or earlier = at once. */
  availableAt: Date;
  expiresAt: Date | null;
}

/** What an entry changes on its account's balances. */
export interface Changes {
  available?: number;
  pending?: number;
  debt?: number;
  lifetimePoints?: number;
}

/** Purchase counters kept on the account beside the balances. */
export type AccountStats = Partial<Pick<LoyaltyAccount, 'purchaseCount' | 'lifetimeSpendMinor' | 'lastPurchaseAt'>>;
