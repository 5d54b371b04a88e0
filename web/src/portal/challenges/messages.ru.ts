import type en from './messages.en';

// Сообщения страницы заданий по-русски (`portal.challenges`), приходят вместе со страницей.
export default {
  title: 'Задания',
  intro: 'Достигните цели за отведённый срок — и получите значок.',
  loadError: 'Не удалось загрузить задания.',
  emptyTitle: 'Сейчас заданий нет',
  emptyBody: 'Здесь появятся задания, в которых можно участвовать.',
  active: 'Идут сейчас',
  progress: '{progress} из {goal}',
  progressLabel: 'Прогресс в задании «{name}»',
  done: 'Выполнено',
  endsOn: 'До {date}',
  notStarted: 'Начнётся с вашего первого шага',
  rewardBadge: 'Значок: {name}',
  badgesTitle: 'Ваши значки',
  badgesEmpty: 'Значков пока нет. Выполните задание, чтобы получить первый.',
  awardedOn: 'Получен {date}',
  period: {
    WEEK: 'На этой неделе',
    MONTH: 'В этом месяце',
    ROLLING: 'Скользящий срок',
    FIXED: 'Ограниченное время',
  },
} satisfies typeof en;
