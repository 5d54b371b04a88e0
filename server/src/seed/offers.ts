import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import type { Services } from '../services';

const DAY = 86_400_000;

/**
 * The demo's personal offers: "your favourite category, 2× points this week" (members
 * activate it in the portal), a comeback bonus for the at-risk segment, and a birthday
 * offer that a flow grants seven days before the birthday.
 */
export async function seedOffers(dataSource: DataSource, services: Services, programId: number, now = new Date()): Promise<number> {
  return inTransaction(dataSource, async (em) => {
    const offers = [
      await services.offers.create(em, {
        programId,
        code: 'favourite-2x',
        title: 'Любимая категория ×2 на этой неделе',
        description: 'Активируйте предложение — и неделю получайте двойные баллы за покупки в вашей любимой категории.',
        kind: 'pointsMultiplier',
        value: 200,
        audience: 'favouriteCategory',
        favouriteDays: 90,
        requiresActivation: true,
        validFrom: now,
        validUntil: new Date(now.getTime() + 7 * DAY),
      }),
      await services.offers.create(em, {
        programId,
        code: 'comeback-300',
        title: 'Мы скучали: 300 баллов',
        description: '300 бонусных баллов за покупку от 500 ₽ — приходите снова.',
        kind: 'bonusPoints',
        value: 300,
        minPurchaseMinor: 500_00,
        maxUsesPerMember: 1,
        audience: 'segment',
        segment: 'at-risk',
        validFrom: now,
        validUntil: new Date(now.getTime() + 30 * DAY),
      }),
      await services.offers.create(em, {
        programId,
        code: 'birthday',
        title: 'С днём рождения: баллы ×3',
        description: 'Две недели вокруг дня рождения — тройные баллы за одну покупку.',
        kind: 'pointsMultiplier',
        value: 300,
        maxUsesPerMember: 1,
        audience: 'personal',
        personalDays: 14,
      }),
    ];
    for (const offer of offers) await services.offers.setStatus(em, offer.id, 'active');
    const node = (id: string, kind: string, params: Record<string, unknown>, x: number) => ({ id, kind, params, position: { x, y: 0 } });
    const campaign = await services.campaigns.create(
      em,
      {
        name: 'Персональное предложение ко дню рождения',
        description: 'За 7 дней до дня рождения участник получает предложение «баллы ×3».',
        programId,
        graph: {
          nodes: [node('trigger', 'trigger.birthday', { daysBefore: 7 }, 0), node('grant', 'action.grantOffer', { offer: 'birthday' }, 260)],
          edges: [{ id: 'e1', source: 'trigger', sourcePort: 'out', target: 'grant' }],
        },
      },
      null,
    );
    await services.campaigns.publish(em, campaign.id, 'Запуск', null);
    return offers.length;
  });
}
