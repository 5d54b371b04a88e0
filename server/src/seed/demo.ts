import type { DataSource, EntityManager } from 'typeorm';
import { MemberCredential } from '../auth/member-credential.entity';
import { hashPassword } from '../auth/secrets';
import { StaffUser } from '../auth/staff-user.entity';
import { inTransaction } from '../db/transaction';
import { LoyaltyAccount } from '../ledger/account.entity';
import { Member } from '../members/member.entity';
import type { Services } from '../services';
import { seedReferrals } from './referrals';
import { seedRewards } from './rewards';
import { seedClubs } from './clubs';
import { seedGamification } from './gamification';
import { seedPartners } from './partners';
import { seedOffers } from './offers';
import { seedCommunity } from './community';
import { seedNotifications } from './notifications';

/** The demo member that the README and the e2e tests sign in as. */
export const DEMO_MEMBER = { email: 'anna@demo.patron.local', password: 'patron-demo' };
export const DEMO_MARKETER = { email: 'marketer@demo.patron.local', password: 'patron-demo-marketer' };
export const DEMO_MEMBER_COUNT = 200;

const FIRST_NAMES = ['Анна', 'Иван', 'Мария', 'Дмитрий', 'Елена', 'Сергей', 'Ольга', 'Алексей', 'Наталья', 'Павел', 'Emma', 'Liam', 'Olivia', 'Noah'];
const LAST_NAMES = ['Иванов', 'Петров', 'Смирнов', 'Кузнецов', 'Попов', 'Соколов', 'Лебедев', 'Козлов', 'Новиков', 'Морозов', 'Smith', 'Brown', 'Wilson', 'Taylor', 'Волков'];
const WOMEN = new Set(['Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Emma', 'Olivia']);

/** A Russian surname agrees with the first name ("Мария Петрова", "Иван Петров"); an English one does not change. */
function fullName(first: string, last: string): string {
  return `${first} ${WOMEN.has(first) && /[оеё]в$/.test(last) ? `${last}а` : last}`;
}
const LATTE = { sku: 'LATTE', name: 'Латте', category: 'drinks', price: 250_00 };
const CROISSANT = { sku: 'CROISSANT', name: 'Круассан', category: 'bakery', price: 180_00 };
const BEANS = { sku: 'BEANS-1KG', name: 'Кофе в зёрнах 1 кг', category: 'coffee', price: 1_900_00 };
const MUG = { sku: 'MUG', name: 'Кружка', category: 'merch', price: 900_00 };
const GRINDER = { sku: 'GRINDER', name: 'Кофемолка', category: 'equipment', price: 7_500_00 };
const CAKE = { sku: 'CAKE', name: 'Торт', category: 'bakery', price: 1_400_00 };
// Weighted like a coffee shop's receipts: mostly drinks and pastry, now and then beans, rarely a grinder.
const CATALOG = [...Array(12).fill(LATTE), ...Array(8).fill(CROISSANT), CAKE, CAKE, BEANS, BEANS, BEANS, MUG, GRINDER];
const DAY = 86_400_000;

/** A small deterministic random source, so that every demo looks the same (and every benchmark run draws the same load). */
export function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(list: T[]) => list[Math.floor(next() * list.length)] };
}

/** True when nothing has been created yet: the first run. */
export async function isDatabaseEmpty(em: EntityManager): Promise<boolean> {
  return !(await em.exists(Member)) && !(await em.exists(StaffUser));
}

export interface SeedReport {
  members: number;
  purchases: number;
  refunds: number;
  redemptions: number;
  segments: number;
}

/**
 * A demo brand: a coffee chain with a 1 ₽ = 1 point program, Basic/Silver/Gold tiers,
 * 200 members with a year of purchases (and some by non-members), refunds and expired
 * points. Each domain adds its part here as it lands (campaigns with the flow engine,
 * threads with the forum).
 */
