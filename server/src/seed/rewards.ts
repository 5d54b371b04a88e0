import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { LoyaltyAccount } from '../ledger/account.entity';
import type { RewardInput } from '../rewards/rewards.service';
import type { Services } from '../services';

const CATALOG: RewardInput[] = [
  { code: 'free-coffee', name: 'Кофе в подарок', description: 'Любой напиток 0,3 л.', kind: 'freeProduct', sku: 'LATTE', costPoints: 300, couponValidDays: 30 },
  { code: 'ten-percent-off', name: 'Скидка 10 %', description: 'На весь чек, не больше 500 ₽.', kind: 'percentDiscount', percent: 10, capMinor: 500_00, costPoints: 500, couponValidDays: 30 },
  { code: 'free-delivery', name: 'Бесплатная доставка', description: 'Один заказ с доставкой бесплатно.', kind: 'freeDelivery', costPoints: 250, couponValidDays: 60 },
  { code: 'cinema-ticket', name: 'Билет в кино', description: 'Промокод партнёра «Синема Парк».', kind: 'partnerVoucher', costPoints: 800, perMemberLimit: 2, couponValidDays: 90 },
  { code: 'gold-tasting', name: 'Дегустация для Gold', description: 'Вечер кофейной дегустации с обжарщиком.', kind: 'experience', costPoints: 1000, stock: 20, perMemberLimit: 1, minTier: 'gold', couponValidDays: 45 },
];

/** The coffee chain's rewards, a pool of partner codes, and some members' redemptions (one coupon already used). */
export async function seedRewards(dataSource: DataSource, services: Services, programId: number, memberIds: number[], now = new Date()): Promise<{ rewards: number; redemptions: number }> {
  const rewards = await inTransaction(dataSource, async (em) => {
    const created = [];
    for (const input of CATALOG) created.push(await services.rewards.create(em, { ...input, programId }));
    const cinema = created.find((r) => r.code === 'cinema-ticket')!;
    const codes = Array.from({ length: 25 }, (_, i) => `CINEMA-DEMO-${String(i + 1).padStart(4, '0')}`);
    await services.rewards.coupons.importCodes(em, cinema.id, ['code', ...codes].join('\n'));
    return created;
  });
  const byCode = new Map(rewards.map((r) => [r.code, r]));
  const system = { kind: 'system', id: null };
  let redemptions = 0;
  let tickets = 0;
  for (const [index, memberId] of memberIds.entries()) {
    if (index % 5 !== 2) continue;
    const account = await dataSource.manager.findOne(LoyaltyAccount, { where: { memberId, programId } });
    const available = account?.available ?? 0;
    // A few tickets, so that the partner pool shows both handed-out and remaining codes.
    const wanted = available >= 1200 && tickets < 12 ? ['cinema-ticket', 'free-coffee'] : available >= 300 ? ['free-coffee'] : [];
    if (wanted.includes('cinema-ticket')) tickets += 1;
    for (const code of wanted) {
      const receipt = await services.rewards.redeem.redeem(dataSource, { rewardId: byCode.get(code)!.id, memberId, idempotencyKey: `demo-${code}` }, system, now);
      redemptions += 1;
      if (redemptions % 3 === 0) await services.rewards.coupons.use(dataSource, { code: receipt.coupon.code, orderRef: `DEMO-ORDER-${memberId}`, store: 'store-1' }, { memberId: null }, now);
    }
  }
  return { rewards: rewards.length, redemptions };
}
