import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { code, oneOf, TRUE_FALSE, trueFalseLabel } from './shared';
import { shortList } from './words';

export const conditionTier = defineNode({
  kind: 'condition.tier',
  group: 'condition',
  label: t('Уровень участника', 'Member tier'),
  help: t('Проверяет текущий уровень участника.', "Checks the member's current tier."),
  params: z.object({ tiers: z.array(code).min(1).max(20).default(['gold']), negate: z.boolean().default(false) }),
  ui: {
    tiers: { label: t('Уровни', 'Tiers'), widget: 'multiselect', reference: 'tier' },
    negate: { label: t('Любой, кроме этих', 'Any but these'), widget: 'toggle' },
  },
  outputs: () => TRUE_FALSE,
  portLabel: trueFalseLabel,
  summary: (p, locale) => {
    const tiers = shortList(p.tiers, locale, p.negate ? 'conjunction' : 'disjunction');
    return p.negate ? `${t('Уровень не', 'Tier is not')[locale]} ${tiers}` : `${t('Уровень', 'Tier is')[locale]} ${tiers}`;
  },
  references: (p) => p.tiers.map((id) => ({ kind: 'tier' as const, id, path: ['params', 'tiers'] })),
  run: (p, ctx) => {
    const tier = ctx.facts.tier ?? null;
    const listed = tier !== null && p.tiers.includes(tier);
    return { ports: [listed !== p.negate ? 'true' : 'false'], inputs: { tier, tiers: p.tiers, negate: p.negate } };
  },
  compileTest: (p) => {
    const listed = oneOf(p.tiers);
    const negate = p.negate;
    return (ctx) => {
      const tier = ctx.facts.tier;
      return (tier != null && listed(tier)) !== negate;
    };
  },
});
