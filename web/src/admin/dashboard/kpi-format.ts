/**
 * How the dashboard writes its figures: whole numbers and money in the reader's language,
 * money from minor units (kopecks) with the currency sign after the amount as Russian
 * shops write it, and a change against the previous period as an arrow and a percentage.
 */
export type Trend = 'up' | 'down' | 'flat' | 'none';

export interface ChangeText {
  trend: Trend;
  /** "▲ 12.5 %", "▼ 3 %", "0 %"; "—" when the previous period had nothing to compare with. */
  text: string;
}

const SIGNS: Record<string, string> = { RUB: '₽', USD: '$', EUR: '€' };

export function formatNumber(value: number, locale: string, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits, minimumFractionDigits: 0 }).format(value);
}

/** 123456 kopecks → "1 234,56 ₽" (ru) or "1,234.56 ₽" (en); whole amounts drop the kopecks. */
export function formatMoney(minor: number, locale: string, currency = 'RUB'): string {
  const major = minor / 100;
  const digits = Number.isInteger(major) || Math.abs(major) >= 10_000 ? 0 : 2;
  const amount = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(major);
  return `${amount} ${SIGNS[currency] ?? currency}`;
}

/** A share (0.125) as a percentage ("12.5 %"). */
export function formatShare(share: number, locale: string): string {
  return `${formatNumber(share * 100, locale, Math.abs(share) < 0.1 ? 1 : 0)} %`;
}

/** A relative change (0.125 = +12.5 %) as an arrow and a percentage. */
export function formatChange(change: number | null | undefined, locale: string): ChangeText {
  if (change === null || change === undefined || !Number.isFinite(change)) return { trend: 'none', text: '—' };
  const percent = Math.abs(change * 100);
  const digits = percent < 10 ? 1 : 0;
  const rounded = Number(percent.toFixed(digits));
  if (rounded === 0) return { trend: 'flat', text: '0 %' };
  const arrow = change > 0 ? '▲' : '▼';
  return { trend: change > 0 ? 'up' : 'down', text: `${arrow} ${formatNumber(rounded, locale, digits)} %` };
}

/** An NPS score (−100…100) with its sign; "—" without answers. */
export function formatNps(score: number | null | undefined, locale: string): string {
  if (score === null || score === undefined) return '—';
  const rounded = Math.round(score);
  return `${rounded > 0 ? '+' : ''}${formatNumber(rounded, locale)}`;
}
