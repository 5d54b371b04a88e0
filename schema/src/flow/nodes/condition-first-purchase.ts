import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { TRUE_FALSE, trueFalseLabel } from './shared';

export const conditionFirstPurchase = defineNode({
  kind: 'condition.firstPurchase',
  group: 'condition',
  label: t('Первая покупка', 'First purchase'),
  help: t('Да, если у участника ещё не было покупок до этой.', 'Yes when the member had no purchase before this one.'),
  params: z.object({}),
  ui: {},
  outputs: () => TRUE_FALSE,
  portLabel: trueFalseLabel,
  summary: (_p, locale) => t('Это первая покупка', 'This is the first purchase')[locale],
  run: (_p, ctx) => {
    const purchaseCount = ctx.facts.purchaseCount ?? 0;
    return { ports: [purchaseCount === 0 ? 'true' : 'false'], inputs: { purchaseCount } };
  },
  compileTest: () => (ctx) => (ctx.facts.purchaseCount ?? 0) === 0,
});