export async function seedDemo(dataSource: DataSource, services: Services, now = new Date()): Promise<SeedReport> {
  const rnd = random(20261122);
  const system = { kind: 'system', id: null };
  const program = await inTransaction(dataSource, async (em) => {
    const created = await services.programs.create(em, {
      code: 'coffee-club',
      name: 'Кофейный клуб',
      currency: 'RUB',
      earnPoints: 1,
      earnPerMinor: 100,
      pointValueMinor: 100,
      maxRedeemPercent: 30,
      minRedeemPoints: 100,
      expiryPolicy: 'days',
      expiryDays: 180,
      pendingDays: 14,
      isDefault: true,
    });
    await services.programs.saveTier(em, created.id, { code: 'basic', name: 'Basic', rank: 0, perks: ['Бонусы за покупки'] });
    await services.programs.saveTier(em, created.id, { code: 'silver', name: 'Silver', rank: 1, threshold: 15_000_00, earnMultiplierPercent: 125, discountPercent: 3, perks: ['Бесплатная доставка'] });
    await services.programs.saveTier(em, created.id, { code: 'gold', name: 'Gold', rank: 2, threshold: 50_000_00, earnMultiplierPercent: 150, discountPercent: 5, perks: ['Бесплатная доставка', 'Ранний доступ к новинкам'] });
    await services.auth.createStaffUser(em, { ...DEMO_MARKETER, name: 'Demo Marketer', role: 'marketer' });
    // A running campaign with an A/B split: for purchases from 1 000 ₽, half the members get
    // double points and half a flat 100, so the experiment has something to compare.
    const node = (id: string, kind: string, params: Record<string, unknown>, x: number, y: number) => ({ id, kind, params, position: { x, y } });
    const campaign = await services.campaigns.create(
      em,
      {
        name: 'Двойные баллы от 1 000 ₽',
        description: 'A/B: удвоенные баллы против 100 бонусных баллов за покупку от 1 000 ₽.',
        programId: created.id,
        priority: 10,
        graph: {
          nodes: [
            node('trigger', 'trigger.purchase', {}, 0, 0),
            node('amount', 'condition.amount', { op: 'gte', value: 1000_00 }, 260, 0),
            node('split', 'split.ab', { experimentKey: 'double-points-2026', variants: [{ key: 'double', weight: 50 }, { key: 'flat', weight: 50 }] }, 520, 0),
            node('double', 'action.awardPoints', { mode: 'multiplier', amount: 2 }, 800, -80),
            node('flat', 'action.awardPoints', { mode: 'fixed', amount: 100 }, 800, 80),
          ],
          edges: [
            { id: 'e1', source: 'trigger', sourcePort: 'out', target: 'amount' },
            { id: 'e2', source: 'amount', sourcePort: 'true', target: 'split' },
            { id: 'e3', source: 'split', sourcePort: 'double', target: 'double' },
            { id: 'e4', source: 'split', sourcePort: 'flat', target: 'flat' },
          ],
        },
      },
      null,
    );
    await services.campaigns.publish(em, campaign.id, 'Запуск эксперимента', null);
    // A scheduled trigger: 500 points on the member's birthday (planned on the job queue).
    const birthday = await services.campaigns.create(
      em,
      {
        name: 'Подарок ко дню рождения',
        description: '500 баллов в день рождения участника.',
        programId: created.id,
        graph: {
          nodes: [node('trigger', 'trigger.birthday', { daysBefore: 0 }, 0, 0), node('gift', 'action.awardPoints', { mode: 'fixed', amount: 500 }, 260, 0)],
          edges: [{ id: 'e1', source: 'trigger', sourcePort: 'out', target: 'gift' }],
        },
      },
      null,
    );
    await services.campaigns.publish(em, birthday.id, 'Запуск', null);
    return created;
  });

  const members = await inTransaction(dataSource, async (em) => {
    const list: Member[] = [];
    for (let i = 0; i < DEMO_MEMBER_COUNT; i++) {
      // 14 first names × 15 last names: every one of the 200 names differs.
      const first = FIRST_NAMES[i % FIRST_NAMES.length];
      const last = LAST_NAMES[Math.floor(i / FIRST_NAMES.length) % LAST_NAMES.length];
      const joined = new Date(now.getTime() - rnd.int(30, 420) * DAY);
      const member = em.create(Member, {
        externalId: `CRM-${String(1000 + i)}`,
        email: i === 0 ? DEMO_MEMBER.email : `member${i}@demo.patron.local`,
        phone: `+7916${String(1_000_000 + i * 7919).slice(-7)}`,
        name: i === 0 ? 'Анна Иванова' : fullName(first, last),
        locale: i % 3 === 0 ? 'en' : 'ru',
        birthday: `${rnd.int(1960, 2004)}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
        consentEmail: rnd.next() < 0.7,
        consentSms: rnd.next() < 0.4,
        createdAt: i === 0 ? new Date(now.getTime() - 400 * DAY) : joined,
        updatedAt: now,
      });
      list.push(await services.members.insertWithCode(em, member));
    }
    await em.insert(MemberCredential, {
      memberId: list[0].id,
      email: DEMO_MEMBER.email,
      passwordHash: await hashPassword(DEMO_MEMBER.password),
      createdAt: now,
    } as never);
    return list;
  });

  let purchases = 0;
  let refunds = 0;
  for (const [index, member] of members.entries()) {
    // Some members shop weekly, most now and then, a few once; Anna is a regular.
    const visits = index === 0 ? 30 : rnd.next() < 0.15 ? rnd.int(20, 45) : rnd.next() < 0.2 ? 1 : rnd.int(2, 12);
    const joinedDaysAgo = Math.floor((now.getTime() - member.createdAt.getTime()) / DAY);
    for (let v = 0; v < visits; v++) {
      const lines = Array.from({ length: rnd.int(1, 3) }, () => {
        const product = rnd.pick(CATALOG);
        return { sku: product.sku, name: product.name, category: product.category, quantity: rnd.int(1, 2), unitPriceMinor: product.price };
      });
      const totalMinor = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMinor, 0);
      const occurredAt = new Date(now.getTime() - rnd.int(0, Math.min(joinedDaysAgo, 365)) * DAY - rnd.int(8, 21) * 3_600_000);
      const externalId = `DEMO-${member.id}-${v}`;
      await services.purchases.record(
        dataSource,
        { externalId, memberId: member.id, totalMinor, currency: 'RUB', channel: rnd.pick(['store', 'store', 'online', 'app'] as const), storeId: `store-${rnd.int(1, 5)}`, items: lines, occurredAt },
        system,
      );
      purchases += 1;
      if (rnd.next() < 0.04) {
        await services.purchases.refund(dataSource, { externalId: `${externalId}-refund`, purchaseExternalId: externalId, amountMinor: Math.ceil(totalMinor / rnd.int(1, 2)) }, system);
        refunds += 1;
      }
    }
  }
  // People who are not members buy too: the analytics compare the two.
  for (let i = 0; i < 300; i++) {
    const product = rnd.pick(CATALOG);
    await services.purchases.record(
      dataSource,
      { externalId: `DEMO-GUEST-${i}`, totalMinor: product.price, currency: 'RUB', channel: 'store', storeId: `store-${rnd.int(1, 5)}`, items: [{ sku: product.sku, name: product.name, category: product.category, quantity: 1, unitPriceMinor: product.price }], occurredAt: new Date(now.getTime() - rnd.int(0, 365) * DAY) },
      system,
    );
    purchases += 1;
  }
  // Points older than the program's 180 days expire; points past the return period become spendable.
  await services.maintenance.run(dataSource, now);
  await services.maintenance.reviewTiers(dataSource, program.id, now);
  // A third of the members have spent some of their points at the till (recently).
  let redemptions = 0;
  for (const [index, member] of members.entries()) {
    if (index % 3 !== 1) continue;
    const account = await dataSource.manager.findOne(LoyaltyAccount, { where: { memberId: member.id, programId: program.id } });
    const points = Math.floor((account?.available ?? 0) * 0.4);
    if (points < 100) continue;
    await services.checkout.redeem(dataSource, { externalId: `DEMO-REDEEM-${member.id}`, memberId: member.id, points }, system);
    redemptions += 1;
  }
  // The standard segments, materialized on the history above.
  const segments = await inTransaction(dataSource, (em) => services.segments.addPredefined(em, program.id));
  await seedReferrals(dataSource, services, now);
  await seedRewards(dataSource, services, program.id, members.map((m) => m.id), now);
  await seedClubs(dataSource, services, program.id, members, now);
  await seedGamification(dataSource, services, program.id, members.map((m) => m.id), now);
  await seedPartners(dataSource, services, program.id, now);
  await seedOffers(dataSource, services, program.id, now);
  await seedNotifications(dataSource, services);
  await seedCommunity(dataSource, services, program.id, members.map((m) => m.id), now);
  return { members: members.length, purchases, refunds, redemptions, segments: segments.length };
}
