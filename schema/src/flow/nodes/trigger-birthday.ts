import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { count, DAYS } from './words';

export const triggerBirthday = defineNode({
  kind: 'trigger.birthday',
  group: 'trigger',
  requires: 'scheduler',
  label: t('День рождения', 'Birthday'),
  help: t(
    'Запускается в день рождения участника или за несколько дней до него.',
    "Starts on a member's birthday or a few days before it.",
  ),
  params: z.object({ daysBefore: z.number().int().min(0).max(60).default(0) }),
  ui: {
    daysBefore: { label: t('За сколько дней', 'Days before'), widget: 'number', help: t('0 — в сам день рождения.', '0 is the birthday itself.') },
  },
  outputs: () => ['out'],
  summary: (p, locale) =>
    p.daysBefore === 0
      ? t('В день рождения участника', "On the member's birthday")[locale]
      : locale === 'ru'
        ? `За ${count(p.daysBefore, locale, DAYS)} до дня рождения`
        : `${count(p.daysBefore, locale, DAYS)} before the birthday`,
  trigger: {
    event: 'birthday',
    // An event without daysBefore is the birthday itself.
    matches: (p, event) => (event.data?.daysBefore ?? 0) === p.daysBefore,
  },
});
