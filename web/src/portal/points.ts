import { useI18n } from 'vue-i18n';
import { formatNumber } from './home/wallet-format';

type PluralKey = 'one' | 'few' | 'many' | 'other';

/** The CLDR plural category of a count, narrowed to the four the portal's messages carry. */
export function pluralKey(n: number, locale: string): PluralKey {
  const category = new Intl.PluralRules(locale).select(Math.abs(n));
  return category === 'one' || category === 'few' || category === 'many' ? category : 'other';
}

/** "1 балл", "3 балла", "5 баллов", "1 point", "12 points", in the member's language. */
export function usePoints() {
  const { t, locale } = useI18n();
  const points = (n: number) => t(`portal.home.points.${pluralKey(n, locale.value)}`, { n: formatNumber(n, locale.value) });
  return { points, locale };
}
