import type { DataSource } from 'typeorm';
import { inTransaction } from '../db/transaction';
import type { Writer } from '../community/profiles.service';
import type { Services } from '../services';

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const DEMO_MODERATOR = { email: 'moderator@demo.patron.local', password: 'patron-demo-moderator' };

/**
 * The demo club's forum: a staff welcome, an advice thread with an accepted answer, a
 * chat about seasonal drinks, a Gold-only lounge topic, a post in the moderators' queue,
 * and the campaigns that pay for a first post and a helpful answer. Written through the
 * services, so the campaigns, challenges and notifications run as they will for real.
 */
export async function seedCommunity(dataSource: DataSource, services: Services, programId: number, memberIds: number[], now = new Date()): Promise<void> {
  const { categories, topics, reactions, moderation } = services.community;
  const node = (id: string, kind: string, params: Record<string, unknown>, x: number) => ({ id, kind, params, position: { x, y: 0 } });
  const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, sourcePort: 'out', target });
  const at = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * HOUR);
  const member = (i: number): Writer => ({ kind: 'member', memberId: memberIds[i % memberIds.length] });

  await inTransaction(dataSource, async (em) => {
    const moderator = await services.auth.createStaffUser(em, { ...DEMO_MODERATOR, name: 'Мария из клуба', role: 'moderator' });
    const staff: Writer = { kind: 'staff', staffUserId: moderator.id };
    const [gold] = await em.query(`SELECT id FROM tiers WHERE programId = ? AND code = 'gold'`, [programId]);
    const general = await categories.create(em, { programId, slug: 'general', name: 'Общий зал', description: 'Всё о кофе, клубе и жизни вокруг.', color: '#3b6ea8', position: 1 });
    const advice = await categories.create(em, { programId, slug: 'advice', name: 'Советы бариста', description: 'Спросите — и отметьте ответ, который помог.', color: '#5a8f4e', position: 2, kind: 'advice' });
    const lounge = gold ? await categories.create(em, { programId, slug: 'gold-lounge', name: 'Gold-лаунж', description: 'Для участников уровня Gold: ранний доступ и дегустации.', color: '#b8860b', position: 3, postPolicy: 'tier', minTierId: Number(gold.id) }) : null;
    const news = await categories.create(em, { programId, slug: 'news', name: 'Новости клуба', description: 'Объявления команды.', color: '#8a4fb0', position: 0, postPolicy: 'staff', kind: 'announcements' });

    for (const [name, graph] of [
      ['Баллы за первый пост', { nodes: [node('t', 'trigger.communityPost', { activity: 'post' }, 0), node('cap', 'limit.cap', { perMember: 1 }, 260), node('award', 'action.awardPoints', { mode: 'fixed', amount: 50 }, 520)], edges: [edge('t', 'cap'), edge('cap', 'award')] }],
      ['Баллы за полезный ответ', { nodes: [node('t', 'trigger.communityPost', { activity: 'acceptedAnswer' }, 0), node('award', 'action.awardPoints', { mode: 'fixed', amount: 100 }, 260)], edges: [edge('t', 'award')] }],
    ] as const) {
      const campaign = await services.campaigns.create(em, { name, programId, graph }, null);
      await services.campaigns.publish(em, campaign.id, 'Запуск', null);
    }

    const welcome = await topics.createTopic(em, staff, { categoryId: news.id, title: 'Добро пожаловать в сообщество клуба!', body: 'Здесь делятся рецептами, советами и впечатлениями.\n\n- Будьте вежливы.\n- Без рекламы.\n- За **первый пост** — 50 баллов, за ответ, который отметили решением, — 100.' }, at(20));
    await moderation.setTopicStatus(em, welcome.topic.id, { pinned: true });

    const aero = await topics.createTopic(em, member(0), { categoryId: advice.id, title: 'Как заваривать в аэропрессе дома?', body: 'Купила аэропресс, но кофе выходит горьким. Какой помол и время?' }, at(6));
    const hint = await topics.reply(em, member(1), { topicId: aero.topic.id, body: 'Помол чуть крупнее, чем для эспрессо, вода 85–90 °C, **1:15** и 1,5 минуты. Горечь — обычно слишком мелкий помол.', replyToPostNumber: 1 }, at(5, 20));
    await topics.reply(em, member(2), { topicId: aero.topic.id, body: 'Ещё попробуйте перевёрнутый способ — меньше протекает.' }, at(5, 18));
    await topics.reply(em, member(0), { topicId: aero.topic.id, body: '> Помол чуть крупнее, чем для эспрессо\n\nСработало, спасибо!' }, at(5, 2));
    await topics.acceptAnswer(em, member(0), hint.id, at(5, 1));
    for (const i of [0, 2, 3]) await reactions.react(em, member(i), hint.id, 'thanks', at(5));

    const season = await topics.createTopic(em, member(3), { categoryId: general.id, title: 'Любимый сезонный напиток?', body: 'У меня — тыквенный латте. А у вас?' }, at(3));
    const raf = await topics.reply(em, member(4), { topicId: season.topic.id, body: 'Раф с лавандой, вне конкуренции.' }, at(2, 10));
    await topics.reply(em, member(5), { topicId: season.topic.id, body: 'Глинтвейн на кофе — пробовали?' }, at(1, 4));
    await reactions.react(em, member(0), season.post.id, 'like', at(2));
    await reactions.react(em, member(3), raf.id, 'heart', at(2));

    if (lounge) {
      const [goldMember] = await em.query(`SELECT a.memberId AS memberId FROM loyalty_accounts a WHERE a.programId = ? AND a.tierId = ? ORDER BY a.memberId LIMIT 1`, [programId, Number(gold.id)]);
      if (goldMember) await topics.createTopic(em, { kind: 'member', memberId: Number(goldMember.memberId) }, { categoryId: lounge.id, title: 'Ранний доступ: эфиопия из новой партии', body: 'Кто уже попробовал? Мне показалась ягодной и очень яркой.' }, at(1));
    }

    const ad = await topics.createTopic(em, member(6), { categoryId: general.id, title: 'Продаю кофемашину недорого', body: 'Почти новая, пишите в личку, отдам дёшево!' }, at(0, 5));
    await reactions.flag(em, member(7), ad.post.id, 'spam', null, at(0, 3));
    await reactions.flag(em, member(8), ad.post.id, 'other', 'Реклама в общем зале', at(0, 2));
  });
}
