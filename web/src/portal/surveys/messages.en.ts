// The surveys page's English messages (en.ts puts them under `portal.surveys`); messages.ru.ts has the same keys.
export default {
  title: 'Surveys',
  intro: 'Tell us what you think: it takes a minute.',
  loadError: 'Surveys could not be loaded.',
  emptyTitle: 'No questions for you right now',
  emptyBody: 'When we have a survey for you, it will be here.',
  npsLow: 'Not at all likely',
  npsHigh: 'Extremely likely',
  required: 'Please answer this question.',
  submit: 'Send answers',
  thanksTitle: 'Thank you!',
  thanksBody: 'Your answers help us do better.',
  thanksPoints: 'You got {points} for answering.',
  closed: 'This survey has closed.',
  alreadyAnswered: 'You have already answered this survey.',
};
