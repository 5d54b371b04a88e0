import { t } from '@patron/schema/flow';
import { createProgram, edges, node, POINT_PER_ROUBLE, publishCampaign, type ProgramTemplate } from '../template';

/** Basic/Silver/Gold by a year's spend, more points on each step and a gift when a member reaches it. */
export const tiersWithGiftsTemplate: ProgramTemplate = {
  code: 'tiers-with-gifts',
  name: t('Уровни Basic / Silver / Gold с подарками', 'Basic / Silver / Gold tiers with gifts'),
  description: t(
    'Балл за рубль; Silver от 15 000 ₽ покупок за год (×1,25 баллов), Gold от 50 000 ₽ (×1,5). На каждом новом уровне — подарок.',
    'A point per rouble; Silver from 15,000 ₽ spent in a year (×1.25 points), Gold from 50,000 ₽ (×1.5). A gift on reaching each tier.',
  ),
  requires: ['rewards'],
  async apply(em, services, options) {
    const ru = options.locale === 'ru';
    const program = await createProgram(em, services, options, { ...POINT_PER_ROUBLE, tierReview: 'yearly' });
    await services.programs.saveTier(em, program.id, { code: 'basic', name: 'Basic', rank: 0, perks: [ru ? 'Балл за каждый рубль' : 'A point per rouble'] });
    await services.programs.saveTier(em, program.id, { code: 'silver', name: 'Silver', rank: 1, threshold: 15_000_00, earnMultiplierPercent: 125, perks: [ru ? '×1,25 баллов' : '×1.25 points', ru ? 'Подарок при переходе' : 'A gift on reaching it'] });
    await services.programs.saveTier(em, program.id, { code: 'gold', name: 'Gold', rank: 2, threshold: 50_000_00, earnMultiplierPercent: 150, perks: [ru ? '×1,5 баллов' : '×1.5 points', ru ? 'Подарок при переходе' : 'A gift on reaching it'] });
    for (const [tier, gift] of [['silver', ru ? 'Подарок Silver' : 'Silver gift'], ['gold', ru ? 'Подарок Gold' : 'Gold gift']] as const) {
      await services.rewards.create(em, { programId: program.id, code: `${tier}-gift`, name: gift, kind: 'freeProduct', sku: `GIFT-${tier.toUpperCase()}`, costPoints: 0, perMemberLimit: 1, minTier: tier, couponValidDays: 60 });
      await publishCampaign(
        em,
        services,
        program,
        {
          name: ru ? `Подарок за уровень ${tier === 'gold' ? 'Gold' : 'Silver'}` : `Gift for reaching ${tier === 'gold' ? 'Gold' : 'Silver'}`,
          description: ru ? 'Купон на подарок при переходе на уровень.' : 'A gift coupon on reaching the tier.',
          graph: { nodes: [node('reached', 'trigger.tierChanged', { toTier: tier }, 0), node('gift', 'action.issueReward', { reward: `${tier}-gift` }, 1)], edges: edges(['reached', 'out', 'gift']) },
        },
        options.locale,
      );
    }
    return program;
  },
};
