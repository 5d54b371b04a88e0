import { z } from 'zod';
import { defineNode } from '../definition';
import type { FlowLocale, Localized } from '../text';
import { t } from '../text';
import { code, number, TRUE_FALSE, trueFalseLabel } from './shared';
import { quote } from './words';
import { whenValid } from './checks';

const OPS = ['eq', 'neq', 'contains', 'gte', 'lte', 'exists'] as const;
type Op = (typeof OPS)[number];
type Value = string | number | boolean | null;

const OP_LABELS: Record<Op, Localized> = {
  eq: t('равен', 'equals'),
  neq: t('не равен', 'is not'),
  contains: t('содержит', 'contains'),
  gte: t('не меньше', 'at least'),
  lte: t('не больше', 'at most'),
  exists: t('заполнен', 'is set'),
};
const OP_SYMBOLS: Partial<Record<Op, string>> = { eq: '=', neq: '≠', gte: '≥', lte: '≤' };

/** Numbers and numeric strings ("42" from a form or an import) as numbers; anything else null. */
function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

function equals(actual: unknown, expected: Value): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (actual === null || actual === undefined) return false;
  // Two strings compare as written ("42" and "42.0" differ; only a number beside them is read as one).
  if (typeof actual === 'string' && typeof expected === 'string') return actual === expected;
  const a = toNumber(actual);
  const e = toNumber(expected);
  if (a !== null && e !== null && (typeof actual === 'number' || typeof expected === 'number')) return a === e;
  if (typeof actual === 'string' || typeof actual === 'number' || typeof actual === 'boolean') return String(actual) === String(expected);
  return false;
}

export function compareAttribute(op: Op, actual: unknown, expected: Value): boolean {
  switch (op) {
    case 'exists':
      return actual !== null && actual !== undefined;
    case 'eq':
      return equals(actual, expected);
    case 'neq':
      return !equals(actual, expected);
    case 'contains':
      if (Array.isArray(actual)) return actual.some((item) => equals(item, expected));
      return typeof actual === 'string' && expected !== null && actual.includes(String(expected));
    case 'gte':
    case 'lte': {
      const a = toNumber(actual);
      const e = toNumber(expected);
      if (a === null || e === null) return false;
      return op === 'gte' ? a >= e : a <= e;
    }
  }
}

function shown(value: Value, locale: FlowLocale): string {
  if (value === null) return t('пусто', 'empty')[locale];
  if (typeof value === 'boolean') return (value ? t('да', 'yes') : t('нет', 'no'))[locale];
  if (typeof value === 'number') return number(value, locale);
  return quote(value, locale);
}

export const conditionAttribute = defineNode({
  kind: 'condition.attribute',
  group: 'condition',
  label: t('Атрибут участника', 'Member attribute'),
  help: t(
    'Сравнивает поле из профиля участника со значением. Числа сравниваются как числа.',
    "Compares a field of the member's profile with a value. Numbers compare as numbers.",
  ),
  params: z
    .object({
      attribute: code.default('city'),
      op: z.enum(OPS).default('exists'),
      value: z.union([z.string().max(256), z.number(), z.boolean(), z.null()]).default(null),
    })
    .refine((p) => (p.op !== 'gte' && p.op !== 'lte') || toNumber(p.value) !== null, { message: 'a number to compare with', path: ['value'], when: whenValid('op', 'value') })
    .refine((p) => p.op !== 'contains' || typeof p.value === 'string' || typeof p.value === 'number', { message: 'text or a number to look for', path: ['value'], when: whenValid('op', 'value') }),
  ui: {
    attribute: { label: t('Атрибут', 'Attribute'), widget: 'text', help: t('Ключ поля, например city или pets.', 'The field key, for example city or pets.') },
    op: { label: t('Условие', 'Comparison'), widget: 'select', options: OP_LABELS },
    value: { label: t('Значение', 'Value'), widget: 'text', help: t('Не нужно для «заполнен».', 'Not used by “is set”.') },
  },
  outputs: () => TRUE_FALSE,
  portLabel: trueFalseLabel,
  summary: (p, locale) => {
    const subject = `${t('Атрибут', 'Attribute')[locale]} ${p.attribute}`;
    if (p.op === 'exists') return `${subject} ${OP_LABELS.exists[locale]}`;
    return `${subject} ${OP_SYMBOLS[p.op] ?? OP_LABELS[p.op][locale]} ${shown(p.value, locale)}`;
  },
  run: (p, ctx) => {
    const actual = ctx.facts.attributes?.[p.attribute];
    return { ports: [compareAttribute(p.op, actual, p.value) ? 'true' : 'false'], inputs: { attribute: p.attribute, op: p.op, actual: actual ?? null, value: p.value } };
  },
  compileTest: (p) => {
    const { attribute, op, value } = p;
    return (ctx) => compareAttribute(op, ctx.facts.attributes?.[attribute], value);
  },
});
