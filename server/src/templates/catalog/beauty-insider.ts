import { t } from '@patron/schema/flow';
import { createProgram, type ProgramTemplate } from '../template';

/** Sephora-style: points, three tiers by a calendar year's spend, and rewards only the top tier may take. */
export const beautyInsiderTemplate: ProgramTemplate = {
  code: 'beauty-insider',
  name: t('Баллы, уровни и эксклюзивы (как Sephora)', 'Points, tiers and exclusives (Sephora-style)'),
  description: t(
    'Балл за рубль; Insider, VIB от 35 000 ₽ за календарный год (×1,25), Rouge от 100 000 ₽ (×1,5, скидка 5 %). Набор пробников для всех, эксклюзивный продукт — только для Rouge.',
    'A point per rouble; Insider, VIB from 35,000 ₽ in a calendar year (×1.25), Rouge from 100,000 ₽ (×1.5, 5 % off). A sample set for everyone, an exclusive product for Rouge only.',
  ),
  requires: ['rewards'],
  async apply(em, services, options) {
    const ru = options.locale === 'ru';
    // Points buy rewards, not a share of the bill.
    const program = await createProgram(em, services, options, { earnPoints: 1, earnPerMinor: 100, pointValueMinor: 0, maxRedeemPercent: 0, tierReview: 'yearly' });
    const byYear = { qualifyBy: 'spend', window: 'calendarYear' } as const;
    await services.programs.saveTier(em, program.id, { code: 'insider', name: 'Insider', rank: 0, ...byYear });
    await services.programs.saveTier(em, program.id, { code: 'vib', name: 'VIB', rank: 1, threshold: 35_000_00, earnMultiplierPercent: 125, ...byYear, perks: [ru ? '×1,25 баллов' : '×1.25 points'] });
    await services.programs.saveTier(em, program.id, { code: 'rouge', name: 'Rouge', rank: 2, threshold: 100_000_00, earnMultiplierPercent: 150, discountPercent: 5, ...byYear, perks: [ru ? '×1,5 баллов' : '×1.5 points', ru ? 'Скидка 5 %' : '5 % off', ru ? 'Эксклюзивные продукты' : 'Exclusive products'] });
    await services.rewards.create(em, { programId: program.id, code: 'sample-set', name: ru ? 'Набор пробников' : 'Sample set', kind: 'freeProduct', sku: 'SAMPLES', costPoints: 500 });
    await services.rewards.create(em, { programId: program.id, code: 'rouge-exclusive', name: ru ? 'Эксклюзивный продукт Rouge' : 'Rouge exclusive product', kind: 'freeProduct', sku: 'ROUGE-EXCL', costPoints: 2500, minTier: 'rouge', stock: 100 });
    return program;
  },
};
