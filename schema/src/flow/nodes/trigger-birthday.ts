import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { count, DAYS } from './words';

export const OCCASIONS = ['birthday', 'joinAnniversary'] as const;

export const triggerBirthday = defineNode({
  kind: 'trigger.birthday',
  group: 'trigger',
  requires: 'scheduler',
  label: t('День рождения', 'Birthday'),
  help: t(
    'Запускается в день рождения участника (или в годовщину его вступления в программу) или за несколько дней до него.',
    "Starts on a member's birthday (or the anniversary of joining the program) or a few days before it.",
  ),
  // Left out, the occasion is the birthday: graphs saved before it existed keep their meaning.
  params: z.object({ daysBefore: z.number().int().min(0).max(60).default(0), occasion: z.enum(OCCASIONS).optional() }),
  ui: {
    daysBefore: { label: t('За сколько дней', 'Days before'), widget: 'number', help: t('0 — в сам день рождения.', '0 is the birthday itself.') },
    occasion: {
      label: t('Повод', 'Occasion'),
      widget: 'select',
      options: { birthday: t('День рождения', 'Birthday'), joinAnniversary: t('Годовщина вступления', 'Join anniversary') },
    },
  },
  outputs: () => ['out'],
  summary: (p, locale) => {
    const anniversary = p.occasion === 'joinAnniversary';
    if (p.daysBefore === 0) return (anniversary ? t('В годовщину вступления участника', "On the member's join anniversary") : t('В день рождения участника', "On the member's birthday"))[locale];
    const days = count(p.daysBefore, locale, DAYS);
    if (locale === 'ru') return `За ${days} до ${anniversary ? 'годовщины вступления' : 'дня рождения'}`;
    return `${days} before the ${anniversary ? 'join anniversary' : 'birthday'}`;
  },
  trigger: {
    event: 'birthday',
    // An event without daysBefore is the day itself; one without occasion, a birthday.
    matches: (p, event) => (event.data?.daysBefore ?? 0) === p.daysBefore && (event.data?.occasion ?? 'birthday') === (p.occasion ?? 'birthday'),
  },
});
