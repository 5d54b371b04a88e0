import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { code } from './shared';
import { quote } from './words';

export const triggerChallengeCompleted = defineNode({
  kind: 'trigger.challengeCompleted',
  group: 'trigger',
  label: t('Челлендж выполнен', 'Challenge completed'),
  help: t('Запускается, когда участник выполняет челлендж (один раз за период челленджа).', 'Starts when a member completes a challenge (once per period of the challenge).'),
  params: z.object({ challenge: code.nullable().default(null) }),
  ui: {
    challenge: { label: t('Челлендж', 'Challenge'), widget: 'reference', reference: 'challenge', help: t('Пусто — любой челлендж.', 'Empty means any challenge.') },
  },
  outputs: () => ['out'],
  summary: (p, locale) =>
    p.challenge === null ? t('Когда участник выполняет челлендж', 'When a member completes a challenge')[locale] : `${t('Выполнен челлендж', 'Completed challenge')[locale]} ${quote(p.challenge, locale)}`,
  requires: 'challenges',
  references: (p) => (p.challenge === null ? [] : [{ kind: 'challenge', id: p.challenge, path: ['params', 'challenge'] }]),
  trigger: { event: 'challengeCompleted', matches: (p, event) => p.challenge === null || event.data?.challenge === p.challenge },
});
