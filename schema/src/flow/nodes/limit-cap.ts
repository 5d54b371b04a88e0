import { z } from 'zod';
import { defineNode } from '../definition';
import type { FlowLocale } from '../text';
import { t } from '../text';
import { count, DAYS, POINTS, TIMES } from './words';
import { whenValid } from './checks';

const times = (n: number, locale: FlowLocale) => (locale === 'en' && n === 1 ? 'once' : count(n, locale, TIMES));

const limit = (max: number) => z.number().int().min(1).max(max).nullable().default(null);

interface Cap {
  perMember: number | null;
  perPeriod: number | null;
  periodDays: number | null;
  budgetPoints: number | null;
}

function describe(p: Cap, locale: FlowLocale): string {
  const parts: string[] = [];
  if (p.perMember !== null) parts.push(`${times(p.perMember, locale)} ${t('на участника', 'per member')[locale]}`);
  if (p.perPeriod !== null && p.periodDays !== null) {
    const period = p.periodDays === 1 ? t('в день', 'a day')[locale] : `${t('за', 'per')[locale]} ${count(p.periodDays, locale, DAYS)}`;
    parts.push(`${times(p.perPeriod, locale)} ${period}`);
  }
  if (p.budgetPoints !== null) parts.push(`${t('бюджет', 'budget')[locale]} ${count(p.budgetPoints, locale, POINTS)}`);
  const text = parts.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const limitCap = defineNode({
  kind: 'limit.cap',
  group: 'flow',
  label: t('Ограничение', 'Cap'),
  help: t(
    'Пропускает дальше, пока не исчерпан лимит: раз на участника, раз за период или бюджет баллов на всю кампанию.',
    'Lets members through while the limit holds: times per member, times per period, or a points budget for the whole campaign.',
  ),
  params: z
    .object({
      // Per member by default: "once per member" is the cap most campaigns want.
      perMember: z.number().int().min(1).max(10_000).nullable().default(1),
      perPeriod: limit(10_000),
      periodDays: limit(366),
      budgetPoints: limit(1_000_000_000),
    })
    .refine((p) => p.perMember !== null || p.perPeriod !== null || p.budgetPoints !== null, { message: 'set at least one limit', path: ['perMember'], when: whenValid('perMember', 'perPeriod', 'budgetPoints') })
    .refine((p) => p.perPeriod === null || p.periodDays !== null, { message: 'a period limit needs the period length', path: ['periodDays'], when: whenValid('perPeriod', 'periodDays') }),
  ui: {
    perMember: { label: t('Раз на участника', 'Times per member'), widget: 'number', help: t('Пусто — без ограничения.', 'Empty means no limit.') },
    perPeriod: { label: t('Раз за период', 'Times per period'), widget: 'number', help: t('Для каждого участника.', 'For each member.') },
    periodDays: { label: t('Период, дней', 'Period, days'), widget: 'number' },
    budgetPoints: { label: t('Бюджет, баллов', 'Budget, points'), widget: 'number', help: t('На всю кампанию, для всех участников вместе.', 'For the whole campaign, all members together.') },
  },
  outputs: () => ['out'],
  summary: (p, locale) => describe(p, locale),
  run: (p) => {
    // Usage is counted per node id, which run does not see: the compiler checks it and the server applies it atomically.
    const cap = { perMember: p.perMember, perPeriod: p.perPeriod, periodDays: p.periodDays, budgetPoints: p.budgetPoints };
    return { ports: ['out'], cap, inputs: { ...cap } };
  },
});
