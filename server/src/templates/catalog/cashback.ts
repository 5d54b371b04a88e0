import { t } from '@patron/schema/flow';
import { createProgram, edges, node, publishCampaign, type ProgramTemplate } from '../template';

/** Money back on the member's account: 5 % of every purchase, 10 % at weekends. */
export const cashbackTemplate: ProgramTemplate = {
  code: 'cashback',
  name: t('Кешбэк 5 %', 'Cashback 5 %'),
  description: t(
    '5 % от каждой покупки возвращается на счёт участника, в выходные — 10 %. Кешбэком можно оплатить до половины покупки.',
    '5 % of every purchase back on the member\'s account, 10 % at weekends. Cashback pays up to half of a purchase.',
  ),
  requires: [],
  async apply(em, services, options) {
    const program = await createProgram(em, services, options, {
      // Cashback is held in minor units: 5 per 100 is 5 %.
      valueKind: 'cashback',
      pointValueMinor: 1,
      earnPoints: 5,
      earnPerMinor: 100,
      maxRedeemPercent: 50,
      expiryPolicy: 'days',
      expiryDays: 365,
    });
    const ru = options.locale === 'ru';
    await publishCampaign(
      em,
      services,
      program,
      {
        name: ru ? 'Двойной кешбэк в выходные' : 'Double cashback at weekends',
        description: ru ? 'Ещё 5 % в субботу и воскресенье.' : 'Another 5 % on Saturdays and Sundays.',
        graph: {
          nodes: [node('purchase', 'trigger.purchase', {}, 0), node('weekend', 'condition.timeWindow', { from: null, to: null, weekdays: [6, 7] }, 1), node('extra', 'action.cashback', { percent: 5, maxMinor: null }, 2)],
          edges: edges(['purchase', 'out', 'weekend'], ['weekend', 'true', 'extra']),
        },
      },
      options.locale,
    );
    return program;
  },
};
