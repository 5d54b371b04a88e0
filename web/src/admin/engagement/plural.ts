/** Plural forms as messages carry them: one entry per CLDR category, with {n} in each. */
export type PluralCategory = 'one' | 'few' | 'many' | 'other';

/** Picks the key of the form for `count` in `locale` ("3 покупки", "5 покупок", "1 purchase"). */
export function pluralKey(base: string, count: number, locale: string): string {
  const category = new Intl.PluralRules(locale).select(count);
  const known: PluralCategory[] = ['one', 'few', 'many', 'other'];
  return `${base}.${known.includes(category as PluralCategory) ? category : 'other'}`;
}
