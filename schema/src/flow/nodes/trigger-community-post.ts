import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';

export const triggerCommunityPost = defineNode({
  kind: 'trigger.communityPost',
  group: 'trigger',
  label: t('Пост в сообществе', 'Community post'),
  help: t('Запускается, когда участник публикует тему или ответ в сообществе.', 'Starts when a member publishes a topic or a reply in the community.'),
  params: z.object({}),
  ui: {},
  outputs: () => ['out'],
  summary: (_p, locale) => t('Когда участник пишет в сообществе', 'When a member posts in the community')[locale],
  requires: 'community',
  trigger: { event: 'communityPost' },
});
