import type en from './messages.en';

// Сообщения истории по-русски (ru.ts кладёт их в `portal.history`).
export default {
  title: 'История',
  intro: 'Все изменения ваших баллов, сначала новые.',
  loadError: 'Не удалось загрузить историю.',
  emptyTitle: 'Истории пока нет',
  emptyBody: 'Здесь появятся начисления и списания баллов.',
  loadMore: 'Показать раньше',
  entry: {
    purchase: 'Покупка',
    campaign: 'Акция «{name}»',
    campaignNoName: 'Бонус по акции',
    expired: 'Сгорели',
    released: 'Стали доступны',
    refund: 'Возврат',
    redeemed: 'Списание',
    reward: 'Награда',
    adjusted: 'Корректировка',
    imported: 'Перенос',
    other: 'Изменение баллов',
  },
  releasedNote: '{points} теперь можно потратить',
} satisfies typeof en;
