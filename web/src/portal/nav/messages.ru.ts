import type en from './messages.en';

// Подписи навигации портала по-русски (ru.ts кладёт их в `portal.nav`).
export default {
  label: 'Разделы',
  home: 'Кошелёк',
  rewards: 'Награды',
  history: 'История',
  referrals: 'Друзья',
  surveys: 'Опросы',
  offers: 'Предложения',
  challenges: 'Задания',
  club: 'Клуб',
  community: 'Сообщество',
  profile: 'Профиль',
} satisfies typeof en;
