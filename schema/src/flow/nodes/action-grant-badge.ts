import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { code } from './shared';
import { quote } from './words';

export const actionGrantBadge = defineNode({
  kind: 'action.grantBadge',
  group: 'action',
  label: t('Выдать значок', 'Grant badge'),
  help: t('Выдаёт участнику значок; тот, у кого значок уже есть, второй не получит.', 'Grants the member a badge; a member who has it already does not get a second.'),
  params: z.object({ badge: code.default('first-purchase') }),
  ui: {
    badge: { label: t('Значок', 'Badge'), widget: 'reference', reference: 'badge' },
  },
  outputs: () => ['out'],
  summary: (p, locale) => `${t('Значок', 'Badge')[locale]} ${quote(p.badge, locale)}`,
  requires: 'badges',
  references: (p) => [{ kind: 'badge', id: p.badge, path: ['params', 'badge'] }],
  run: (p) => ({ ports: ['out'], effects: [{ type: 'grantBadge', badge: p.badge }], inputs: { badge: p.badge } }),
});
