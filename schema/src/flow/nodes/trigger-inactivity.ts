import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { count, DAYS } from './words';

export const triggerInactivity = defineNode({
  kind: 'trigger.inactivity',
  group: 'trigger',
  label: t('Давно не покупал', 'Inactivity'),
  help: t('Запускается, когда участник не совершал покупок заданное число дней.', 'Starts when a member has made no purchase for this many days.'),
  params: z.object({ days: z.number().int().min(7).max(730).default(90) }),
  ui: {
    days: { label: t('Дней без покупок', 'Days without a purchase'), widget: 'number' },
  },
  outputs: () => ['out'],
  summary: (p, locale) => `${t('Нет покупок', 'No purchase for')[locale]} ${count(p.days, locale, DAYS)}`,
  requires: 'scheduler',
  // The scheduler reports how long the member has been away; equality fires once per lapse, not daily after it.
  trigger: { event: 'inactivity', matches: (p, event) => event.data?.days === p.days },
});
