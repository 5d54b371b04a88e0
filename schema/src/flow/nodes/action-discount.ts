import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { minorAmount, money } from './shared';

export const actionDiscount = defineNode({
  kind: 'action.discount',
  group: 'action',
  requires: 'checkout',
  label: t('Скидка', 'Discount'),
  help: t('Мгновенная скидка на эту покупку на кассе или в корзине.', 'An instant discount on this purchase at the till or in the cart.'),
  params: z.object({ percent: z.number().int().min(1).max(100).default(10), maxMinor: minorAmount.nullable().default(null) }),
  ui: {
    percent: { label: t('Процент', 'Percent'), widget: 'percent' },
    maxMinor: { label: t('Не больше', 'At most'), widget: 'money', help: t('Пусто — без потолка.', 'Empty means no ceiling.') },
  },
  outputs: () => ['out'],
  summary: (p, locale) => `${t('Скидка', 'Discount')[locale]} ${p.percent} %${p.maxMinor === null ? '' : ` ${t('до', 'up to')[locale]} ${money(p.maxMinor, locale)}`}`,
  exclusive: true,
  run: (p) => ({ ports: ['out'], effects: [{ type: 'discount', percent: p.percent, maxMinor: p.maxMinor }], inputs: { percent: p.percent, maxMinor: p.maxMinor } }),
});
