import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { code } from './shared';
import { quote } from './words';

export const triggerSurveyAnswered = defineNode({
  kind: 'trigger.surveyAnswered',
  group: 'trigger',
  label: t('Ответ на опрос', 'Survey answered'),
  help: t('Запускается, когда участник заполняет опрос.', 'Starts when a member completes a survey.'),
  params: z.object({ survey: code.nullable().default(null) }),
  ui: {
    // 'text' until surveys land and ReferenceKind can name them.
    survey: { label: t('Опрос', 'Survey'), widget: 'text', help: t('Пусто — любой опрос.', 'Empty means any survey.') },
  },
  outputs: () => ['out'],
  summary: (p, locale) =>
    p.survey === null ? t('Когда участник отвечает на опрос', 'When a member answers a survey')[locale] : `${t('Ответ на опрос', 'Answered survey')[locale]} ${quote(p.survey, locale)}`,
  requires: 'surveys',
  trigger: { event: 'surveyAnswered', matches: (p, event) => p.survey === null || event.data?.survey === p.survey },
});
