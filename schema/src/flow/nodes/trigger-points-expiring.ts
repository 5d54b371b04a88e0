import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { count, DAYS } from './words';

export const triggerPointsExpiring = defineNode({
  kind: 'trigger.pointsExpiring',
  group: 'trigger',
  label: t('Баллы сгорают', 'Points expiring'),
  help: t('Запускается за несколько дней до того, как у участника сгорят баллы.', "Starts a few days before a member's points expire."),
  params: z.object({ daysBefore: z.number().int().min(1).max(90).default(14) }),
  ui: {
    daysBefore: { label: t('За сколько дней', 'Days before'), widget: 'number' },
  },
  outputs: () => ['out'],
  summary: (p, locale) => (locale === 'ru' ? `За ${count(p.daysBefore, locale, DAYS)} до сгорания баллов` : `${count(p.daysBefore, locale, DAYS)} before points expire`),
  requires: 'scheduler',
  trigger: { event: 'pointsExpiring', matches: (p, event) => event.data?.daysBefore === p.daysBefore },
});
