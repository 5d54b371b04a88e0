import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { minorAmount, money, number } from './shared';

function cashbackOf(p: { percent: number; maxMinor: number | null }, total: number): number {
  // Tenths of a percent keep the arithmetic in integers: 5.5 % of 1 000 is exactly 55.
  const amountMinor = Math.floor((total * Math.round(p.percent * 10)) / 1000);
  return p.maxMinor !== null ? Math.min(amountMinor, p.maxMinor) : amountMinor;
}

export const actionCashback = defineNode({
  kind: 'action.cashback',
  group: 'action',
  label: t('Кешбэк', 'Cashback'),
  help: t('Возвращает процент от суммы покупки деньгами на счёт участника.', "Returns a percent of the purchase total as money to the member's balance."),
  params: z.object({
    percent: z
      .number()
      .min(0)
      .max(100)
      .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, 'at most one decimal place')
      .default(5),
    maxMinor: minorAmount.nullable().default(null),
  }),
  ui: {
    percent: { label: t('Процент', 'Percent'), widget: 'percent' },
    maxMinor: { label: t('Не больше', 'At most'), widget: 'money', help: t('Пусто — без потолка.', 'Empty means no ceiling.') },
  },
  outputs: () => ['out'],
  summary: (p, locale) =>
    `${t('Кешбэк', 'Cashback')[locale]} ${number(p.percent, locale)} %${p.maxMinor === null ? '' : ` ${t('до', 'up to')[locale]} ${money(p.maxMinor, locale)}`}`,
  run: (p, ctx) => {
    const total = Math.max(0, ctx.event.purchase?.totalMinor ?? 0);
    const amountMinor = cashbackOf(p, total);
    return { ports: ['out'], effects: amountMinor > 0 ? [{ type: 'cashback', amountMinor }] : [], inputs: { totalMinor: total, percent: p.percent, amountMinor } };
  },
  compileEffect: (p, nodeId) => (ctx) => {
    const amountMinor = cashbackOf(p, Math.max(0, ctx.event.purchase?.totalMinor ?? 0));
    return amountMinor > 0 ? { type: 'cashback', amountMinor, nodeId } : null;
  },
});
