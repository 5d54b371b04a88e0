import { z } from 'zod';
import type { FlowLocale } from '../text';
import { t } from '../text';

export const COMPARISONS = ['gte', 'gt', 'lte', 'lt', 'eq'] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const comparison = z.enum(COMPARISONS).default('gte');
export const comparisonLabels = {
  gte: t('не меньше', 'at least'),
  gt: t('больше', 'more than'),
  lte: t('не больше', 'at most'),
  lt: t('меньше', 'less than'),
  eq: t('ровно', 'exactly'),
};
export const SYMBOLS: Record<Comparison, string> = { gte: '≥', gt: '>', lte: '≤', lt: '<', eq: '=' };

/** A comparison with its operator and threshold fixed: what a compiled condition runs. */
export function threshold(op: Comparison, expected: number): (actual: number) => boolean {
  switch (op) {
    case 'gte':
      return (actual) => actual >= expected;
    case 'gt':
      return (actual) => actual > expected;
    case 'lte':
      return (actual) => actual <= expected;
    case 'lt':
      return (actual) => actual < expected;
    case 'eq':
      return (actual) => actual === expected;
  }
}

/**
 * Membership in a list fixed at compile time. Lists in conditions are short (channels, tiers,
 * a few categories): up to three values are compared directly, as hand-written code would,
 * rather than scanned by Array.prototype.includes on every event; longer ones go to a Set.
 */
export function oneOf(values: readonly string[]): (value: string) => boolean {
  const [a, b, c] = values;
  switch (values.length) {
    case 1:
      return (value) => value === a;
    case 2:
      return (value) => value === a || value === b;
    case 3:
      return (value) => value === a || value === b || value === c;
    default: {
      const set = new Set(values);
      return (value) => set.has(value);
    }
  }
}

export function compare(op: Comparison, actual: number, expected: number): boolean {
  return threshold(op, expected)(actual);
}

/** Money in words for summaries: minor units shown as whole units ("1 000 ₽"). */
export function money(minor: number, locale: FlowLocale, currency = 'RUB'): string {
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', { style: 'currency', currency, maximumFractionDigits: minor % 100 === 0 ? 0 : 2 }).format(minor / 100);
}

export function number(value: number, locale: FlowLocale): string {
  return new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US').format(value);
}

export const minorAmount = z.number().int().min(0).max(2_000_000_000);
export const code = z.string().trim().min(1).max(64);

export const TRUE_FALSE = ['true', 'false'];
export const trueFalseLabel = (port: string, locale: FlowLocale) => (port === 'true' ? t('да', 'yes') : t('нет', 'no'))[locale];
