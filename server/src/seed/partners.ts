import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import { LoyaltyAccount } from '../ledger/account.entity';
import type { Partner } from '../partners/partner.entity';
import type { Services } from '../services';

const DAY = 86_400_000;

/**
 * Two coalition partners of the demo program — the gym FitLife and the car wash «Блеск» —
 * each with a key, three months of sales to members and points spent at them, and one
 * refund, so that the settlement report has figures to show.
 */
export async function seedPartners(dataSource: DataSource, services: Services, programId: number, now = new Date()): Promise<{ partners: number; purchases: number; redemptions: number }> {
  const made = await inTransaction(dataSource, async (em) => {
    const make = async (input: Parameters<Services['partners']['create']>[1]) => {
      const partner = await services.partners.create(em, { ...input, programId });
      const { apiKey } = await services.auth.createApiKey(em, { name: `${partner.name} — касса`, scopes: ['purchases:write', 'points:redeem'], partnerId: partner.id }, null);
      return { partner, keyId: apiKey.id };
    };
    // FitLife pays 95 kopecks per point it gives and is paid 90 per point taken; its own rate is 3 points per 2 ₽.
    const gym = await make({ code: 'fitlife', name: 'FitLife', kind: 'gym', contactEmail: 'partners@fitlife.example', issueRateMinor: 95, redeemRateMinor: 90, earnPoints: 3, earnPerMinor: 200 });
    // «Блеск» settles at 92.5 and 88.5 kopecks per point: rates per 10 points keep them whole.
    const wash = await make({ code: 'blesk', name: 'Блеск', kind: 'serviceCentre', contactEmail: 'office@blesk.example', issueRateMinor: 925, redeemRateMinor: 885, ratePoints: 10 });
    return [gym, wash];
  });

  const accounts = await dataSource.manager.find(LoyaltyAccount, { where: { programId }, order: { id: 'ASC' }, take: 60 });
  let purchases = 0;
  let redemptions = 0;
  const actor = (p: { partner: Partner; keyId: number }) => ({ kind: 'apiKey', id: p.keyId, partner: p.partner });
  for (const [index, account] of accounts.entries()) {
    // Every other member trains at FitLife; every third washes the car at «Блеск».
    const visits: [{ partner: Partner; keyId: number }, number][] = [];
    if (index % 2 === 0) visits.push([made[0], 2_500_00 + (index % 5) * 500_00]);
    if (index % 3 === 0) visits.push([made[1], 800_00 + (index % 4) * 450_00]);
    for (const [v, [partner, totalMinor]] of visits.entries()) {
      const occurredAt = new Date(now.getTime() - ((index * 7 + v * 11) % 85) * DAY - 10 * 3_600_000);
      const externalId = `${partner.partner.code.toUpperCase()}-${account.memberId}-${v}`;
      await services.purchases.record(dataSource, { externalId, memberId: account.memberId, programId, totalMinor, currency: 'RUB', channel: 'partner', storeId: partner.partner.code, occurredAt }, actor(partner));
      purchases += 1;
      if (index === 6 && v === 0) {
        await services.purchases.refund(dataSource, { externalId: `${externalId}-refund`, purchaseExternalId: externalId, amountMinor: Math.floor(totalMinor / 2), occurredAt: new Date(occurredAt.getTime() + DAY) }, actor(partner));
      }
    }
  }
  // Some members pay with points at the partners.
  for (const [index, account] of accounts.entries()) {
    if (index % 4 !== 1) continue;
    const fresh = await dataSource.manager.findOneOrFail(LoyaltyAccount, { where: { id: account.id } });
    const points = Math.min(300, Math.floor(fresh.available / 2));
    if (points < 100) continue;
    const partner = made[index % 8 === 1 ? 0 : 1];
    await services.checkout.redeem(dataSource, { externalId: `${partner.partner.code.toUpperCase()}-PAY-${account.memberId}`, memberId: account.memberId, programId, points }, { kind: 'apiKey', id: partner.keyId, partnerId: partner.partner.id });
    redemptions += 1;
  }
  return { partners: made.length, purchases, redemptions };
}
