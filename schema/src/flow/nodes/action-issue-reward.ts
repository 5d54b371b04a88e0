import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { code } from './shared';
import { quote } from './words';

export const actionIssueReward = defineNode({
  kind: 'action.issueReward',
  group: 'action',
  label: t('Выдать награду', 'Issue reward'),
  help: t('Выдаёт участнику награду или купон из каталога.', 'Gives the member a reward or a coupon from the catalog.'),
  params: z.object({ reward: code.default('free-coffee') }),
  ui: {
    reward: { label: t('Награда', 'Reward'), widget: 'reference', reference: 'reward' },
  },
  outputs: () => ['out'],
  summary: (p, locale) => `${t('Награда', 'Reward')[locale]} ${quote(p.reward, locale)}`,
  requires: 'rewards',
  references: (p) => [{ kind: 'reward', id: p.reward, path: ['params', 'reward'] }],
  run: (p) => ({ ports: ['out'], effects: [{ type: 'issueReward', reward: p.reward }], inputs: { reward: p.reward } }),
});
