import type { TierQualifier } from '../../graphql/generated/graphql';

/** What the server says about a member's way to the next tier (LoyaltyAccount.tierProgress). */
export interface TierProgressInput {
  value: number;
  remaining: number;
  nextTier: { name: string; qualifyBy: TierQualifier; threshold: number } | null;
}

export type TierStep =
  /** The program has no tiers, or the member has no account yet. */
  | { state: 'none' }
  /** The highest tier: nothing left to reach. */
  | { state: 'top'; tier: string }
  | { state: 'next'; next: string; qualifyBy: TierQualifier; value: number; remaining: number; percent: number };

/**
 * Where the member stands on the way to the next tier, as the profile draws it. The bar
 * never shows 100 % while something remains (99.6 % reads as "done" when it is not), and
 * the total is value + remaining, as the server counts it over the tier's window.
 */
export function tierStep(progress: TierProgressInput | null | undefined, currentTier: string | null | undefined): TierStep {
  const next = progress?.nextTier;
  if (!progress || !next || progress.remaining <= 0) return currentTier ? { state: 'top', tier: currentTier } : { state: 'none' };
  const value = Math.max(0, progress.value);
  const total = value + progress.remaining;
  const percent = total <= 0 ? 0 : Math.min(99, Math.floor((value / total) * 100));
  return { state: 'next', next: next.name, qualifyBy: next.qualifyBy, value, remaining: progress.remaining, percent };
}

type PluralKey = 'one' | 'few' | 'many' | 'other';

/** The CLDR plural category of a count, narrowed to the four the messages carry. */
export function pluralKey(n: number, locale: string): PluralKey {
  const category = new Intl.PluralRules(locale).select(Math.abs(n));
  return category === 'one' || category === 'few' || category === 'many' ? category : 'other';
}

/** `minor` units of a currency in the reader's language, whole amounts without ",00": "12 000 ₽", "$120". */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const value = minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2);
  return Number.isInteger(value) ? new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value) : format.format(value);
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}
