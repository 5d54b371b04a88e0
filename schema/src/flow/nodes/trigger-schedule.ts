import { z } from 'zod';
import { defineNode } from '../definition';
import type { FlowLocale } from '../text';
import { t } from '../text';
import { quote } from './words';

// A value, a range or *, with an optional step, comma-separated; names (MON, JAN) are not accepted.
const field = (value: string) => new RegExp(`^(?:\\*|(?:${value})(?:-(?:${value}))?)(?:/[1-9]\\d*)?(?:,(?:\\*|(?:${value})(?:-(?:${value}))?)(?:/[1-9]\\d*)?)*$`);
const CRON_FIELDS = [field('[0-5]?\\d'), field('[01]?\\d|2[0-3]'), field('0?[1-9]|[12]\\d|3[01]'), field('0?[1-9]|1[0-2]'), field('[0-7]')];

const cronFields = (cron: string) => cron.trim().split(/\s+/);
export const isCron = (cron: string) => {
  const fields = cronFields(cron);
  return fields.length === 5 && fields.every((f, i) => CRON_FIELDS[i].test(f));
};
const normalize = (cron: string) => cronFields(cron).join(' ');

const EVERY_WEEKDAY = {
  ru: ['Каждое воскресенье', 'Каждый понедельник', 'Каждый вторник', 'Каждую среду', 'Каждый четверг', 'Каждую пятницу', 'Каждую субботу', 'Каждое воскресенье'],
  en: ['Every Sunday', 'Every Monday', 'Every Tuesday', 'Every Wednesday', 'Every Thursday', 'Every Friday', 'Every Saturday', 'Every Sunday'],
};

/** The common schedules in words ("Every Monday at 10:00"); anything else shows the cron itself. */
function describe(cron: string, locale: FlowLocale): string {
  const [minute, hour, day, month, weekday] = cronFields(cron);
  const fixedTime = /^\d+$/.test(minute) && /^\d+$/.test(hour);
  if (fixedTime && day === '*' && month === '*') {
    const at = `${t('в', 'at')[locale]} ${Number(hour)}:${minute.padStart(2, '0')}`;
    if (weekday === '*') return `${t('Каждый день', 'Every day')[locale]} ${at}`;
    if (weekday === '1-5') return `${t('По будням', 'On weekdays')[locale]} ${at}`;
    if (/^[0-7]$/.test(weekday)) return `${EVERY_WEEKDAY[locale][Number(weekday)]} ${at}`;
  }
  return `${t('По расписанию', 'On schedule')[locale]} ${quote(normalize(cron), locale)}`;
}

export const triggerSchedule = defineNode({
  kind: 'trigger.schedule',
  group: 'trigger',
  label: t('По расписанию', 'Schedule'),
  help: t(
    'Запускается для каждого участника по расписанию cron в часовом поясе бренда.',
    "Starts for every member on a cron schedule in the brand's time zone.",
  ),
  params: z.object({
    cron: z.string().trim().max(128).refine(isCron, 'five fields: minute hour day month weekday').default('0 10 * * 1'),
    scheduleId: z.string().trim().min(1).max(64).optional(),
  }),
  ui: {
    cron: { label: t('Расписание', 'Schedule'), widget: 'cron', help: t('Минута, час, день, месяц, день недели: 0 10 * * 1 — по понедельникам в 10:00.', 'Minute, hour, day, month, weekday: 0 10 * * 1 is Mondays at 10:00.') },
    scheduleId: {
      label: t('Id расписания', 'Schedule id'),
      widget: 'text',
      help: t('Необязательно. Если задан, срабатывает на события расписания с этим именем, а не по совпадению cron.', 'Optional. When set, matches schedule events with this name instead of by cron.'),
    },
  },
  outputs: () => ['out'],
  summary: (p, locale) => describe(p.cron, locale),
  requires: 'scheduler',
  trigger: {
    event: 'schedule',
    // The scheduler names the schedule that came due in the event: by id, or by its cron in data.cron.
    matches: (p, event) => (p.scheduleId !== undefined ? event.name === p.scheduleId : typeof event.data?.cron === 'string' && normalize(event.data.cron) === normalize(p.cron)),
  },
});
