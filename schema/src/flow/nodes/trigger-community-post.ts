import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';

/** What happened in the forum: a new topic, a reply, a reply accepted as the answer, a reaction received. */
export const COMMUNITY_ACTIVITIES = ['any', 'post', 'topic', 'reply', 'acceptedAnswer', 'reactionReceived'] as const;
export type CommunityActivity = (typeof COMMUNITY_ACTIVITIES)[number];

const activityWords = {
  any: t('Любая активность в сообществе', 'Any community activity'),
  post: t('Участник пишет в сообществе', 'A member posts in the community'),
  topic: t('Участник создаёт тему', 'A member starts a topic'),
  reply: t('Участник отвечает в теме', 'A member replies in a topic'),
  acceptedAnswer: t('Ответ участника принят как решение', "A member's reply is accepted as the answer"),
  reactionReceived: t('Участник получает реакцию на пост', 'A member receives a reaction to a post'),
};

export const triggerCommunityPost = defineNode({
  kind: 'trigger.communityPost',
  group: 'trigger',
  label: t('Активность в сообществе', 'Community activity'),
  help: t(
    'Запускается, когда участник пишет в сообществе (тему или ответ), когда его ответ принят как решение или когда он получает реакцию. Для «первого поста» добавьте ограничение «1 раз на участника».',
    'Starts when a member posts in the community (a topic or a reply), when their reply is accepted as the answer, or when they receive a reaction. For a "first post" reward add a cap of once per member.',
  ),
  params: z.object({ activity: z.enum(COMMUNITY_ACTIVITIES).default('post') }),
  ui: {
    activity: {
      label: t('Что произошло', 'What happened'),
      widget: 'select',
      options: {
        any: t('Любое', 'Anything'),
        post: t('Тема или ответ', 'A topic or a reply'),
        topic: t('Новая тема', 'A new topic'),
        reply: t('Ответ', 'A reply'),
        acceptedAnswer: t('Ответ принят как решение', 'Reply accepted as the answer'),
        reactionReceived: t('Получена реакция', 'Reaction received'),
      },
    },
  },
  outputs: () => ['out'],
  summary: (p, locale) => activityWords[p.activity][locale],
  requires: 'community',
  // Events without an activity (older senders) were posts.
  trigger: {
    event: 'communityPost',
    matches: (p, event) => {
      const activity = (event.data?.activity as string | undefined) ?? 'topic';
      if (p.activity === 'any') return true;
      if (p.activity === 'post') return activity === 'topic' || activity === 'reply';
      return activity === p.activity;
    },
  },
});
