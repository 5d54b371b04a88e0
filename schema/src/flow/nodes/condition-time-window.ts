import { z } from 'zod';
import { defineNode } from '../definition';
import type { FlowLocale } from '../text';
import { t } from '../text';
import { TRUE_FALSE, trueFalseLabel } from './shared';
import { whenValid } from './checks';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const WEEKDAY_NAMES = { ru: ['пн', 'вт', 'ср', 'чт', 'пт', 'сб', 'вс'], en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] };
const ISO_WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// Building a formatter is far dearer than using one; a brand has one time zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local date (YYYY-MM-DD), ISO weekday and hour of an instant in a time zone. Throws RangeError on a bad zone or instant. */
export function localTime(instant: string, timeZone: string): { date: string; weekday: number; hour: number } {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) parts[part.type] = part.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: ISO_WEEKDAY[parts.weekday], hour: Number(parts.hour) };
}

const date = z.iso.date().nullable().default(null);

function hours(from: number, to: number): string {
  return `${from}:00–${to}:00`;
}

function weekdays(days: number[], locale: FlowLocale): string | null {
  const set = new Set(days);
  if (set.size === 7) return null;
  const sorted = [...set].sort((a, b) => a - b);
  const key = sorted.join('');
  if (key === '12345') return t('по будням', 'on weekdays')[locale];
  if (key === '67') return t('по выходным', 'on weekends')[locale];
  return sorted.map((d) => WEEKDAY_NAMES[locale][d - 1]).join(', ');
}

function day(iso: string, locale: FlowLocale): string {
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-US', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${iso}T00:00:00Z`));
}

export const conditionTimeWindow = defineNode({
  kind: 'condition.timeWindow',
  group: 'condition',
  label: t('Дата и время', 'Date and time'),
  help: t(
    'Проверяет, когда произошло событие, по местному времени бренда: даты акции, дни недели, «счастливые часы».',
    "Checks when the event happened, in the brand's local time: campaign dates, weekdays, happy hours.",
  ),
  params: z
    .object({
      from: date,
      to: date,
      weekdays: z
        .array(z.number().int().min(1).max(7))
        .min(1)
        .max(7)
        .refine((list) => new Set(list).size === list.length, 'each weekday once')
        .default(() => [...WEEKDAYS]),
      fromHour: z.number().int().min(0).max(23).default(0),
      toHour: z.number().int().min(1).max(24).default(24),
    })
    .refine((p) => p.from === null || p.to === null || p.from <= p.to, { message: 'the end date is before the start', path: ['to'], when: whenValid('from', 'to') })
    .refine((p) => p.fromHour < p.toHour, { message: 'the end hour must be after the start hour', path: ['toHour'], when: whenValid('fromHour', 'toHour') }),
  ui: {
    from: { label: t('С даты', 'From date'), widget: 'date', help: t('Включительно. Пусто — без начала.', 'Inclusive. Empty means no start.') },
    to: { label: t('По дату', 'To date'), widget: 'date', help: t('Включительно. Пусто — без конца.', 'Inclusive. Empty means no end.') },
    weekdays: { label: t('Дни недели', 'Weekdays'), widget: 'weekdays' },
    fromHour: { label: t('С часа', 'From hour'), widget: 'time' },
    toHour: { label: t('До часа', 'Until hour'), widget: 'time', help: t('Не включая: 10–14 — с 10:00 до 13:59.', 'Exclusive: 10–14 is 10:00 to 13:59.') },
  },
  outputs: () => TRUE_FALSE,
  portLabel: trueFalseLabel,
  summary: (p, locale) => {
    const parts: string[] = [];
    if (p.from !== null && p.to !== null) parts.push(`${day(p.from, locale)} – ${day(p.to, locale)}`);
    else if (p.from !== null) parts.push(`${t('с', 'from')[locale]} ${day(p.from, locale)}`);
    else if (p.to !== null) parts.push(`${t('по', 'until')[locale]} ${day(p.to, locale)}`);
    const days = weekdays(p.weekdays, locale);
    if (days) parts.push(days);
    if (p.fromHour !== 0 || p.toHour !== 24) parts.push(hours(p.fromHour, p.toHour));
    if (parts.length === 0) return t('В любое время', 'Any time')[locale];
    const text = parts.join(', ');
    return text.charAt(0).toUpperCase() + text.slice(1);
  },
  run: (p, ctx) => {
    let local: ReturnType<typeof localTime>;
    try {
      local = localTime(ctx.event.occurredAt, ctx.timezone);
    } catch {
      return { ports: ['false'], inputs: { occurredAt: ctx.event.occurredAt, timezone: ctx.timezone }, note: 'unknown time zone or event time' };
    }
    const inDates = (p.from === null || local.date >= p.from) && (p.to === null || local.date <= p.to);
    const inDays = p.weekdays.includes(local.weekday);
    const inHours = p.fromHour <= local.hour && local.hour < p.toHour;
    return {
      ports: [inDates && inDays && inHours ? 'true' : 'false'],
      inputs: { timezone: ctx.timezone, localDate: local.date, weekday: local.weekday, hour: local.hour },
    };
  },
});
