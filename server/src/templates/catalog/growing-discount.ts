import { t } from '@patron/schema/flow';
import { createProgram, type ProgramTemplate } from '../template';

/** No points: a personal discount that steps up with everything the member has spent. */
export const growingDiscountTemplate: ProgramTemplate = {
  code: 'growing-discount',
  name: t('Накопительная скидка', 'Discount that grows with spend'),
  description: t(
    'Скидка 3 % с первой покупки, 5 % от 10 000 ₽ покупок, 7 % от 30 000 ₽, 10 % от 100 000 ₽. Скидка не снижается.',
    '3 % off from the first purchase, 5 % after 10,000 ₽ spent, 7 % after 30,000 ₽, 10 % after 100,000 ₽. The discount never drops.',
  ),
  requires: [],
  async apply(em, services, options) {
    const program = await createProgram(em, services, options, {
      earnPoints: 0,
      maxRedeemPercent: 0,
      // Lifetime spend, reviewed never: a step once reached is kept.
      tierReview: 'never',
    });
    const ru = options.locale === 'ru';
    const steps = [
      { code: 'start', rank: 0, threshold: 0, discountPercent: 3 },
      { code: 'plus', rank: 1, threshold: 10_000_00, discountPercent: 5 },
      { code: 'pro', rank: 2, threshold: 30_000_00, discountPercent: 7 },
      { code: 'max', rank: 3, threshold: 100_000_00, discountPercent: 10 },
    ];
    for (const step of steps) {
      await services.programs.saveTier(em, program.id, {
        ...step,
        name: `${ru ? 'Скидка' : 'Discount'} ${step.discountPercent} %`,
        qualifyBy: 'spend',
        window: 'lifetime',
        perks: [ru ? `Скидка ${step.discountPercent} % на все покупки` : `${step.discountPercent} % off every purchase`],
      });
    }
    return program;
  },
};
