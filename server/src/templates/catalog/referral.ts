import { t } from '@patron/schema/flow';
import { createProgram, edges, node, POINT_PER_ROUBLE, publishCampaign, type ProgramTemplate } from '../template';

/** Bring a friend: 500 points to the member and 300 to the friend after the friend's first purchase from 500 ₽. */
export const referralTemplate: ProgramTemplate = {
  code: 'referral',
  name: t('Приведи друга', 'Refer a friend'),
  description: t(
    'Балл за рубль. Друг регистрируется по ссылке участника; после его первой покупки от 500 ₽ в течение 30 дней участник получает 500 баллов, друг — 300.',
    'A point per rouble. A friend joins with the member\'s link; after the friend\'s first purchase of 500 ₽ or more within 30 days, the member gets 500 points and the friend 300.',
  ),
  requires: ['referrals'],
  async apply(em, services, options) {
    const ru = options.locale === 'ru';
    const program = await createProgram(em, services, options, { ...POINT_PER_ROUBLE });
    await services.referrals.updateTerms(em, { programId: program.id, minPurchaseMinor: 500_00, windowDays: 30, monthlyCap: 10 });
    await publishCampaign(
      em,
      services,
      program,
      {
        name: ru ? 'Приведи друга' : 'Refer a friend',
        description: ru ? '500 баллов пригласившему, 300 — другу.' : '500 points to the member, 300 to the friend.',
        graph: {
          nodes: [
            node('referrer', 'trigger.referral', { role: 'referrer' }, 0, 0),
            node('thanks', 'action.awardPoints', { mode: 'fixed', amount: 500 }, 1, 0),
            node('friend', 'trigger.referral', { role: 'referee' }, 0, 1),
            node('welcome', 'action.awardPoints', { mode: 'fixed', amount: 300 }, 1, 1),
          ],
          edges: edges(['referrer', 'out', 'thanks'], ['friend', 'out', 'welcome']),
        },
      },
      options.locale,
    );
    return program;
  },
};
