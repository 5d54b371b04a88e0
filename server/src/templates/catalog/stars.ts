import { t } from '@patron/schema/flow';
import { createProgram, type ProgramTemplate } from '../template';

/** Starbucks-style stars: 2 stars per 100 ₽, exchanged only for rewards, a free drink at 150. */
export const starsTemplate: ProgramTemplate = {
  code: 'stars',
  name: t('Звёзды → бесплатный напиток', 'Stars → a free drink'),
  description: t(
    '2 звезды за каждые 100 ₽. Звёзды не списываются как деньги: их обменивают на награды — напиток за 150 звёзд, десерт за 200. Звёзды живут полгода.',
    '2 stars for every 100 ₽. Stars are not money off: they are exchanged for rewards — a drink for 150 stars, a dessert for 200. Stars last six months.',
  ),
  requires: ['rewards'],
  async apply(em, services, options) {
    const ru = options.locale === 'ru';
    const program = await createProgram(em, services, options, {
      earnPoints: 2,
      earnPerMinor: 100_00,
      // Stars buy rewards only, never a share of the bill.
      maxRedeemPercent: 0,
      expiryPolicy: 'days',
      expiryDays: 180,
    });
    await services.rewards.create(em, { programId: program.id, code: 'free-drink', name: ru ? 'Любой напиток бесплатно' : 'Any drink free', kind: 'freeProduct', sku: 'DRINK-ANY', costPoints: 150, couponValidDays: 30 });
    await services.rewards.create(em, { programId: program.id, code: 'free-dessert', name: ru ? 'Десерт бесплатно' : 'A free dessert', kind: 'freeProduct', sku: 'DESSERT-ANY', costPoints: 200, couponValidDays: 30 });
    return program;
  },
};
