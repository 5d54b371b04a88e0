import { In, MoreThan, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../db/unique-violation';
import { ConflictError, NotAllowedError, NotFoundError, RateLimitedError, ValidationError } from '../errors';
import type { ProgramsService } from '../programs/programs.service';
import { CommunityBookmark } from './bookmark.entity';
import type { CommunityCategoriesService } from './categories.service';
import type { CommunityNotificationsService } from './community-notifications.service';
import { FLAG_REASONS, REACTIONS, CommunityPostAction, type FlagReason, type Reaction } from './post-action.entity';
import { CommunityPost } from './post.entity';
import { actorKeyOf, type CommunityProfilesService, type MemberStanding, type Writer } from './profiles.service';
import type { CommunitySearchService } from './search.service';
import { CommunityTopic } from './topic.entity';
import type { CommunityTopicsService } from './topics.service';
import { FLAG_WEIGHT_TO_HIDE, STAFF_FLAG_WEIGHT } from './trust';

export interface ReactionCount {
  reaction: Reaction;
  count: number;
  /** Whether the viewer gave this reaction. */
  mine: boolean;
}

/** Reactions of the fixed set, flags that may hide a post until review, and bookmarks. */
export class CommunityReactionsService {
  constructor(
    private readonly programs: ProgramsService,
    private readonly categories: CommunityCategoriesService,
    private readonly profiles: CommunityProfilesService,
    private readonly topics: CommunityTopicsService,
    private readonly notifications: CommunityNotificationsService,
    private readonly search: CommunitySearchService,
  ) {}

  /** One reaction of each kind per person and post; a second is a conflict, however the requests race. */
  async react(em: EntityManager, writer: Writer, postId: number, reaction: Reaction, now = new Date()): Promise<CommunityPost> {
    if (!REACTIONS.includes(reaction)) throw ValidationError.of(['reaction'], 'not a reaction of the set');
    const { post, topic, standing } = await this.target(em, writer, postId, now);
    if (writer.kind === 'member' && post.authorMemberId === writer.memberId) throw new NotAllowedError('ownPost', 'You cannot react to your own post.');
    if (standing) {
      const recent = await em.count(CommunityPostAction, { where: { memberId: standing.member.id, createdAt: MoreThan(new Date(now.getTime() - 3_600_000)) } });
      if (recent >= standing.limits.reactionsPerHour) throw new RateLimitedError(3600);
    }
    try {
      await em.insert(CommunityPostAction, { postId, actorKey: actorKeyOf(writer), memberId: writer.kind === 'member' ? writer.memberId : null, staffUserId: writer.kind === 'staff' ? writer.staffUserId : null, type: reaction, createdAt: now });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('You have already reacted to this post with this reaction.');
      throw error;
    }
    await em.increment(CommunityPost, { id: postId }, 'reactionCount', 1);
    await em.increment(CommunityTopic, { id: topic.id }, 'reactionCount', 1);
    if (post.authorMemberId !== null) {
      const [actor] = await this.profiles.authors(em, [actorKeyOf(writer)]);
      await this.notifications.notify(em, post.authorMemberId, 'reaction', topic.id, post.id, actor.displayName);
      const category = await this.categories.get(em, topic.categoryId);
      await this.topics.fire(em, await this.programs.resolve(em, category.programId), post.authorMemberId, 'reactionReceived', topic, post, now, { reaction });
    }
    return em.findOneOrFail(CommunityPost, { where: { id: postId } });
  }

  async unreact(em: EntityManager, writer: Writer, postId: number, reaction: Reaction): Promise<CommunityPost> {
    const post = await this.topics.post(em, postId);
    const result = await em.delete(CommunityPostAction, { postId, actorKey: actorKeyOf(writer), type: reaction });
    if (!result.affected) throw new NotFoundError('CommunityReaction', `${postId}/${reaction}`);
    await em.decrement(CommunityPost, { id: postId }, 'reactionCount', 1);
    await em.decrement(CommunityTopic, { id: post.topicId }, 'reactionCount', 1);
    return em.findOneOrFail(CommunityPost, { where: { id: postId } });
  }

  /**
   * A flag for the moderators. Flags from trusted members (and staff) weigh toward hiding
   * the post until review (Discourse's rule): at FLAG_WEIGHT_TO_HIDE it is hidden at once.
   */
  async flag(em: EntityManager, writer: Writer, postId: number, reason: FlagReason, note: string | null, now = new Date()): Promise<CommunityPost> {
    if (!FLAG_REASONS.includes(reason)) throw ValidationError.of(['reason'], 'not a flag reason');
    const text = note?.trim() ?? '';
    if (text.length > 500) throw ValidationError.of(['note'], 'at most 500 characters');
    if (reason === 'other' && !text) throw ValidationError.of(['note'], 'say what is wrong');
    const { post, topic, standing } = await this.target(em, writer, postId, now);
    if (writer.kind === 'member' && post.authorMemberId === writer.memberId) throw new NotAllowedError('ownPost', 'You cannot flag your own post.');
    if (standing) {
      const today = await em.count(CommunityPostAction, { where: { memberId: standing.member.id, type: 'flag', createdAt: MoreThan(new Date(now.getTime() - 86_400_000)) } });
      if (today >= standing.limits.flagsPerDay) throw new RateLimitedError(86_400);
    }
    const weight = standing ? standing.limits.flagWeight : STAFF_FLAG_WEIGHT;
    try {
      await em.insert(CommunityPostAction, { postId, actorKey: actorKeyOf(writer), memberId: writer.kind === 'member' ? writer.memberId : null, staffUserId: writer.kind === 'staff' ? writer.staffUserId : null, type: 'flag', weight, flagReason: reason, flagNote: text || null, status: 'pending', createdAt: now });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('You have already flagged this post.');
      throw error;
    }
    const [{ total }] = await em.query(`SELECT COALESCE(SUM(weight), 0) AS total FROM community_post_actions WHERE postId = ? AND type = 'flag' AND status = 'pending'`, [postId]);
    if (!post.hidden && Number(total) >= FLAG_WEIGHT_TO_HIDE) await this.hide(em, post, topic, 'flags');
    return em.findOneOrFail(CommunityPost, { where: { id: postId } });
  }

  /** Hides a post (and its topic when it is the opening post); counters and search follow. */
  async hide(em: EntityManager, post: CommunityPost, topic: CommunityTopic, reason: 'flags' | 'moderator'): Promise<void> {
    await em.update(CommunityPost, { id: post.id }, { hidden: true, hiddenReason: reason, updatedAt: new Date() });
    if (post.hidden || post.deletedAt) return;
    if (post.postNumber === 1) await this.topics.setTopicHidden(em, topic, true);
    else await em.decrement(CommunityTopic, { id: topic.id }, 'replyCount', 1);
    if (post.authorMemberId !== null) await this.notifications.notify(em, post.authorMemberId, 'moderation', topic.id, post.id);
    await this.search.remove(em, [post.id]);
  }

  async bookmark(em: EntityManager, memberId: number, postId: number, on: boolean): Promise<boolean> {
    await this.topics.post(em, postId);
    if (!on) {
      await em.delete(CommunityBookmark, { memberId, postId });
      return false;
    }
    try {
      await em.insert(CommunityBookmark, { memberId, postId, createdAt: new Date() });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return true;
  }

  async bookmarks(em: EntityManager, memberId: number, limit: number): Promise<CommunityPost[]> {
    const rows = await em.find(CommunityBookmark, { where: { memberId }, order: { id: 'DESC' }, take: limit });
    const posts = rows.length ? await em.find(CommunityPost, { where: { id: In(rows.map((r) => r.postId)) } }) : [];
    return rows.map((r) => posts.find((p) => p.id === r.postId)).filter((p): p is CommunityPost => Boolean(p));
  }

  /** Reaction counts of many posts, with the viewer's own, in one query. */
  async counts(em: EntityManager, postIds: readonly number[], viewerKey: string | null): Promise<ReactionCount[][]> {
    const unique = [...new Set(postIds)];
    const rows: { postId: number; type: Reaction; n: number; mine: number }[] = unique.length
      ? await em.query(
          `SELECT postId, type, COUNT(*) AS n, SUM(CASE WHEN actorKey = ? THEN 1 ELSE 0 END) AS mine FROM community_post_actions WHERE postId IN (${unique.map(() => '?').join(', ')}) AND type <> 'flag' GROUP BY postId, type`,
          [viewerKey ?? '', ...unique],
        )
      : [];
    return postIds.map((id) =>
      REACTIONS.map((reaction) => rows.find((r) => Number(r.postId) === id && r.type === reaction))
        .filter((r): r is NonNullable<typeof r> => Boolean(r))
        .map((r) => ({ reaction: r.type, count: Number(r.n), mine: Number(r.mine) > 0 })),
    );
  }

  async bookmarkedBy(em: EntityManager, memberId: number, postIds: readonly number[]): Promise<boolean[]> {
    const rows = postIds.length ? await em.find(CommunityBookmark, { where: { memberId, postId: In([...new Set(postIds)]) } }) : [];
    return postIds.map((id) => rows.some((r) => r.postId === id));
  }

  /** A post one may react to or flag: visible, in a topic that is not locked, and the member not suspended. */
  private async target(em: EntityManager, writer: Writer, postId: number, now: Date): Promise<{ post: CommunityPost; topic: CommunityTopic; standing: MemberStanding | null }> {
    const post = await this.topics.post(em, postId);
    const topic = await this.topics.topic(em, post.topicId);
    if (writer.kind === 'staff') return { post, topic, standing: null };
    if (post.deletedAt || post.hidden || topic.hidden) throw new NotFoundError('CommunityPost', String(postId));
    if (topic.locked) throw new NotAllowedError('topicLocked', 'This topic is locked.');
    const category = await this.categories.get(em, topic.categoryId);
    const standing = await this.profiles.standing(em, writer.memberId, category.programId, now);
    if (standing.penalty?.kind === 'suspend') throw new NotAllowedError('suspended', `You are suspended from the community: ${standing.penalty.reason}`);
    return { post, topic, standing };
  }
}
