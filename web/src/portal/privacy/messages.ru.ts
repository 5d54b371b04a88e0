import type en from './messages.en';

// Блок «Ваши данные» в профиле по-русски (`portal.privacy`), приходит вместе со страницей профиля.
export default {
  title: 'Ваши данные',
  download: 'Скачать мои данные',
  downloadHint: 'Всё, что мы о вас храним, в файле JSON.',
  downloadError: 'Не удалось скачать данные. Попробуйте ещё раз.',
  downloaded: 'Файл patron-my-data.json сохранён.',
  delete: 'Удалить аккаунт',
  deleteHint: 'Баллы, купоны и история пропадут. Отменить это нельзя.',
  confirmTitle: 'Удалить аккаунт?',
  confirmBody: 'Баллы, купоны и приглашения пропадут, а вы выйдете на всех устройствах. Введите пароль для подтверждения.',
  password: 'Пароль',
  wrongPassword: 'Неверный пароль.',
  confirm: 'Удалить навсегда',
  cancel: 'Оставить аккаунт',
} satisfies typeof en;
