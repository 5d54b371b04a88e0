import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { Member } from '../members/member.entity';
import type { Services } from '../services';

const DAY = 86_400_000;
/** Anna, the demo member the README signs in as (seeded first). */
const ANNA_EXTERNAL_ID = 'CRM-1000';

/**
 * The demo's referral program: a purchase from 500 ₽ within 30 days qualifies; the
 * published campaign "Приведи друга" gives the referrer 500 points and the friend 300.
 * Anna invited two friends: Ольга has bought (qualified, both rewarded), Павел not yet.
 */
export async function seedReferrals(dataSource: DataSource, services: Services, now = new Date()): Promise<void> {
  const friends = await inTransaction(dataSource, async (em) => {
    const program = await services.programs.resolve(em);
    await services.referrals.updateTerms(em, { programId: program.id, minPurchaseMinor: 500_00, windowDays: 30 }, now);
    const node = (id: string, kind: string, params: Record<string, unknown>, x: number, y: number) => ({ id, kind, params, position: { x, y } });
    const campaign = await services.campaigns.create(
      em,
      {
        name: 'Приведи друга',
        description: 'Когда приглашённый друг делает первую покупку от 500 ₽: 500 баллов пригласившему и 300 — другу.',
        programId: program.id,
        graph: {
          nodes: [
            node('referrer', 'trigger.referral', { role: 'referrer' }, 0, 0),
            node('referrerGift', 'action.awardPoints', { mode: 'fixed', amount: 500 }, 260, 0),
            node('referee', 'trigger.referral', { role: 'referee' }, 0, 160),
            node('refereeGift', 'action.awardPoints', { mode: 'fixed', amount: 300 }, 260, 160),
          ],
          edges: [
            { id: 'e1', source: 'referrer', sourcePort: 'out', target: 'referrerGift' },
            { id: 'e2', source: 'referee', sourcePort: 'out', target: 'refereeGift' },
          ],
        },
      },
      null,
    );
    await services.campaigns.publish(em, campaign.id, 'Запуск', null);
    const anna = await em.findOneOrFail(Member, { where: { externalId: ANNA_EXTERNAL_ID } });
    const joined = new Date(now.getTime() - 5 * DAY);
    const invite = async (externalId: string, name: string, email: string, phone: string) => {
      const friend = await services.members.insertWithCode(em, em.create(Member, { externalId, name, email, phone, locale: 'ru', createdAt: joined, updatedAt: joined }));
      await services.referrals.refer(em, friend, anna.referralCode!, ['referralCode'], joined);
      return friend;
    };
    return [
      await invite('CRM-FRIEND-1', 'Ксения Белова', 'ksenia.friend@demo.patron.local', '+79250001001'),
      await invite('CRM-FRIEND-2', 'Артём Орлов', 'artem.friend@demo.patron.local', '+79250001002'),
    ];
  });
  // Ольга's first purchase meets the terms: the referral qualifies and the campaign rewards both.
  await services.purchases.record(
    dataSource,
    { externalId: 'DEMO-FRIEND-1-1', memberId: friends[0].id, totalMinor: 1_200_00, currency: 'RUB', channel: 'store', storeId: 'store-1', items: [{ sku: 'BEANS-1KG', name: 'Кофе в зёрнах 1 кг', category: 'coffee', quantity: 1, unitPriceMinor: 1_200_00 }], occurredAt: new Date(now.getTime() - 2 * DAY) },
    { kind: 'system', id: null },
  );
}
