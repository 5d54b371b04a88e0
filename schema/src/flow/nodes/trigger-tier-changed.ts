import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { code } from './shared';
import { quote } from './words';

export const triggerTierChanged = defineNode({
  kind: 'trigger.tierChanged',
  group: 'trigger',
  label: t('Смена уровня', 'Tier changed'),
  help: t('Запускается, когда участник переходит на другой уровень.', 'Starts when a member moves to another tier.'),
  params: z.object({ toTier: code.nullable().default(null) }),
  ui: {
    toTier: { label: t('На уровень', 'To tier'), widget: 'reference', reference: 'tier', help: t('Пусто — любой уровень.', 'Empty means any tier.') },
  },
  outputs: () => ['out'],
  summary: (p, locale) =>
    p.toTier === null ? t('Когда меняется уровень', 'When the tier changes')[locale] : `${t('Переход на уровень', 'Moved to tier')[locale]} ${quote(p.toTier, locale)}`,
  references: (p) => (p.toTier === null ? [] : [{ kind: 'tier', id: p.toTier, path: ['params', 'toTier'] }]),
  trigger: { event: 'tierChanged', matches: (p, event) => p.toTier === null || event.data?.toTier === p.toTier },
});
