import { z } from 'zod';
import { defineNode } from '../definition';
import type { FlowEvent } from '../events';
import { t } from '../text';
import { code, oneOf, TRUE_FALSE, trueFalseLabel } from './shared';
import type { PluralForms } from './words';
import { count, shortList } from './words';

const ITEMS: PluralForms = { ru: ['товар', 'товара', 'товаров'], en: ['item', 'items'] };

function quantityOf(event: FlowEvent, bySku: boolean, wanted: (key: string) => boolean): number {
  let quantity = 0;
  const items = event.purchase?.items;
  if (!items) return 0;
  for (const item of items) {
    const key = bySku ? item.sku : item.category;
    if (key != null && wanted(key)) quantity += item.quantity;
  }
  return quantity;
}

export const conditionItems = defineNode({
  kind: 'condition.items',
  group: 'condition',
  label: t('Товары в чеке', 'Items in purchase'),
  help: t(
    'Проверяет, сколько в покупке товаров с этими артикулами или из этих категорий.',
    'Checks how many items in the purchase have these SKUs or belong to these categories.',
  ),
  params: z.object({
    match: z.enum(['sku', 'category']).default('category'),
    values: z.array(code).min(1).max(50).default(['coffee']),
    minQuantity: z.number().int().min(1).max(1000).default(1),
  }),
  ui: {
    match: { label: t('Искать по', 'Match by'), widget: 'select', options: { sku: t('Артикулу', 'SKU'), category: t('Категории', 'Category') } },
    values: { label: t('Значения', 'Values'), widget: 'multiselect', help: t('Подходит товар с любым из значений.', 'An item with any of the values counts.') },
    minQuantity: { label: t('Не меньше, шт.', 'At least, items'), widget: 'number' },
  },
  outputs: () => TRUE_FALSE,
  portLabel: trueFalseLabel,
  summary: (p, locale) => {
    const from = p.match === 'sku' ? t('с артикулом', 'with SKU')[locale] : t('из категории', 'in category')[locale];
    return `≥ ${count(p.minQuantity, locale, ITEMS)} ${from} ${shortList(p.values, locale, 'disjunction')}`;
  },
  run: (p, ctx) => {
    const quantity = quantityOf(ctx.event, p.match === 'sku', (key) => p.values.includes(key));
    return { ports: [quantity >= p.minQuantity ? 'true' : 'false'], inputs: { match: p.match, values: p.values, quantity, minQuantity: p.minQuantity } };
  },
  compileTest: (p) => {
    const bySku = p.match === 'sku';
    const values = oneOf(p.values);
    const min = p.minQuantity;
    return (ctx) => quantityOf(ctx.event, bySku, values) >= min;
  },
});
