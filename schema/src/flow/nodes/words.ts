import type { FlowLocale } from '../text';
import { number } from './shared';

/** Russian counts take three forms ("1 день", "2 дня", "5 дней"), English two. */
export interface PluralForms {
  ru: [one: string, few: string, many: string];
  en: [one: string, other: string];
}

const RULES = { ru: new Intl.PluralRules('ru-RU'), en: new Intl.PluralRules('en-US') };

export function plural(n: number, locale: FlowLocale, forms: PluralForms): string {
  const rule = RULES[locale].select(n);
  if (locale === 'en') return forms.en[rule === 'one' ? 0 : 1];
  // Fractions ("1,5 дня") are 'other' in Russian and take the few form.
  return forms.ru[rule === 'one' ? 0 : rule === 'many' ? 2 : 1];
}

/** A number with its noun: "3 дня", "1 day". */
export const count = (n: number, locale: FlowLocale, forms: PluralForms) => `${number(n, locale)} ${plural(n, locale, forms)}`;

export const DAYS: PluralForms = { ru: ['день', 'дня', 'дней'], en: ['day', 'days'] };
export const TIMES: PluralForms = { ru: ['раз', 'раза', 'раз'], en: ['time', 'times'] };
export const POINTS: PluralForms = { ru: ['балл', 'балла', 'баллов'], en: ['point', 'points'] };

export const quote = (text: string, locale: FlowLocale) => (locale === 'ru' ? `«${text}»` : `“${text}”`);

/** Values for a summary on the canvas: the first few, then "+N" so a long list stays one line. */
export function shortList(values: readonly string[], locale: FlowLocale, type: 'conjunction' | 'disjunction' = 'conjunction', max = 3): string {
  const shown = values.slice(0, max);
  if (values.length > max) return `${shown.join(', ')} +${values.length - max}`;
  return new Intl.ListFormat(locale === 'ru' ? 'ru-RU' : 'en-US', { type }).format(shown);
}
