import type en from './messages.en';

// Подписи навигации портала по-русски (ru.ts кладёт их в `portal.nav`).
export default {
  label: 'Разделы',
  home: 'Кошелёк',
  rewards: 'Награды',
  history: 'История',
  referrals: 'Друзья',
  surveys: 'Опросы',
  profile: 'Профиль',
} satisfies typeof en;
