import { z } from 'zod';
import { In, MoreThan, type EntityManager } from 'typeorm';
import { dialectOf } from '../db/data-source';
import { isUniqueViolation } from '../db/unique-violation';
import { NotAllowedError, NotFoundError, RateLimitedError, ValidationError } from '../errors';
import { parseInput } from '../input';
import type { Program } from '../programs/program.entity';
import type { ProgramsService } from '../programs/programs.service';
import type { RulesService } from '../rules/rules.service';
import type { CommunityCategoriesService } from './categories.service';
import { CommunityCategory } from './category.entity';
import type { CommunityNotificationsService } from './community-notifications.service';
import { CommunityProfile } from './community-profile.entity';
import { renderPost, type RenderedPost } from './markdown';
import { CommunityPostRevision } from './post-revision.entity';
import { CommunityPost } from './post.entity';
import { actorKeyOf, type CommunityProfilesService, type MemberStanding, type Writer } from './profiles.service';
import type { CommunitySearchService } from './search.service';
import { CommunityTopic } from './topic.entity';
import { CommunityTopicUser } from './topic-user.entity';

export const MAX_POST_LENGTH = 20_000;
const body = z.string().trim().min(2, 'write at least a couple of characters').max(MAX_POST_LENGTH, `at most ${MAX_POST_LENGTH.toLocaleString('en')} characters`);
const title = z.string().trim().min(5, 'at least 5 characters').max(200, 'at most 200 characters');
const topicInput = z.object({ categoryId: z.number().int().positive(), title, body });
const replyInput = z.object({ topicId: z.number().int().positive(), body, replyToPostNumber: z.number().int().positive().nullable().optional() });

export type TopicOrder = 'latest' | 'top' | 'unanswered';
/** What happened in the forum, as trigger.communityPost's `activity` names it. */
export type CommunityActivity = 'topic' | 'reply' | 'acceptedAnswer' | 'reactionReceived';

/** Topics and their posts: writing, editing, reading, accepted answers, read state and bookmarks. */
export class CommunityTopicsService {
  constructor(
    private readonly programs: ProgramsService,
    private readonly rules: RulesService,
    private readonly categories: CommunityCategoriesService,
    private readonly profiles: CommunityProfilesService,
    private readonly search: CommunitySearchService,
    private readonly notifications: CommunityNotificationsService,
  ) {}

  async topic(em: EntityManager, id: number, options: { lock?: boolean } = {}): Promise<CommunityTopic> {
    const lock = options.lock && dialectOf(em.connection) === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {};
    const topic = Number.isSafeInteger(id) ? await em.findOne(CommunityTopic, { where: { id }, ...lock }) : null;
    if (!topic) throw new NotFoundError('CommunityTopic', String(id));
    return topic;
  }

  async post(em: EntityManager, id: number): Promise<CommunityPost> {
    const post = Number.isSafeInteger(id) ? await em.findOne(CommunityPost, { where: { id } }) : null;
    if (!post) throw new NotFoundError('CommunityPost', String(id));
    return post;
  }

  async createTopic(em: EntityManager, writer: Writer, raw: { categoryId: number; title: string; body: string }, now = new Date()): Promise<{ topic: CommunityTopic; post: CommunityPost; programId: number }> {
    const input = parseInput(topicInput, raw, ['input']);
    const category = await this.categories.get(em, input.categoryId);
    const { program, standing } = await this.writerIn(em, writer, category, now, 'post');
    await this.categories.assertCanPost(em, category, writer, standing);
    const rendered = this.checkContent(renderPost(input.body), standing);
    await this.checkRate(em, standing, now);
    const topic = em.create(CommunityTopic, { categoryId: category.id, title: input.title, ...authorColumns(writer), highestPostNumber: 1, lastPostedAt: now, createdAt: now, updatedAt: now });
    await em.insert(CommunityTopic, topic as never);
    const post = await this.insertPost(em, topic, 1, writer, input.body, rendered, null, now);
    await em.increment(CommunityCategory, { id: category.id }, 'topicCount', 1);
    if (writer.kind === 'member') await this.watch(em, writer.memberId, topic.id, 1);
    await this.afterPost(em, program, writer, topic, post, rendered, null, 'topic', now);
    return { topic, post, programId: program.id };
  }

