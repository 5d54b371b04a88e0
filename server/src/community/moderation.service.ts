import { z } from 'zod';
import { In, IsNull, type EntityManager } from 'typeorm';
import { NotFoundError, ValidationError } from '../errors';
import { parseInput } from '../input';
import { Member } from '../members/member.entity';
import type { CommunityCategoriesService } from './categories.service';
import { CommunityCategory } from './category.entity';
import { CommunityPenalty, PENALTY_KINDS, type PenaltyKind } from './community-penalty.entity';
import { CommunityPostAction } from './post-action.entity';
import { CommunityPost } from './post.entity';
import type { CommunityReactionsService } from './reactions.service';
import type { CommunitySearchService } from './search.service';
import { CommunityTopic } from './topic.entity';
import type { CommunityTopicsService } from './topics.service';

export const FLAG_DECISIONS = ['agree', 'disagree', 'defer'] as const;
export type FlagDecision = (typeof FLAG_DECISIONS)[number];

export interface ReviewItem {
  post: CommunityPost;
  flags: CommunityPostAction[];
}

export interface TopicStatusPatch {
  pinned?: boolean | null;
  closed?: boolean | null;
  locked?: boolean | null;
  archived?: boolean | null;
}

const penaltyInput = z.object({
  kind: z.enum(PENALTY_KINDS),
  days: z.number().int().min(1, 'at least one day').max(3650, 'at most ten years'),
  reason: z.string().trim().min(3, 'say why (the member is told)').max(500),
});

/** The moderators' work: the review queue, hiding and restoring, topics' state, moving and merging, silences. */
export class CommunityModerationService {
  constructor(
    private readonly categories: CommunityCategoriesService,
    private readonly topics: CommunityTopicsService,
    private readonly reactions: CommunityReactionsService,
    private readonly search: CommunitySearchService,
  ) {}

  /** Posts with flags awaiting review, oldest flag first, with their flags. */
  async queue(em: EntityManager, programId: number, limit: number): Promise<ReviewItem[]> {
    const rows: { postId: number }[] = await em.query(
      `SELECT a.postId AS postId FROM community_post_actions a
         INNER JOIN community_posts p ON p.id = a.postId INNER JOIN community_topics t ON t.id = p.topicId INNER JOIN community_categories c ON c.id = t.categoryId
        WHERE a.type = 'flag' AND a.status = 'pending' AND c.programId = ? GROUP BY a.postId ORDER BY MIN(a.id) LIMIT ?`,
      [programId, limit],
    );
    const ids = rows.map((r) => Number(r.postId));
    if (!ids.length) return [];
    const [posts, flags] = await Promise.all([em.find(CommunityPost, { where: { id: In(ids) } }), em.find(CommunityPostAction, { where: { postId: In(ids), type: 'flag', status: 'pending' }, order: { id: 'ASC' } })]);
    return ids.map((id) => ({ post: posts.find((p) => p.id === id)!, flags: flags.filter((f) => f.postId === id) }));
  }

  async pendingCount(em: EntityManager, programId: number): Promise<number> {
    const [row] = await em.query(
      `SELECT COUNT(DISTINCT a.postId) AS n FROM community_post_actions a INNER JOIN community_posts p ON p.id = a.postId INNER JOIN community_topics t ON t.id = p.topicId INNER JOIN community_categories c ON c.id = t.categoryId WHERE a.type = 'flag' AND a.status = 'pending' AND c.programId = ?`,
      [programId],
    );
    return Number(row?.n ?? 0);
  }

  /** agree: the post stays hidden (or is hidden now); disagree: the flags were wrong and a post they hid returns; defer: no verdict. */
  async resolveFlags(em: EntityManager, staffUserId: number, postId: number, decision: FlagDecision): Promise<CommunityPost> {
    const post = await this.topics.post(em, postId);
    const topic = await this.topics.topic(em, post.topicId);
    const status = decision === 'agree' ? 'agreed' : decision === 'disagree' ? 'disagreed' : 'deferred';
    const result = await em.update(CommunityPostAction, { postId, type: 'flag', status: 'pending' }, { status, reviewedBy: staffUserId, reviewedAt: new Date() });
    if (!result.affected) throw new NotFoundError('PendingFlags', String(postId));
    if (decision === 'agree' && !post.hidden) await this.reactions.hide(em, post, topic, 'moderator');
    if (decision === 'agree' && post.hidden) await em.update(CommunityPost, { id: postId }, { hiddenReason: 'moderator' });
    if (decision === 'disagree' && post.hidden && post.hiddenReason === 'flags') await this.restore(em, postId);
    return this.topics.post(em, postId);
  }

  async hide(em: EntityManager, postId: number): Promise<CommunityPost> {
    const post = await this.topics.post(em, postId);
    if (!post.hidden) await this.reactions.hide(em, post, await this.topics.topic(em, post.topicId), 'moderator');
    return this.topics.post(em, postId);
  }

  async restore(em: EntityManager, postId: number): Promise<CommunityPost> {
    const post = await this.topics.post(em, postId);
    if (!post.hidden) return post;
    const topic = await this.topics.topic(em, post.topicId);
    await em.update(CommunityPost, { id: postId }, { hidden: false, hiddenReason: null, updatedAt: new Date() });
    if (!post.deletedAt) {
      if (post.postNumber === 1) await this.topics.setTopicHidden(em, topic, false);
      else await em.increment(CommunityTopic, { id: topic.id }, 'replyCount', 1);
      await this.search.index(em, post, topic.title);
    }
    return this.topics.post(em, postId);
  }

