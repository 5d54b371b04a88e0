import { t } from '@patron/schema/flow';
import { createProgram, edges, node, POINT_PER_ROUBLE, publishCampaign, type ProgramTemplate } from '../template';

/** Five purchases in a calendar month: a badge and 300 bonus points, every month. */
export const monthlyChallengeTemplate: ProgramTemplate = {
  code: 'monthly-challenge',
  name: t('Челлендж месяца', 'Monthly challenge'),
  description: t(
    'Балл за рубль. Пять покупок за календарный месяц — значок «Герой месяца» и 300 бонусных баллов. Каждый месяц заново.',
    'A point per rouble. Five purchases in a calendar month earn the “Hero of the month” badge and 300 bonus points. Every month anew.',
  ),
  requires: ['challenges', 'badges'],
  async apply(em, services, options) {
    const ru = options.locale === 'ru';
    const program = await createProgram(em, services, options, { ...POINT_PER_ROUBLE });
    const badge = await services.gamification.badges.create(em, { programId: program.id, code: 'hero-of-the-month', name: ru ? 'Герой месяца' : 'Hero of the month', description: ru ? 'Пять покупок за месяц.' : 'Five purchases in a month.' });
    await services.gamification.challenges.create(em, {
      programId: program.id,
      code: 'five-this-month',
      name: ru ? '5 покупок в этом месяце' : '5 purchases this month',
      goal: 5,
      metric: 'purchaseCount',
      period: 'month',
      badgeId: badge.id,
      status: 'active',
    });
    await publishCampaign(
      em,
      services,
      program,
      {
        name: ru ? 'Награда за челлендж месяца' : 'Monthly challenge reward',
        description: ru ? '300 баллов за выполненный челлендж.' : '300 points for the completed challenge.',
        graph: { nodes: [node('done', 'trigger.challengeCompleted', { challenge: 'five-this-month' }, 0), node('bonus', 'action.awardPoints', { mode: 'fixed', amount: 300 }, 1)], edges: edges(['done', 'out', 'bonus']) },
      },
      options.locale,
    );
    return program;
  },
};
