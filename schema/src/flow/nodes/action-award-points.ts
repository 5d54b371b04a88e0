import { z } from 'zod';
import { defineNode, type EvalContext } from '../definition';
import { t } from '../text';
import { number } from './shared';

const MODES = ['fixed', 'perUnit', 'percent', 'multiplier'] as const;

function pointsOf(p: { mode: (typeof MODES)[number]; amount: number }, ctx: EvalContext): number {
  const purchase = ctx.event.purchase;
  if (p.mode === 'fixed') return p.amount;
  if (!purchase) return 0;
  if (p.mode === 'perUnit') return Math.floor((purchase.totalMinor / 100) * p.amount);
  if (p.mode === 'percent') return ctx.pointValueMinor > 0 ? Math.floor((purchase.totalMinor * p.amount) / 100 / ctx.pointValueMinor) : 0;
  // "Double points": the program already gave the base points, the campaign adds the rest.
  return Math.floor(purchase.basePoints * Math.max(0, p.amount - 1));
}

export const actionAwardPoints = defineNode({
  kind: 'action.awardPoints',
  group: 'action',
  label: t('Начислить баллы', 'Award points'),
  help: t(
    'Фиксированно, за каждую единицу валюты, процентом от покупки или множителем к обычным баллам.',
    'A fixed number, per currency unit, a percent of the purchase, or a multiplier of the usual points.',
  ),
  params: z.object({ mode: z.enum(MODES).default('fixed'), amount: z.number().min(0).max(1_000_000).default(100) }).refine((p) => p.mode !== 'fixed' || Number.isInteger(p.amount), {
    message: 'a fixed award is whole points',
    path: ['amount'],
  }),
  ui: {
    mode: {
      label: t('Как считать', 'How'),
      widget: 'select',
      options: { fixed: t('Фиксированно', 'Fixed'), perUnit: t('За каждый рубль', 'Per currency unit'), percent: t('Процент от покупки', 'Percent of purchase'), multiplier: t('Множитель', 'Multiplier') },
    },
    amount: { label: t('Значение', 'Amount'), widget: 'number' },
  },
  outputs: () => ['out'],
  summary: (p, locale) => {
    if (p.mode === 'fixed') return `+${number(p.amount, locale)} ${t('баллов', 'points')[locale]}`;
    if (p.mode === 'perUnit') return `+${number(p.amount, locale)} ${t('за каждый рубль', 'per unit')[locale]}`;
    if (p.mode === 'percent') return `+${number(p.amount, locale)} % ${t('от покупки', 'of the purchase')[locale]}`;
    return `×${number(p.amount, locale)} ${t('баллов', 'points')[locale]}`;
  },
  run: (p, ctx) => {
    const points = pointsOf(p, ctx);
    return { ports: ['out'], effects: points > 0 ? [{ type: 'awardPoints', points }] : [], inputs: { mode: p.mode, amount: p.amount, points } };
  },
  compileEffect: (p, nodeId) => {
    // A fixed award (the common one) reads nothing from the event.
    const amount = p.amount;
    if (p.mode === 'fixed') return () => (amount > 0 ? { type: 'awardPoints', points: amount, nodeId } : null);
    return (ctx) => {
      const points = pointsOf(p, ctx);
      return points > 0 ? { type: 'awardPoints', points, nodeId } : null;
    };
  },
});