  async setTopicStatus(em: EntityManager, topicId: number, patch: TopicStatusPatch): Promise<CommunityTopic> {
    await this.topics.topic(em, topicId);
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => typeof v === 'boolean'));
    if (Object.keys(changes).length) await em.update(CommunityTopic, { id: topicId }, { ...changes, updatedAt: new Date() });
    return this.topics.topic(em, topicId);
  }

  async move(em: EntityManager, topicId: number, categoryId: number): Promise<CommunityTopic> {
    const topic = await this.topics.topic(em, topicId, { lock: true });
    const [from, to] = [await this.categories.get(em, topic.categoryId), await this.categories.get(em, categoryId)];
    if (from.programId !== to.programId) throw ValidationError.of(['categoryId'], 'move within the same program');
    if (from.id === to.id) return topic;
    await em.update(CommunityTopic, { id: topicId }, { categoryId, updatedAt: new Date() });
    if (!topic.hidden) {
      await em.decrement(CommunityCategory, { id: from.id }, 'topicCount', 1);
      await em.increment(CommunityCategory, { id: to.id }, 'topicCount', 1);
    }
    return this.topics.topic(em, topicId);
  }

  /**
   * Moves every post of `sourceId` to the end of `targetId`, in their order, numbered after
   * the target's last post (replies keep pointing at their posts); the source is closed,
   * archived and hidden.
   */
  async merge(em: EntityManager, sourceId: number, targetId: number): Promise<CommunityTopic> {
    if (sourceId === targetId) throw ValidationError.of(['targetId'], 'merge into another topic');
    const [first, second] = sourceId < targetId ? [sourceId, targetId] : [targetId, sourceId];
    // Locked in id order, so two merges of the same pair cannot deadlock.
    const a = await this.topics.topic(em, first, { lock: true });
    const b = await this.topics.topic(em, second, { lock: true });
    const [source, target] = a.id === sourceId ? [a, b] : [b, a];
    const [sourceCategory, targetCategory] = [await this.categories.get(em, source.categoryId), await this.categories.get(em, target.categoryId)];
    if (sourceCategory.programId !== targetCategory.programId) throw ValidationError.of(['targetId'], 'merge within the same program');
    const posts = await em.find(CommunityPost, { where: { topicId: source.id }, order: { postNumber: 'ASC' } });
    const offset = target.highestPostNumber;
    for (const post of posts) {
      await em.update(CommunityPost, { id: post.id }, { topicId: target.id, postNumber: offset + post.postNumber, replyToPostNumber: post.replyToPostNumber ? offset + post.replyToPostNumber : null });
    }
    const visible = posts.filter((p) => !p.hidden && !p.deletedAt);
    const last = posts.reduce((latest, p) => (p.createdAt > latest ? p.createdAt : latest), target.lastPostedAt);
    await em.update(CommunityTopic, { id: target.id }, { highestPostNumber: offset + source.highestPostNumber, replyCount: target.replyCount + visible.length, reactionCount: target.reactionCount + source.reactionCount, lastPostedAt: last, updatedAt: new Date() });
    await em.update(CommunityTopic, { id: source.id }, { closed: true, archived: true, replyCount: 0, reactionCount: 0, acceptedPostId: null, updatedAt: new Date() });
    await this.topics.setTopicHidden(em, source, true);
    await this.search.retopic(em, visible.map((p) => p.id), target.id, target.title);
    return this.topics.topic(em, target.id);
  }

  /** Silences or suspends a member for a number of days, with the reason they are told. */
  async penalize(em: EntityManager, staffUserId: number, memberId: number, raw: { kind: PenaltyKind; days: number; reason: string }, now = new Date()): Promise<CommunityPenalty> {
    const input = parseInput(penaltyInput, raw, ['input']);
    if (!Number.isSafeInteger(memberId) || !(await em.exists(Member, { where: { id: memberId } }))) throw new NotFoundError('Member', String(memberId));
    const penalty = em.create(CommunityPenalty, { memberId, kind: input.kind, reason: input.reason, staffUserId, startsAt: now, endsAt: new Date(now.getTime() + input.days * 86_400_000) });
    await em.insert(CommunityPenalty, penalty as never);
    return penalty;
  }

  async lift(em: EntityManager, penaltyId: number, now = new Date()): Promise<CommunityPenalty> {
    const penalty = Number.isSafeInteger(penaltyId) ? await em.findOne(CommunityPenalty, { where: { id: penaltyId } }) : null;
    if (!penalty) throw new NotFoundError('CommunityPenalty', String(penaltyId));
    if (!penalty.liftedAt) await em.update(CommunityPenalty, { id: penaltyId, liftedAt: IsNull() }, { liftedAt: now });
    return em.findOneOrFail(CommunityPenalty, { where: { id: penaltyId } });
  }

  /** A member's moderation history: penalties, flags on their posts and their hidden posts. */
  async history(em: EntityManager, memberId: number) {
    const [penalties, hiddenPosts, flagsReceived] = await Promise.all([
      em.find(CommunityPenalty, { where: { memberId }, order: { id: 'DESC' }, take: 100 }),
      em.find(CommunityPost, { where: { authorMemberId: memberId, hidden: true }, order: { id: 'DESC' }, take: 100 }),
      em.query(`SELECT COUNT(*) AS n FROM community_post_actions a INNER JOIN community_posts p ON p.id = a.postId WHERE p.authorMemberId = ? AND a.type = 'flag'`, [memberId]),
    ]);
    const [{ posts }] = await em.query('SELECT COUNT(*) AS posts FROM community_posts WHERE authorMemberId = ?', [memberId]);
    return { memberId, penalties, hiddenPosts, flagsReceived: Number(flagsReceived[0]?.n ?? 0), posts: Number(posts) };
  }
}
