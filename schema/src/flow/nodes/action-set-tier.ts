import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { code } from './shared';
import { quote } from './words';

export const actionSetTier = defineNode({
  kind: 'action.setTier',
  group: 'action',
  label: t('Сменить уровень', 'Change tier'),
  help: t('Переводит участника на выбранный уровень.', 'Moves the member to the chosen tier.'),
  params: z.object({ tier: code.default('gold') }),
  ui: {
    tier: { label: t('Уровень', 'Tier'), widget: 'reference', reference: 'tier' },
  },
  outputs: () => ['out'],
  summary: (p, locale) => `${t('Перевести на уровень', 'Move to tier')[locale]} ${quote(p.tier, locale)}`,
  exclusive: true,
  references: (p) => [{ kind: 'tier', id: p.tier, path: ['params', 'tier'] }],
  run: (p) => ({ ports: ['out'], effects: [{ type: 'setTier', tier: p.tier }], inputs: { tier: p.tier } }),
});
