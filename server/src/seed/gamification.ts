import type { DataSource } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { fromSqlDate, sqlDate } from '../db/sql-date';
import { inTransaction } from '../db/transaction';
import { calendarWindow } from '../gamification/periods';
import type { Services } from '../services';

const DAY = 86_400_000;
const icon = (emoji: string, color: string) =>
  `data:image/svg+xml;base64,${Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30" fill="${color}"/><text x="32" y="42" font-size="28" text-anchor="middle">${emoji}</text></svg>`).toString('base64')}`;

/**
 * Badges and challenges of the demo coffee club, with progress taken from the seeded
 * history: "5 purchases in 30 days" from each member's recent purchases, "1,000 bonus
 * points this month" from the campaign points of this month (its completion campaign
 * gives 300 points); the forum's seed (seed/community.ts) moves "first post" with real posts.
 */
export async function seedGamification(dataSource: DataSource, services: Services, programId: number, memberIds: number[], now = new Date()): Promise<void> {
  const { badges, challenges, progress } = services.gamification;
  const program = await services.programs.resolve(dataSource.manager, programId);
  const made = await inTransaction(dataSource, async (em) => {
    const first = await badges.create(em, { programId, code: 'first-purchase', name: 'Первая покупка', description: 'За первую покупку в клубе.', image: icon('☕', '#f4d6a0') });
    const coffee = await badges.create(em, { programId, code: 'coffee-lover', name: 'Кофеман', description: '5 покупок за 30 дней.', image: icon('🔥', '#f2a65a') });
    const gourmet = await badges.create(em, { programId, code: 'gourmet', name: 'Гурман', description: '1 000 бонусных баллов за месяц.', image: icon('🍰', '#e8a1b5') });
    const voice = await badges.create(em, { programId, code: 'community-voice', name: 'Голос сообщества', description: 'Первый пост в сообществе.', image: icon('💬', '#9cc9e8') });
    const fivePurchases = await challenges.create(em, { programId, code: 'five-in-30', name: '5 покупок за 30 дней', description: 'Сделайте 5 покупок за 30 дней с первой.', goal: 5, metric: 'purchaseCount', period: 'rolling', rollingDays: 30, badgeId: coffee.id, status: 'active' });
    const bonus = await challenges.create(em, { programId, code: 'bonus-1000-month', name: '1 000 бонусных баллов в этом месяце', description: 'Наберите 1 000 баллов по акциям за календарный месяц — и получите ещё 300 в подарок.', goal: 1000, metric: 'bonusPoints', period: 'month', badgeId: gourmet.id, status: 'active' });
    const firstPost = await challenges.create(em, { programId, code: 'first-post', name: 'Первый пост в сообществе', description: 'Напишите первый пост в сообществе клуба.', goal: 1, metric: 'communityPost', period: 'fixed', startsAt: new Date(now.getTime() - 30 * DAY), endsAt: new Date(now.getTime() + 365 * DAY), badgeId: voice.id, status: 'active' });
    const node = (id: string, kind: string, params: Record<string, unknown>, x: number) => ({ id, kind, params, position: { x, y: 0 } });
    const gift = await services.campaigns.create(
      em,
      {
        name: 'Премиальный подарок за челлендж',
        description: '300 баллов за выполненный челлендж «1 000 бонусных баллов в этом месяце».',
        programId,
        graph: {
          nodes: [node('trigger', 'trigger.challengeCompleted', { challenge: bonus.code }, 0), node('gift', 'action.awardPoints', { mode: 'fixed', amount: 300 }, 260)],
          edges: [{ id: 'e1', source: 'trigger', sourcePort: 'out', target: 'gift' }],
        },
      },
      null,
    );
    await services.campaigns.publish(em, gift.id, 'Запуск', null);
    const welcome = await services.campaigns.create(
      em,
      {
        name: 'Значок за первую покупку',
        programId,
        graph: {
          nodes: [node('trigger', 'trigger.purchase', {}, 0), node('first', 'condition.firstPurchase', {}, 260), node('badge', 'action.grantBadge', { badge: first.code }, 520)],
          edges: [
            { id: 'e1', source: 'trigger', sourcePort: 'out', target: 'first' },
            { id: 'e2', source: 'first', sourcePort: 'true', target: 'badge' },
          ],
        },
      },
      null,
    );
    await services.campaigns.publish(em, welcome.id, 'Запуск', null);
    return { first, fivePurchases, bonus, firstPost };
  });

  const dialect = dialectOf(dataSource);
  const since = new Date(now.getTime() - 30 * DAY);
  const recent: { memberId: number; n: number | string; firstAt: Date | string }[] = await dataSource.query(
    `SELECT memberId, COUNT(*) AS n, MIN(occurredAt) AS firstAt FROM purchases WHERE programId = ? AND memberId IS NOT NULL AND occurredAt >= ? GROUP BY memberId`,
    [programId, sqlDate(dialect, since)],
  );
  const month = calendarWindow('month', now, program.timezone);
  const bonusPoints: { memberId: number; points: number | string }[] = await dataSource.query(
    `SELECT memberId, SUM(availableChange + pendingChange - debtChange) AS points FROM ledger_entries WHERE programId = ? AND kind = 'earn' AND source = 'campaign' AND occurredAt >= ? GROUP BY memberId`,
    [programId, sqlDate(dialect, month.start)],
  );
  const buyers: { memberId: number }[] = await dataSource.query(`SELECT DISTINCT memberId FROM purchases WHERE programId = ? AND memberId IS NOT NULL`, [programId]);
  await inTransaction(dataSource, async (em) => {
    for (const { memberId } of buyers) await badges.grant(em, Number(memberId), made.first.id, 'campaign', now);
    for (const row of recent) {
      await progress.advance(em, program, Number(row.memberId), [{ challenge: made.fivePurchases, amount: Number(row.n) }], fromSqlDate(row.firstAt), now);
    }
    for (const row of bonusPoints) {
      if (Number(row.points) > 0) await progress.advance(em, program, Number(row.memberId), [{ challenge: made.bonus, amount: Number(row.points) }], now, now);
    }
  });
}
