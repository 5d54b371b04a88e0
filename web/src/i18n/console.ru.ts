// The staff console's messages in Russian: loaded with the console (index.ts, loadConsoleMessages),
// so that the member portal does not download them.
import type { ConsoleMessages } from './console.en';
import campaigns from '../admin/campaigns/messages.ru';
import dashboard from '../admin/dashboard/messages.ru';
import segments from '../admin/segments/messages.ru';
import surveys from '../admin/surveys/messages.ru';
import templates from '../admin/templates/messages.ru';
import rewards from '../admin/rewards/messages.ru';
import partners from '../admin/partners/messages.ru';
import imports from '../admin/imports/messages.ru';
import moderation from '../admin/community/messages.ru';
import memberProfile from '../admin/members/messages.ru';
import flowEditor from '../flow-editor/messages.ru';
import programs from '../admin/programs/messages.ru';
import engagement from '../admin/engagement/messages.ru';
import webhooks from '../admin/settings/webhooks/messages.ru';

const consoleRu: ConsoleMessages = {
  admin: {
    login: {
      title: 'Вход для сотрудников',
      subtitle: 'Войдите, чтобы управлять программой лояльности.',
      submit: 'Войти',
      invalidCredentials: 'Неверная почта или пароль.',
    },
    nav: {
      label: 'Разделы',
      openMenu: 'Меню',
      waiting: 'ждут: {count}',
    },
    sections: {
      dashboard: 'Обзор',
      members: 'Участники',
      programs: 'Программы',
      templates: 'Шаблоны',
      campaigns: 'Кампании',
      rewards: 'Награды',
      engagement: 'Вовлечение',
      segments: 'Сегменты',
      community: 'Сообщество',
      surveys: 'Опросы',
      partners: 'Партнёры',
      imports: 'Импорт',
      settings: 'Настройки',
    },
    roles: {
      ADMIN: 'Администратор',
      MARKETER: 'Маркетолог',
      MODERATOR: 'Модератор',
      ANALYST: 'Аналитик',
      SUPPORT: 'Поддержка',
    },
    dashboard: {
      title: 'Обзор',
      welcome: 'Добро пожаловать, {name}',
      welcomeNoName: 'Добро пожаловать',
      intro: 'Пока ничего не запущено. Вот следующие шаги, чтобы запустить программу лояльности.',
      steps: {
        programs: {
          title: 'Создайте программу лояльности',
          body: 'Решите, как участники копят и тратят баллы. Результаты появятся на этой странице, когда пойдут покупки.',
          action: 'Открыть программы',
        },
        members: {
          title: 'Посмотрите на участников',
          body: 'Участники регистрируются на портале или приходят из ваших систем через API.',
          action: 'Открыть участников',
        },
        apiKeys: {
          title: 'Подключите магазин',
          body: 'Создайте API-ключ, чтобы касса или интернет-магазин передавали покупки.',
          action: 'Создать API-ключ',
        },
        team: {
          title: 'Пригласите команду',
          body: 'Дайте маркетологам, модераторам, аналитикам и поддержке собственный вход.',
          action: 'Добавить сотрудников',
        },
        campaigns: {
          title: 'Спланируйте кампанию',
          body: 'Кампании награждают участников за действия. Нарисуйте первую, когда появится программа.',
          action: 'Открыть кампании',
        },
        community: {
          title: 'Подготовьте сообщество',
          body: 'На форуме общаются участники. Инструменты модерации появятся, когда он будет включён.',
          action: 'Открыть сообщество',
        },
      },
    },
    members: {
      title: 'Участники',
      searchLabel: 'Поиск участников',
      searchPlaceholder: 'Имя, почта или ID клиента',
      columns: {
        name: 'Имя',
        email: 'Эл. почта',
        externalId: 'ID клиента',
        status: 'Статус',
        joined: 'С нами с',
      },
      status: {
        ACTIVE: 'Активен',
        SUSPENDED: 'Заблокирован',
        ANONYMISED: 'Обезличен',
      },
      noName: 'Без имени',
      empty: 'Участников пока нет. Они появятся, когда люди зарегистрируются на портале или ваши системы передадут их через API.',
      emptySearch: 'Нет участников по запросу «{search}».',
      shown: 'Показано: {count}',
    },
    settings: {
      title: 'Настройки',
      tabs: {
        apiKeys: 'API-ключи',
        staff: 'Сотрудники',
      },
      apiKeys: {
        intro: 'API-ключи позволяют кассам, интернет-магазину и серверам партнёров обращаться к API Patron. Дайте каждой системе свой ключ только с нужными правами.',
        createTitle: 'Новый API-ключ',
        name: 'Название ключа',
        nameHint: 'Где он используется, например «Интернет-магазин».',
        scopes: 'Права',
        scopesHint: 'Что разрешено делать с этим ключом.',
        submit: 'Создать ключ',
        created: 'API-ключ «{name}» создан',
        secretLabel: 'Секретный ключ',
        secretWarning: 'Скопируйте ключ сейчас и сохраните в надёжном месте. Больше он показан не будет: если он потеряется, отзовите его и создайте новый.',
        secretDone: 'Я скопировал ключ',
        listTitle: 'Ключи',
        empty: 'API-ключей пока нет.',
        columns: {
          name: 'Название',
          prefix: 'Начало ключа',
          scopes: 'Права',
          created: 'Создан',
          lastUsed: 'Использован',
          status: 'Статус',
          actions: 'Действия',
        },
        active: 'Действует',
        revoked: 'Отозван',
        revoke: 'Отозвать',
        revokeTitle: 'Отозвать «{name}»?',
        revokeBody: 'Системы, которые используют этот ключ, сразу перестанут работать. Отменить это нельзя.',
        revokeConfirm: 'Отозвать ключ',
        revokedMessage: 'API-ключ «{name}» отозван.',
        scopeNames: {
          MEMBERS_READ: 'Чтение участников',
          MEMBERS_WRITE: 'Создание и изменение участников',
          PURCHASES_WRITE: 'Передача покупок',
          POINTS_REDEEM: 'Списание баллов',
          POINTS_ADJUST: 'Корректировка баллов',
          EVENTS_WRITE: 'Передача событий',
          REWARDS_READ: 'Чтение наград',
          COMMUNITY_READ: 'Чтение сообщества',
        },
      },
      staff: {
        intro: 'Каждый, кто управляет программой, входит под своей учётной записью. Роль определяет, какие разделы ему видны.',
        createTitle: 'Новый сотрудник',
        role: 'Роль',
        passwordHint: 'Не меньше 10 символов. Передайте его лично: войти можно сразу.',
        submit: 'Добавить сотрудника',
        created: '{email} теперь может войти.',
        conflict: 'Сотрудник с этой почтой уже есть.',
        listTitle: 'Сотрудники',
        columns: {
          name: 'Имя',
          email: 'Эл. почта',
          role: 'Роль',
          lastSignIn: 'Последний вход',
          status: 'Статус',
        },
        active: 'Активен',
        disabled: 'Отключён',
      },
    },
  },
  campaigns,
  dashboard,
  flowEditor,
  segments,
  surveys,
  templates,
  rewards,
  partners,
  imports,
  moderation,
  programs,
  engagement,
  webhooks,
  memberProfile,
};

export default consoleRu;
