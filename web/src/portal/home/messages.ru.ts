import type en from './messages.en';

// Сообщения кошелька по-русски (ru.ts кладёт их в `portal.home`).
export default {
  title: 'Кошелёк',
  greeting: 'Здравствуйте, {name}!',
  greetingNoName: 'Здравствуйте!',
  signedInAs: 'Вы вошли как {email}',
  loadError: 'Не удалось загрузить кошелёк.',
  points: { one: '{n} балл', few: '{n} балла', many: '{n} баллов', other: '{n} балла' },
  wallet: {
    title: 'Кошелёк',
    emptyTitle: 'Пока пусто',
    emptyBody: 'Баллы и награды появятся здесь после первой покупки.',
  },
  balance: {
    title: 'Ваши баллы',
    available: 'Доступно',
    pending: 'Ожидают',
    pendingHint: 'Станут доступны, когда пройдёт срок возврата.',
    worth: 'Это {money} при оплате',
    debt: 'Долг после возврата: {points}',
  },
  expiring: {
    title: 'Скоро сгорят',
    hint: 'Не забудьте их потратить.',
    line: '{points} — {date}',
  },
  tier: {
    title: 'Ваш уровень',
    none: 'Уровня пока нет',
    current: 'Уровень: {name}',
    top: 'У вас высший уровень. Спасибо!',
    progressLabel: 'Прогресс до уровня {name}',
    toNext: {
      SPEND: 'Потратьте ещё {amount}, чтобы получить {name}',
      POINTS: 'Накопите ещё {amount} баллов, чтобы получить {name}',
      PURCHASES: 'Сделайте ещё {amount} покупок, чтобы получить {name}',
    },
    perks: 'Ваши привилегии',
    nextPerks: 'На уровне {name}',
    discount: 'Скидка {percent}% на каждую покупку',
    multiplier: '×{factor} баллов за покупки',
  },
  card: {
    title: 'Карта участника',
    hint: 'Покажите код на кассе, чтобы начислить или списать баллы.',
    qrLabel: 'QR-код вашего номера участника',
    memberId: 'Номер участника',
    externalId: 'Номер карты',
    qrFailed: 'Не удалось нарисовать код; назовите номер ниже.',
  },
  perks: 'Ваши бонусы',
} satisfies typeof en;
