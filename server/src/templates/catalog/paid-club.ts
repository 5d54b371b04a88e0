import { t } from '@patron/schema/flow';
import { createProgram, edges, node, POINT_PER_ROUBLE, publishCampaign, type ProgramTemplate } from '../template';

/** An Amazon Prime-style paid club: members who pay 299 ₽ a month get double points. */
export const paidClubTemplate: ProgramTemplate = {
  code: 'paid-club',
  name: t('Платный клуб: двойные баллы', 'Paid club: double points'),
  description: t(
    'Балл за рубль для всех; участники клуба «Плюс» за 299 ₽ в месяц получают двойные баллы и бесплатную доставку. Неделя пробного периода.',
    'A point per rouble for everyone; members of the Plus club (299 ₽ a month) get double points and free delivery. A week of trial.',
  ),
  requires: ['clubs'],
  async apply(em, services, options) {
    const ru = options.locale === 'ru';
    const program = await createProgram(em, services, options, { ...POINT_PER_ROUBLE });
    await services.clubs.createPlan(em, {
      programId: program.id,
      code: 'plus',
      name: ru ? 'Плюс' : 'Plus',
      description: ru ? 'Двойные баллы и бесплатная доставка.' : 'Double points and free delivery.',
      priceMinor: 299_00,
      periodUnit: 'month',
      periodCount: 1,
      trialDays: 7,
      perks: ru ? ['Двойные баллы', 'Бесплатная доставка'] : ['Double points', 'Free delivery'],
      earnMultiplierPercent: 200,
    });
    await publishCampaign(
      em,
      services,
      program,
      {
        name: ru ? 'Двойные баллы для клуба «Плюс»' : 'Double points for Plus members',
        description: ru ? 'Ещё столько же баллов за покупку участникам клуба.' : 'As many points again for club members.',
        graph: {
          nodes: [node('purchase', 'trigger.purchase', {}, 0), node('club', 'condition.club', { plan: 'plus' }, 1), node('double', 'action.awardPoints', { mode: 'multiplier', amount: 2 }, 2)],
          edges: edges(['purchase', 'out', 'club'], ['club', 'true', 'double']),
        },
      },
      options.locale,
    );
    return program;
  },
};
