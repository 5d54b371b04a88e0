import { In, IsNull, type EntityManager } from 'typeorm';
import { CommunityNotification, type CommunityNotificationType } from './community-notification.entity';
import { CommunityTopicUser } from './topic-user.entity';

const MAX_MENTIONS = 10;

/** Mentions, replies, posts in watched topics, reactions and moderation, each member told once per post. */
export class CommunityNotificationsService {
  /** After a post: its mentions, the member it answers and the topic's watchers, minus the author and those who muted it. */
  async onPost(em: EntityManager, post: { id: number; topicId: number }, authorMemberId: number | null, actorName: string, recipients: { mentioned: number[]; repliedTo: number | null }): Promise<void> {
    const watchers = await em.find(CommunityTopicUser, { where: { topicId: post.topicId, notificationLevel: In(['watching', 'muted']) } });
    const muted = new Set(watchers.filter((w) => w.notificationLevel === 'muted').map((w) => w.memberId));
    const chosen = new Map<number, CommunityNotificationType>();
    for (const w of watchers) if (w.notificationLevel === 'watching') chosen.set(w.memberId, 'watching');
    if (recipients.repliedTo) chosen.set(recipients.repliedTo, 'reply');
    // A mention is the strongest reason and reaches even those who muted the topic.
    for (const id of recipients.mentioned.slice(0, MAX_MENTIONS)) {
      chosen.set(id, 'mention');
      muted.delete(id);
    }
    const rows = [...chosen].filter(([memberId]) => memberId !== authorMemberId && !muted.has(memberId)).map(([memberId, type]) => ({ memberId, type, topicId: post.topicId, postId: post.id, actorName: actorName.slice(0, 100), createdAt: new Date() }));
    if (rows.length) await em.insert(CommunityNotification, rows);
  }

  async notify(em: EntityManager, memberId: number, type: CommunityNotificationType, topicId: number, postId: number | null, actorName = ''): Promise<void> {
    await em.insert(CommunityNotification, { memberId, type, topicId, postId, actorName: actorName.slice(0, 100), createdAt: new Date() });
  }

  async list(em: EntityManager, memberId: number, unreadOnly: boolean, limit: number): Promise<CommunityNotification[]> {
    return em.find(CommunityNotification, { where: { memberId, ...(unreadOnly ? { readAt: IsNull() } : {}) }, order: { id: 'DESC' }, take: limit });
  }

  async unreadCount(em: EntityManager, memberId: number): Promise<number> {
    return em.count(CommunityNotification, { where: { memberId, readAt: IsNull() } });
  }

  /** Marks the member's own notifications read (all, or the ids given); returns how many changed. */
  async markRead(em: EntityManager, memberId: number, ids: number[] | null): Promise<number> {
    const where = { memberId, readAt: IsNull(), ...(ids ? { id: In(ids.filter(Number.isSafeInteger)) } : {}) };
    if (ids && !ids.length) return 0;
    const result = await em.update(CommunityNotification, where, { readAt: new Date() });
    return result.affected ?? 0;
  }
}
