import type { DataSource } from 'typeorm';
import { settlePeriodEnd } from '../clubs/club-billing';
import { inTransaction } from '../db/transaction';
import type { Member } from '../members/member.entity';
import type { Services } from '../services';

const DAY = 86_400_000;

/**
 * The demo's paid club, "Кофейный клуб+" (the chain's Prime): 299 ₽ a month, a bigger cup
 * for free and double points. The demo member and a few others pay for it; one missed
 * the last payment and is past due. A published campaign doubles their points.
 */
export async function seedClubs(dataSource: DataSource, services: Services, programId: number, members: Member[], now = new Date()): Promise<{ subscriptions: number }> {
  await inTransaction(dataSource, async (em) => {
    await services.clubs.createPlan(em, {
      programId,
      code: 'coffee-plus',
      name: 'Кофейный клуб+',
      description: 'Подписка для тех, кто заходит каждый день.',
      priceMinor: 299_00,
      periodUnit: 'month',
      periodCount: 1,
      graceDays: 5,
      perks: ['Размер больше — бесплатно', '2× баллов за покупки'],
      earnMultiplierPercent: 200,
    });
    const node = (id: string, kind: string, params: Record<string, unknown>, x: number) => ({ id, kind, params, position: { x, y: 0 } });
    const campaign = await services.campaigns.create(
      em,
      {
        name: 'Двойные баллы для Кофейного клуба+',
        description: 'Участники платного клуба получают вдвое больше баллов за каждую покупку.',
        programId,
        graph: {
          nodes: [node('trigger', 'trigger.purchase', {}, 0), node('club', 'condition.club', { plan: 'coffee-plus' }, 260), node('double', 'action.awardPoints', { mode: 'multiplier', amount: 2 }, 520)],
          edges: [
            { id: 'e1', source: 'trigger', sourcePort: 'out', target: 'club' },
            { id: 'e2', source: 'club', sourcePort: 'true', target: 'double' },
          ],
        },
      },
      null,
    );
    await services.campaigns.publish(em, campaign.id, 'Запуск клуба', null);
  });
  const subscribers = members.slice(0, 6);
  for (const [index, member] of subscribers.entries()) {
    // The last one paid 32 days ago and not since: past due, within the grace days.
    const paidAt = new Date(now.getTime() - (index === subscribers.length - 1 ? 32 : 3 + index * 4) * DAY);
    const receipt = await services.clubs.recordPayment(dataSource, { memberId: member.id, programId, planCode: 'coffee-plus', externalId: `DEMO-CLUB-${member.id}-1`, amountMinor: 299_00, currency: 'RUB', paidAt }, paidAt);
    if (receipt.subscription.currentPeriodEnd! <= now) {
      await inTransaction(dataSource, (em) => settlePeriodEnd(em, receipt.subscription.id, receipt.subscription.currentPeriodEnd!, now));
    }
  }
  return { subscriptions: subscribers.length };
}
