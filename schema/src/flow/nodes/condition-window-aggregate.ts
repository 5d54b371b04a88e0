import { z } from 'zod';
import { defineNode } from '../definition';
import { aggregateKey } from '../events';
import { t } from '../text';
import { compare, comparison, comparisonLabels, minorAmount, money, number, SYMBOLS, threshold, TRUE_FALSE, trueFalseLabel } from './shared';
import { count, DAYS } from './words';

const METRICS = ['purchaseCount', 'purchaseSum', 'pointsEarned'] as const;
const METRIC_LABELS = {
  purchaseCount: t('Число покупок', 'Number of purchases'),
  purchaseSum: t('Сумма покупок', 'Purchase total'),
  pointsEarned: t('Начислено баллов', 'Points earned'),
};

export const conditionWindowAggregate = defineNode({
  kind: 'condition.windowAggregate',
  group: 'condition',
  label: t('Покупки за период', 'Activity in a period'),
  help: t(
    'Сравнивает число покупок, их сумму или начисленные баллы за последние N дней с порогом.',
    'Compares the number of purchases, their total or the points earned in the last N days with a threshold.',
  ),
  params: z.object({
    metric: z.enum(METRICS).default('purchaseCount'),
    days: z.number().int().min(1).max(730).default(30),
    op: comparison,
    value: minorAmount.default(3),
  }),
  ui: {
    metric: { label: t('Что считать', 'Metric'), widget: 'select', options: METRIC_LABELS },
    days: { label: t('За сколько дней', 'Days'), widget: 'number' },
    op: { label: t('Условие', 'Comparison'), widget: 'select', options: comparisonLabels },
    value: { label: t('Порог', 'Threshold'), widget: 'number', help: t('Сумма — в копейках.', 'A total is in minor units (cents).') },
  },
  outputs: () => TRUE_FALSE,
  portLabel: trueFalseLabel,
  summary: (p, locale) => {
    const value = p.metric === 'purchaseSum' ? money(p.value, locale) : number(p.value, locale);
    return `${METRIC_LABELS[p.metric][locale]} ${t('за', 'in')[locale]} ${count(p.days, locale, DAYS)} ${SYMBOLS[p.op]} ${value}`;
  },
  facts: (p) => [{ key: aggregateKey(p.metric, p.days), metric: p.metric, days: p.days }],
  run: (p, ctx) => {
    const key = aggregateKey(p.metric, p.days);
    const actual = ctx.facts.aggregates?.[key] ?? 0;
    return { ports: [compare(p.op, actual, p.value) ? 'true' : 'false'], inputs: { key, actual, op: p.op, value: p.value } };
  },
  compileTest: (p) => {
    // The key built once: a key built on every event is a new string to hash for the lookup.
    const key = aggregateKey(p.metric, p.days);
    const passes = threshold(p.op, p.value);
    return (ctx) => passes(ctx.facts.aggregates?.[key] ?? 0);
  },
});
