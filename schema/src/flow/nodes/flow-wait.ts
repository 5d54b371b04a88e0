import { z } from 'zod';
import { defineNode } from '../definition';
import type { FlowLocale } from '../text';
import { t } from '../text';
import type { PluralForms } from './words';
import { count, DAYS } from './words';

const HOURS: PluralForms = { ru: ['час', 'часа', 'часов'], en: ['hour', 'hours'] };
const MINUTES: PluralForms = { ru: ['минуту', 'минуты', 'минут'], en: ['minute', 'minutes'] };

/** The delay in the largest whole unit: "2 дня", "3 hours", "45 минут". */
export function duration(minutes: number, locale: FlowLocale): string {
  if (minutes % 1440 === 0) return count(minutes / 1440, locale, DAYS);
  if (minutes % 60 === 0) return count(minutes / 60, locale, HOURS);
  return count(minutes, locale, MINUTES);
}

export const flowWait = defineNode({
  kind: 'flow.wait',
  group: 'flow',
  label: t('Пауза', 'Wait'),
  help: t('Ждёт заданное время, потом продолжает путь с этого места.', 'Waits for a while, then carries on from here.'),
  params: z.object({ minutes: z.number().int().min(1).max(525_600).default(60) }),
  ui: {
    minutes: { label: t('Сколько ждать, минут', 'Wait, minutes'), widget: 'number', help: t('1440 — сутки, 10080 — неделя.', '1440 is a day, 10080 a week.') },
  },
  outputs: () => ['out'],
  summary: (p, locale) => `${t('Подождать', 'Wait')[locale]} ${duration(p.minutes, locale)}`,
  requires: 'jobs',
  run: (p) => ({ ports: ['out'], waitMinutes: p.minutes, inputs: { minutes: p.minutes } }),
});