  async reply(em: EntityManager, writer: Writer, raw: { topicId: number; body: string; replyToPostNumber?: number | null }, now = new Date()): Promise<CommunityPost> {
    const input = parseInput(replyInput, raw, ['input']);
    const topic = await this.topic(em, input.topicId, { lock: true });
    const category = await this.categories.get(em, topic.categoryId);
    const { program, standing } = await this.writerIn(em, writer, category, now, 'post');
    this.assertOpen(topic, writer, 'reply');
    await this.categories.assertCanPost(em, category, writer, standing);
    if (input.replyToPostNumber && input.replyToPostNumber > topic.highestPostNumber) throw ValidationError.of(['input', 'replyToPostNumber'], 'no such post in this topic');
    const rendered = this.checkContent(renderPost(input.body), standing);
    await this.checkRate(em, standing, now);
    const number = topic.highestPostNumber + 1;
    await em.update(CommunityTopic, { id: topic.id }, { highestPostNumber: number, replyCount: () => 'replyCount + 1', lastPostedAt: now, updatedAt: now } as never);
    const post = await this.insertPost(em, topic, number, writer, input.body, rendered, input.replyToPostNumber ?? null, now);
    if (writer.kind === 'member') await this.watch(em, writer.memberId, topic.id, number);
    const answered = input.replyToPostNumber ? await em.findOne(CommunityPost, { where: { topicId: topic.id, postNumber: input.replyToPostNumber } }) : null;
    await this.afterPost(em, program, writer, topic, post, rendered, answered?.authorMemberId ?? topic.authorMemberId, 'reply', now);
    return post;
  }

  /** The author (or a moderator) edits a post; the text before is kept as a revision. The opening post may retitle the topic. */
  async edit(em: EntityManager, writer: Writer, postId: number, raw: { body: string; title?: string | null }, now = new Date()): Promise<CommunityPost> {
    const post = await this.post(em, postId);
    const topic = await this.topic(em, post.topicId);
    this.assertAuthor(post, writer);
    if (post.deletedAt) throw new NotAllowedError('postDeleted', 'This post was deleted.');
    const category = await this.categories.get(em, topic.categoryId);
    const standing = writer.kind === 'member' ? await this.profiles.standing(em, writer.memberId, category.programId, now) : null;
    if (standing?.penalty) throw penaltyError(standing);
    if (writer.kind === 'member' && topic.locked) throw new NotAllowedError('topicLocked', 'This topic is locked.');
    const text = parseInput(body, raw.body, ['input', 'body']);
    const newTitle = raw.title != null && post.postNumber === 1 ? parseInput(title, raw.title, ['input', 'title']) : null;
    const rendered = this.checkContent(renderPost(text), standing);
    await em.insert(CommunityPostRevision, { postId: post.id, version: post.version, raw: post.raw, editorMemberId: writer.kind === 'member' ? writer.memberId : null, editorStaffId: writer.kind === 'staff' ? writer.staffUserId : null, createdAt: now });
    await em.update(CommunityPost, { id: post.id }, { raw: text, cooked: rendered.html, version: post.version + 1, editedAt: now, updatedAt: now });
    if (newTitle && newTitle !== topic.title) {
      await em.update(CommunityTopic, { id: topic.id }, { title: newTitle, updatedAt: now });
      await this.search.retitle(em, topic.id, newTitle);
    }
    const edited = await this.post(em, post.id);
    if (!edited.hidden) await this.search.index(em, edited, newTitle ?? topic.title);
    return edited;
  }

