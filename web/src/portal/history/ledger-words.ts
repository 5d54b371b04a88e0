import type { LedgerEntryKind, LedgerEntrySource } from '../../graphql/generated/graphql';

export type EntryWords =
  | 'purchase'
  | 'campaign'
  | 'expired'
  | 'released'
  | 'refund'
  | 'redeemed'
  | 'reward'
  | 'adjusted'
  | 'imported'
  | 'other';

/**
 * What a ledger line means to a member, from its kind and source: the history says
 * "Purchase" or "Campaign «Double points Friday»", never EARN/CAMPAIGN. The campaign's
 * name is the entry's reason (the rules engine writes it there).
 */
export function entryWords(kind: LedgerEntryKind, source: LedgerEntrySource): EntryWords {
  if (kind === 'EXPIRE' || source === 'EXPIRY') return 'expired';
  if (kind === 'RELEASE') return 'released';
  if (source === 'CAMPAIGN') return 'campaign';
  if (source === 'REFUND' || kind === 'REVERSE') return 'refund';
  if (source === 'REWARD') return 'reward';
  if (source === 'CHECKOUT' || kind === 'REDEEM') return 'redeemed';
  if (source === 'PURCHASE') return 'purchase';
  if (source === 'MANUAL' || kind === 'ADJUST') return 'adjusted';
  if (source === 'IMPORT') return 'imported';
  return 'other';
}

/** "+120", "−50" (a real minus sign), "0". */
export function signedPoints(points: number, locale: string): string {
  const number = new Intl.NumberFormat(locale).format(Math.abs(points));
  return points > 0 ? `+${number}` : points < 0 ? `−${number}` : number;
}

/** One ledger line as the history shows it. */
export interface LedgerLine {
  id: string;
  kind: LedgerEntryKind;
  source: LedgerEntrySource;
  points: number;
  availableChange: number;
  reason?: string | null;
  occurredAt: string;
}
