import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { code, TRUE_FALSE, trueFalseLabel } from './shared';
import { quote } from './words';

/** The plan code that stands for every club of the program. */
export const ANY_CLUB = 'any';

export const conditionClub = defineNode({
  kind: 'condition.club',
  group: 'condition',
  label: t('Платный клуб', 'Paid club'),
  help: t(
    'Проверяет, состоит ли участник в платном клубе (с пробным периодом и льготными днями после неоплаты).',
    'Checks whether the member is in a paid club (trial and grace days after a missed payment included).',
  ),
  params: z.object({ plan: code.default(ANY_CLUB) }),
  ui: {
    plan: { label: t('Клуб', 'Club'), help: t('Код тарифа или any — любой клуб.', 'A plan code, or any for every club.'), widget: 'reference', reference: 'club' },
  },
  outputs: () => TRUE_FALSE,
  portLabel: trueFalseLabel,
  summary: (p, locale) => (p.plan === ANY_CLUB ? t('В любом платном клубе', 'In any paid club')[locale] : `${t('В клубе', 'In club')[locale]} ${quote(p.plan, locale)}`),
  requires: 'clubs',
  needs: ['clubs'],
  references: (p) => (p.plan === ANY_CLUB ? [] : [{ kind: 'club', id: p.plan, path: ['params', 'plan'] }]),
  run: (p, ctx) => {
    const clubs = ctx.facts.clubs ?? [];
    const member = p.plan === ANY_CLUB ? clubs.length > 0 : clubs.includes(p.plan);
    return { ports: [member ? 'true' : 'false'], inputs: { plan: p.plan, clubs } };
  },
  compileTest: (p) => {
    const plan = p.plan;
    if (plan === ANY_CLUB) return (ctx) => (ctx.facts.clubs ?? []).length > 0;
    return (ctx) => (ctx.facts.clubs ?? []).includes(plan);
  },
});
