/** What `minor` units of a currency read as in the member's language: 1 234,50 ₽ or $12.50. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const value = minor / 10 ** digits;
  // Whole amounts without ",00": a wallet reads "1 200 ₽", not "1 200,00 ₽".
  return Number.isInteger(value) ? new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value) : format.format(value);
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A date without the year when it is this year: "12 Nov", else "12 Nov 2025". */
export function formatShortDate(iso: string, locale: string, now = new Date()): string {
  const date = new Date(iso);
  const sameYear = date.getFullYear() === now.getFullYear();
  return new Intl.DateTimeFormat(locale, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' }).format(date);
}

/** How far along to the next tier, 0–100; 100 at the top tier. */
export function tierPercent(value: number, remaining: number): number {
  if (remaining <= 0) return 100;
  const total = value + remaining;
  return total <= 0 ? 0 : Math.max(0, Math.min(100, Math.floor((value / total) * 100)));
}

/** Lots that expire on the same day read as one line: "625 points on Dec 21", not two. */
export function byDay(lots: readonly { points: number; expiresAt: string }[]): { points: number; expiresAt: string }[] {
  const days = new Map<string, { points: number; expiresAt: string }>();
  for (const lot of lots) {
    const day = new Date(lot.expiresAt).toDateString();
    const seen = days.get(day);
    if (seen) seen.points += lot.points;
    else days.set(day, { points: lot.points, expiresAt: lot.expiresAt });
  }
  return [...days.values()];
}
