import { t } from '@patron/schema/flow';
import { createProgram, edges, node, publishCampaign, type ProgramTemplate } from '../template';

/** The classic: 1 ₽ spent = 1 point, 1 point = 1 ₽ off, a welcome gift and a birthday gift. */
export const bonusPointsTemplate: ProgramTemplate = {
  code: 'bonus-points',
  name: t('Бонусная программа 1 ₽ = 1 балл', 'Bonus points: 1 ₽ = 1 point'),
  description: t(
    'Балл за каждый рубль, баллами можно оплатить до 30 % покупки, баллы сгорают через год. 100 баллов за регистрацию и 500 в день рождения.',
    'A point for every rouble, points pay up to 30 % of a purchase and expire after a year. 100 points for joining and 500 on the birthday.',
  ),
  requires: [],
  async apply(em, services, options) {
    const program = await createProgram(em, services, options, {
      earnPoints: 1,
      earnPerMinor: 100,
      pointValueMinor: 100,
      maxRedeemPercent: 30,
      minRedeemPoints: 100,
      expiryPolicy: 'days',
      expiryDays: 365,
      // Points wait out the return period before they can be spent.
      pendingDays: 14,
    });
    const ru = options.locale === 'ru';
    await publishCampaign(
      em,
      services,
      program,
      {
        name: ru ? 'Приветственные баллы' : 'Welcome points',
        description: ru ? '100 баллов за регистрацию.' : '100 points for joining.',
        graph: { nodes: [node('signup', 'trigger.signup', {}, 0), node('gift', 'action.awardPoints', { mode: 'fixed', amount: 100 }, 1)], edges: edges(['signup', 'out', 'gift']) },
      },
      options.locale,
    );
    await publishCampaign(
      em,
      services,
      program,
      {
        name: ru ? 'Подарок ко дню рождения' : 'Birthday gift',
        description: ru ? '500 баллов в день рождения.' : '500 points on the birthday.',
        graph: { nodes: [node('birthday', 'trigger.birthday', { daysBefore: 0 }, 0), node('gift', 'action.awardPoints', { mode: 'fixed', amount: 500 }, 1)], edges: edges(['birthday', 'out', 'gift']) },
      },
      options.locale,
    );
    return program;
  },
};
