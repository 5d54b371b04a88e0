import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { code, number } from './shared';
import { quote } from './words';

export const actionChallengeProgress = defineNode({
  kind: 'action.challengeProgress',
  group: 'action',
  label: t('Прогресс в челлендже', 'Challenge progress'),
  help: t('Продвигает участника в челлендже на заданное число шагов.', 'Moves the member forward in a challenge by a number of steps.'),
  params: z.object({ challenge: code.default('ten-coffees'), amount: z.number().int().min(1).max(1000).default(1) }),
  ui: {
    challenge: { label: t('Челлендж', 'Challenge'), widget: 'reference', reference: 'challenge' },
    amount: { label: t('Шагов', 'Steps'), widget: 'number' },
  },
  outputs: () => ['out'],
  summary: (p, locale) => `+${number(p.amount, locale)} ${t('в челлендже', 'in challenge')[locale]} ${quote(p.challenge, locale)}`,
  requires: 'challenges',
  references: (p) => [{ kind: 'challenge', id: p.challenge, path: ['params', 'challenge'] }],
  run: (p) => ({ ports: ['out'], effects: [{ type: 'challengeProgress', challenge: p.challenge, amount: p.amount }], inputs: { challenge: p.challenge, amount: p.amount } }),
});
