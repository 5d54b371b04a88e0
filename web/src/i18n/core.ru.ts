import type { CoreMessages } from './core.en';
import home from '../portal/home/messages.ru';
import portalNav from '../portal/nav/messages.ru';

// Русские сообщения. Ключи те же, что в en.ts (проверяет i18n.test.ts).
const coreRu: CoreMessages = {
  app: {
    name: 'Patron',
    portalName: 'Patron Rewards',
    consoleName: 'Patron Console',
    skipToContent: 'Перейти к содержанию',
    language: 'Язык',
  },
  locales: {
    ru: 'Русский',
    en: 'English',
  },
  common: {
    loading: 'Загрузка…',
    retry: 'Повторить',
    loadMore: 'Показать ещё',
    signOut: 'Выйти',
    cancel: 'Отмена',
    close: 'Закрыть',
    copy: 'Скопировать',
    copied: 'Скопировано в буфер обмена.',
    copyFailed: 'Не удалось скопировать. Выделите текст и скопируйте вручную.',
    never: 'Никогда',
    networkError: 'Сервер недоступен. Проверьте подключение и попробуйте ещё раз.',
    unexpectedError: 'Что-то пошло не так на нашей стороне. Попробуйте чуть позже.',
    badRequest: 'Этот адрес или запрос неверен: возможно, в нём опечатка или ссылка повреждена.',
    checkFields: 'Проверьте отмеченные поля.',
    rateLimited: 'Слишком много попыток. Повторите через {seconds} с.',
    notFoundTitle: 'Страница не найдена',
    notFoundBody: 'Возможно, в адресе опечатка или страница переехала.',
    backHome: 'На главную',
  },
  fields: {
    name: 'Имя',
    email: 'Эл. почта',
    password: 'Пароль',
  },
  validation: {
    email: 'Введите корректный адрес эл. почты.',
    minLength: 'Минимальная длина — {count} символов.',
    maxLength: 'Максимальная длина — {count} символов.',
    required: 'Обязательное поле.',
    scopes: 'Выберите хотя бы одно право.',
  },
  portal: {
    signIn: {
      title: 'Вход',
      subtitle: 'С возвращением! Войдите, чтобы увидеть свои награды.',
      submit: 'Войти',
      invalidCredentials: 'Неверная почта или пароль.',
      noAccount: 'Впервые здесь?',
      toSignUp: 'Создать аккаунт',
      accountDeleted: 'Ваш аккаунт удалён. Спасибо, что были с нами.',
      forgot: 'Забыли пароль?',
    },
    signUp: {
      title: 'Регистрация',
      subtitle: 'Вступите в программу лояльности. Это займёт минуту.',
      submit: 'Создать аккаунт',
      nameHint: 'Как к вам обращаться.',
      passwordHint: 'Не меньше 8 символов.',
      conflict: 'Аккаунт с этой почтой уже есть. Войдите в него.',
      haveAccount: 'Уже участник?',
      toSignIn: 'Войти',
      referralCode: 'Код приглашения друга',
      referralHint: 'Необязательно. По нему мы узнаем, кто вас пригласил.',
      clearCode: 'Убрать код',
      unknownCode: 'Такого кода нет. Уточните его у друга или уберите.',
    },
    home,
    nav: portalNav,
  },
};

export default coreRu;
