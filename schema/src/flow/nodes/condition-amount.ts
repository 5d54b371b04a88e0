import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { compare, comparison, comparisonLabels, minorAmount, money, SYMBOLS, threshold, TRUE_FALSE, trueFalseLabel } from './shared';

export const conditionAmount = defineNode({
  kind: 'condition.amount',
  group: 'condition',
  label: t('Сумма покупки', 'Purchase amount'),
  help: t('Сравнивает сумму покупки с порогом.', 'Compares the purchase total with a threshold.'),
  params: z.object({ op: comparison, value: minorAmount.default(100_000) }),
  ui: {
    op: { label: t('Условие', 'Comparison'), widget: 'select', options: comparisonLabels },
    value: { label: t('Сумма', 'Amount'), widget: 'money' },
  },
  outputs: () => TRUE_FALSE,
  portLabel: trueFalseLabel,
  summary: (p, locale) => `${t('Покупка', 'Purchase')[locale]} ${SYMBOLS[p.op]} ${money(p.value, locale)}`,
  run: (p, ctx) => {
    const total = ctx.event.purchase?.totalMinor ?? 0;
    return { ports: [compare(p.op, total, p.value) ? 'true' : 'false'], inputs: { totalMinor: total, op: p.op, value: p.value } };
  },
  compileTest: (p) => {
    const passes = threshold(p.op, p.value);
    return (ctx) => passes(ctx.event.purchase?.totalMinor ?? 0);
  },
});