  /** The author (or a moderator) deletes a post: it stays as a placeholder; deleting the opening post removes the topic from the lists. */
  async delete(em: EntityManager, writer: Writer, postId: number, now = new Date()): Promise<CommunityPost> {
    const post = await this.post(em, postId);
    this.assertAuthor(post, writer);
    if (post.deletedAt) return post;
    const topic = await this.topic(em, post.topicId, { lock: true });
    if (writer.kind === 'member' && topic.locked) throw new NotAllowedError('topicLocked', 'This topic is locked.');
    await em.update(CommunityPost, { id: post.id }, { deletedAt: now, updatedAt: now });
    if (post.postNumber === 1) await this.setTopicHidden(em, topic, true);
    else if (!post.hidden) await em.decrement(CommunityTopic, { id: topic.id }, 'replyCount', 1);
    if (topic.acceptedPostId === post.id) await em.update(CommunityTopic, { id: topic.id }, { acceptedPostId: null });
    await this.search.remove(em, [post.id]);
    return this.post(em, post.id);
  }

  /** In an advice category the topic's author (or staff) accepts a reply as the answer; its author is told and campaigns hear of it. */
  async acceptAnswer(em: EntityManager, writer: Writer, postId: number, now = new Date()): Promise<CommunityTopic> {
    const post = await this.post(em, postId);
    const topic = await this.topic(em, post.topicId, { lock: true });
    const category = await this.categories.get(em, topic.categoryId);
    if (category.kind !== 'advice') throw new NotAllowedError('notAdvice', 'Answers are accepted only in advice categories.');
    if (writer.kind === 'member' && topic.authorMemberId !== writer.memberId) throw new NotAllowedError('notAuthor', 'Only the topic’s author accepts an answer.');
    if (post.postNumber === 1 || post.hidden || post.deletedAt) throw ValidationError.of(['postId'], 'accept a visible reply');
    if (topic.acceptedPostId === post.id) return topic;
    await em.update(CommunityTopic, { id: topic.id }, { acceptedPostId: post.id, updatedAt: now });
    if (post.authorMemberId !== null && !(writer.kind === 'member' && writer.memberId === post.authorMemberId)) {
      const [author] = await this.profiles.authors(em, [actorKeyOf(writer)]);
      await this.notifications.notify(em, post.authorMemberId, 'accepted', topic.id, post.id, author.displayName);
      await this.fire(em, await this.programs.resolve(em, category.programId), post.authorMemberId, 'acceptedAnswer', topic, post, now);
    }
    return this.topic(em, topic.id);
  }

  async list(em: EntityManager, options: { programId: number; categoryId?: number | null; order: TopicOrder; includeHidden: boolean; includeArchived?: boolean; offset: number; limit: number }): Promise<CommunityTopic[]> {
    const qb = em.getRepository(CommunityTopic).createQueryBuilder('t').innerJoin(CommunityCategory, 'c', 'c.id = t.categoryId').where('c.programId = :programId', { programId: options.programId });
    if (!options.includeArchived) qb.andWhere('t.archived = :no', { no: false });
    if (!options.includeHidden) qb.andWhere('t.hidden = :no', { no: false }).andWhere('c.archived = :no', { no: false });
    if (options.categoryId) qb.andWhere('t.categoryId = :categoryId', { categoryId: options.categoryId });
    if (options.order === 'unanswered') qb.andWhere('t.replyCount = 0');
    if (options.order === 'top') qb.orderBy('t.replyCount + t.reactionCount', 'DESC');
    else if (options.categoryId) qb.orderBy('t.pinned', 'DESC');
    qb.addOrderBy('t.lastPostedAt', 'DESC').addOrderBy('t.id', 'DESC');
    return qb.offset(options.offset).limit(options.limit).getMany();
  }

  async posts(em: EntityManager, topicId: number, offset: number, limit: number): Promise<CommunityPost[]> {
    return em.find(CommunityPost, { where: { topicId }, order: { postNumber: 'ASC' }, skip: offset, take: limit });
  }

  /** Opening posts of many topics in one query (excerpts in lists). */
  async firstPosts(em: EntityManager, topicIds: readonly number[]): Promise<(CommunityPost | null)[]> {
    const rows = topicIds.length ? await em.find(CommunityPost, { where: { topicId: In([...new Set(topicIds)]), postNumber: 1 } }) : [];
    return topicIds.map((id) => rows.find((r) => r.topicId === id) ?? null);
  }

