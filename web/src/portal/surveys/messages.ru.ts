import type en from './messages.en';

// Сообщения опросов по-русски (ru.ts кладёт их в `portal.surveys`).
export default {
  title: 'Опросы',
  intro: 'Расскажите, что вы думаете: это займёт минуту.',
  loadError: 'Не удалось загрузить опросы.',
  emptyTitle: 'Сейчас вопросов нет',
  emptyBody: 'Когда появится опрос для вас, он будет здесь.',
  npsLow: 'Точно нет',
  npsHigh: 'Обязательно',
  required: 'Ответьте, пожалуйста, на этот вопрос.',
  submit: 'Отправить ответы',
  thanksTitle: 'Спасибо!',
  thanksBody: 'Ваши ответы помогают нам стать лучше.',
  thanksPoints: 'Вам начислено: {points}.',
  closed: 'Этот опрос уже закрыт.',
  alreadyAnswered: 'Вы уже ответили на этот опрос.',
} satisfies typeof en;
