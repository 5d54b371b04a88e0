import type en from './messages.en';

// Сообщения профиля по-русски (ru.ts кладёт их в `portal.profile`).
export default {
  title: 'Профиль',
  intro: 'Как с вами связаться и на что вы согласны.',
  loadError: 'Не удалось загрузить профиль.',
  name: 'Имя',
  email: 'Эл. почта',
  emailHint: 'По ней вы входите. Чтобы сменить её, напишите в поддержку.',
  phone: 'Телефон',
  birthday: 'День рождения',
  birthdayHint: 'Мы можем прислать подарок в день рождения.',
  locale: 'Язык',
  consents: 'Сообщения от нас',
  consentEmail: 'Предложения и новости по почте',
  consentSms: 'Предложения и новости по SMS',
  save: 'Сохранить',
  saved: 'Сохранено.',
  session: 'Сеанс',
} satisfies typeof en;