  /** The member read up to a post: their position moves forward, and a first visit counts as a view. */
  async markRead(em: EntityManager, memberId: number, topicId: number, postNumber: number): Promise<CommunityTopicUser> {
    const topic = await this.topic(em, topicId);
    const upTo = Math.max(0, Math.min(Math.trunc(postNumber), topic.highestPostNumber));
    const state = await em.findOne(CommunityTopicUser, { where: { topicId, memberId } });
    if (!state) {
      try {
        await em.insert(CommunityTopicUser, { topicId, memberId, lastReadPostNumber: upTo, updatedAt: new Date() });
        await em.increment(CommunityTopic, { id: topicId }, 'views', 1);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    } else if (upTo > state.lastReadPostNumber) {
      await em.update(CommunityTopicUser, { id: state.id }, { lastReadPostNumber: upTo, updatedAt: new Date() });
    }
    return em.findOneOrFail(CommunityTopicUser, { where: { topicId, memberId } });
  }

  async setNotificationLevel(em: EntityManager, memberId: number, topicId: number, level: CommunityTopicUser['notificationLevel']): Promise<CommunityTopicUser> {
    await this.topic(em, topicId);
    await this.markRead(em, memberId, topicId, 0);
    await em.update(CommunityTopicUser, { topicId, memberId }, { notificationLevel: level, updatedAt: new Date() });
    return em.findOneOrFail(CommunityTopicUser, { where: { topicId, memberId } });
  }

  async states(em: EntityManager, memberId: number, topicIds: readonly number[]): Promise<(CommunityTopicUser | null)[]> {
    const rows = topicIds.length ? await em.find(CommunityTopicUser, { where: { memberId, topicId: In([...new Set(topicIds)]) } }) : [];
    return topicIds.map((id) => rows.find((r) => r.topicId === id) ?? null);
  }

  /** Posts of the member in the last hour, and topics they follow: what the portal's profile shows. */
  async recentPostCount(em: EntityManager, memberId: number, since: Date): Promise<number> {
    return em.count(CommunityPost, { where: { authorMemberId: memberId, createdAt: MoreThan(since) } });
  }

  async setTopicHidden(em: EntityManager, topic: CommunityTopic, hidden: boolean): Promise<void> {
    if (topic.hidden === hidden) return;
    await em.update(CommunityTopic, { id: topic.id }, { hidden, updatedAt: new Date() });
    await em.increment(CommunityCategory, { id: topic.categoryId }, 'topicCount', hidden ? -1 : 1);
  }

  /** Tells the campaigns of a forum activity by a member: trigger.communityPost with `activity`. */
  async fire(em: EntityManager, program: Program, memberId: number, activity: CommunityActivity, topic: CommunityTopic, post: CommunityPost, now: Date, extra: Record<string, unknown> = {}): Promise<void> {
    await this.rules.onEvent(em, program, memberId, { type: 'communityPost', memberId: String(memberId), occurredAt: now.toISOString(), name: activity, data: { activity, topicId: topic.id, postId: post.id, categoryId: topic.categoryId, postNumber: post.postNumber, ...extra } }, { now });
  }

  private async writerIn(em: EntityManager, writer: Writer, category: CommunityCategory, now: Date, action: 'post'): Promise<{ program: Program; standing: MemberStanding | null }> {
    const program = await this.programs.resolve(em, category.programId);
    if (writer.kind === 'staff') return { program, standing: null };
    const standing = await this.profiles.standing(em, writer.memberId, program.id, now, { lock: action === 'post' });
    if (standing.penalty) throw penaltyError(standing);
    return { program, standing };
  }

  private assertOpen(topic: CommunityTopic, writer: Writer, what: 'reply') {
    if (writer.kind === 'staff') return;
    if (topic.hidden) throw new NotFoundError('CommunityTopic', String(topic.id));
    if (topic.locked) throw new NotAllowedError('topicLocked', `This topic is locked: no one can ${what}.`);
    if (topic.archived) throw new NotAllowedError('topicArchived', 'This topic is archived.');
    if (topic.closed) throw new NotAllowedError('topicClosed', 'This topic is closed to new replies.');
  }

  private assertAuthor(post: CommunityPost, writer: Writer) {
    if (writer.kind === 'staff') return;
    if (post.authorMemberId !== writer.memberId) throw new NotAllowedError('notAuthor', 'Only the author can change this post.');
  }

  private checkContent(rendered: RenderedPost, standing: MemberStanding | null): RenderedPost {
    if (!standing) return rendered;
    if (rendered.links > standing.limits.linksPerPost) throw ValidationError.of(['input', 'body'], `new members may add at most ${standing.limits.linksPerPost} links to a post`, 'too_many_links');
    if (rendered.images > standing.limits.imagesPerPost) throw ValidationError.of(['input', 'body'], `new members may add at most ${standing.limits.imagesPerPost} images to a post`, 'too_many_images');
    return rendered;
  }

  /** Posts in the last hour against the member's limit; the profile row is locked, so racing requests count each other. */
  private async checkRate(em: EntityManager, standing: MemberStanding | null, now: Date) {
    if (!standing) return;
    const since = new Date(now.getTime() - 3_600_000);
    const recent = await em.find(CommunityPost, { where: { authorMemberId: standing.member.id, createdAt: MoreThan(since) }, select: { id: true, createdAt: true }, order: { createdAt: 'ASC' }, take: standing.limits.postsPerHour });
    if (recent.length >= standing.limits.postsPerHour) {
      throw new RateLimitedError(Math.max(1, Math.ceil((recent[0].createdAt.getTime() + 3_600_000 - now.getTime()) / 1000)));
    }
  }

  private async insertPost(em: EntityManager, topic: CommunityTopic, postNumber: number, writer: Writer, raw: string, rendered: RenderedPost, replyTo: number | null, now: Date): Promise<CommunityPost> {
    const post = em.create(CommunityPost, { topicId: topic.id, postNumber, ...authorColumns(writer), replyToPostNumber: replyTo, raw, cooked: rendered.html, createdAt: now, updatedAt: now });
    await em.insert(CommunityPost, post as never);
    if (writer.kind === 'member') await em.increment(CommunityProfile, { memberId: writer.memberId }, 'postCount', 1);
    await this.search.index(em, post, topic.title);
    return post;
  }

  private async afterPost(em: EntityManager, program: Program, writer: Writer, topic: CommunityTopic, post: CommunityPost, rendered: RenderedPost, repliedTo: number | null, activity: CommunityActivity, now: Date) {
    const [author] = await this.profiles.authors(em, [actorKeyOf(writer)]);
    const mentioned = [...(await this.profiles.idsOf(em, rendered.mentions)).values()];
    await this.notifications.onPost(em, post, writer.kind === 'member' ? writer.memberId : null, author.displayName, { mentioned, repliedTo });
    if (writer.kind === 'member') await this.fire(em, program, writer.memberId, activity, topic, post, now);
  }

  private async watch(em: EntityManager, memberId: number, topicId: number, readUpTo: number) {
    const state = await em.findOne(CommunityTopicUser, { where: { topicId, memberId } });
    if (!state) await em.insert(CommunityTopicUser, { topicId, memberId, lastReadPostNumber: readUpTo, notificationLevel: 'watching', updatedAt: new Date() });
    else await em.update(CommunityTopicUser, { id: state.id }, { lastReadPostNumber: Math.max(readUpTo, state.lastReadPostNumber), notificationLevel: state.notificationLevel === 'muted' ? 'muted' : 'watching', updatedAt: new Date() });
  }
}

export function authorColumns(writer: Writer) {
  return writer.kind === 'member' ? { authorMemberId: writer.memberId, authorStaffId: null } : { authorMemberId: null, authorStaffId: writer.staffUserId };
}

export function penaltyError(standing: MemberStanding): NotAllowedError {
  const penalty = standing.penalty!;
  const until = penalty.endsAt.toISOString().slice(0, 16).replace('T', ' ');
  return penalty.kind === 'suspend'
    ? new NotAllowedError('suspended', `You are suspended from the community until ${until} UTC: ${penalty.reason}`)
    : new NotAllowedError('silenced', `You are silenced in the community until ${until} UTC: ${penalty.reason}`);
}
