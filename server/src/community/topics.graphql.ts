import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { ConflictError, NotAllowedError, NotFoundError, RateLimitedError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import { unauthorizedError } from '../graphql/auth-scopes';
import type { Context } from '../graphql/context';
import { requestLoader } from '../graphql/loaders';
import { loadByIds } from '../db/load-by-ids';
import { idOf } from '../ledger/ledger.graphql';
import { enumOf } from '../programs/programs.graphql';
import { CommunityCategoryNode } from './categories.graphql';
import { canReadForum, forumReaders, forumWriters, isModerator, viewerMemberId, writerOf } from './community-access';
import { excerptOf, renderPost } from './markdown';
import { MAX_POST_LENGTH } from './topics.service';
import { CommunityAuthorRef, CommunityPostNode, loadAuthor } from './posts.graphql';
import { writerKey } from './profiles.service';
import { NOTIFICATION_LEVELS } from './topic-user.entity';
import { CommunityTopic } from './topic.entity';

const TopicOrderEnum = enumOf('CommunityTopicOrder', ['latest', 'top', 'unanswered'] as const, 'LATEST: last activity first (pinned first in a category); TOP: most replies and reactions; UNANSWERED: no replies yet.');
const NotificationLevelEnum = enumOf('CommunityNotificationLevel', NOTIFICATION_LEVELS, 'WATCHING: told of every post; NORMAL: of replies and mentions; MUTED: of mentions only.');

const visibleTopic = (topic: CommunityTopic, ctx: Context) => canReadForum(ctx) && (!topic.hidden || ctx.actor.kind === 'staff' || (viewerMemberId(ctx) !== null && topic.authorMemberId === viewerMemberId(ctx)));

const TopicStateRef = builder.objectRef<{ lastReadPostNumber: number; notificationLevel: (typeof NOTIFICATION_LEVELS)[number] }>('CommunityTopicViewerState').implement({
  fields: (t) => ({
    lastReadPostNumber: t.exposeInt('lastReadPostNumber'),
    notificationLevel: t.field({ type: NotificationLevelEnum, resolve: (s) => s.notificationLevel }),
  }),
});

export const CommunityTopicNode = builder.loadableNode('CommunityTopic', {
  description: 'A conversation (Discourse: Topic): the opening post and its replies.',
  id: { resolve: (t) => t.id },
  authScopes: (topic, ctx) => visibleTopic(topic, ctx),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, CommunityTopic, ids),
  fields: (t) => ({
    title: t.exposeString('title'),
    category: t.field({ type: CommunityCategoryNode, resolve: (topic) => topic.categoryId }),
    author: t.field({ type: CommunityAuthorRef, resolve: (topic, _args, ctx) => loadAuthor(ctx, writerKey(topic)) }),
    pinned: t.exposeBoolean('pinned'),
    closed: t.exposeBoolean('closed', { description: 'No new replies.' }),
    locked: t.exposeBoolean('locked', { description: 'Frozen by a moderator: no replies, edits or reactions by members.' }),
    archived: t.exposeBoolean('archived'),
    hidden: t.exposeBoolean('hidden'),
    views: t.exposeInt('views', { description: 'Members who opened it.' }),
    replyCount: t.exposeInt('replyCount'),
    reactionCount: t.exposeInt('reactionCount'),
    postCount: t.int({ description: 'Posts including hidden and deleted placeholders.', resolve: (topic) => topic.highestPostNumber }),
    lastPostedAt: t.expose('lastPostedAt', { type: 'DateTime' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    acceptedAnswer: t.field({ type: CommunityPostNode, nullable: true, resolve: (topic) => topic.acceptedPostId }),
    excerpt: t.string({
      description: 'The opening post in plain text, up to 200 characters.',
      resolve: async (topic, _args, ctx) => {
        const first = await requestLoader(ctx, 'communityFirstPosts', (ids: readonly number[]) => ctx.services.community.topics.firstPosts(ctx.em, ids)).load(topic.id);
        return first && !first.hidden && !first.deletedAt ? excerptOf(first.cooked) : '';
      },
    }),
    posts: t.connection({
      type: CommunityPostNode,
      description: 'The posts in order, hidden and deleted ones as placeholders.',
      resolve: (topic, args, ctx) => resolveOffsetConnection({ args }, ({ limit, offset }) => ctx.services.community.topics.posts(ctx.em, topic.id, offset, limit)),
    }),
    viewerState: t.field({
      type: TopicStateRef,
      nullable: true,
      description: 'The signed-in member’s read position and notification level.',
      resolve: (topic, _args, ctx) => {
        const memberId = viewerMemberId(ctx);
        return memberId === null ? null : requestLoader(ctx, 'communityTopicStates', (ids: readonly number[]) => ctx.services.community.topics.states(ctx.em, memberId, ids)).load(topic.id);
      },
    }),
    viewerCanReply: t.boolean({
      resolve: (topic, _args, ctx) => (ctx.actor.kind === 'staff' ? isModerator(ctx) || ctx.actor.role === 'marketer' : ctx.actor.kind === 'member' && !topic.locked && !topic.closed && !topic.archived && !topic.hidden),
    }),
  }),
});

const NotificationRef = builder.objectRef<import('./community-notification.entity').CommunityNotification>('CommunityNotification').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    type: t.exposeString('type', { description: 'mention, reply, watching, reaction, accepted or moderation.' }),
    topic: t.field({ type: CommunityTopicNode, nullable: true, resolve: (n) => n.topicId }),
    post: t.field({ type: CommunityPostNode, nullable: true, resolve: (n) => n.postId }),
    actorName: t.exposeString('actorName'),
    read: t.boolean({ resolve: (n) => n.readAt !== null }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const ProfileRef = builder.objectRef<{ memberId: number; username: string; postCount: number; trustLevel: number; postsPerHour: number; linksPerPost: number; silencedUntil: Date | null; penaltyKind: string | null; penaltyReason: string | null }>('CommunityProfile').implement({
  description: 'The signed-in member’s forum identity and limits.',
  fields: (t) => ({
    username: t.exposeString('username'),
    postCount: t.exposeInt('postCount'),
    trustLevel: t.exposeInt('trustLevel', { description: '0: new (limited), 1: trusted.' }),
    postsPerHour: t.exposeInt('postsPerHour'),
    linksPerPost: t.exposeInt('linksPerPost'),
    penaltyKind: t.exposeString('penaltyKind', { nullable: true, description: 'silence or suspend, while one runs.' }),
    penaltyReason: t.exposeString('penaltyReason', { nullable: true }),
    penaltyEndsAt: t.expose('silencedUntil', { type: 'DateTime', nullable: true }),
  }),
});

const SearchHitRef = builder.objectRef<{ postId: number; topicId: number }>('CommunitySearchHit').implement({
  fields: (t) => ({
    topic: t.field({ type: CommunityTopicNode, resolve: (h) => h.topicId }),
    post: t.field({ type: CommunityPostNode, resolve: (h) => h.postId }),
  }),
});

async function profileOf(ctx: Context) {
  const memberId = viewerMemberId(ctx)!;
  const program = await ctx.services.programs.resolve(ctx.em, null);
  const standing = await ctx.services.community.profiles.standing(ctx.em, memberId, program.id, new Date());
  return {
    memberId,
    username: standing.profile.username,
    postCount: standing.profile.postCount,
    trustLevel: standing.trust,
    postsPerHour: standing.limits.postsPerHour,
    linksPerPost: standing.limits.linksPerPost,
    silencedUntil: standing.penalty?.endsAt ?? null,
    penaltyKind: standing.penalty?.kind ?? null,
    penaltyReason: standing.penalty?.reason ?? null,
  };
}

builder.queryFields((t) => ({
  communityTopics: t.connection({
    type: CommunityTopicNode,
    description: 'Topics of a program, or of one category: latest, top or unanswered. Hidden topics are listed to moderators only; archived ones only to moderators who ask (includeArchived).',
    authScopes: forumReaders,
    args: { categoryId: t.arg.globalID({ required: false }), programId: t.arg.globalID({ required: false }), order: t.arg({ type: TopicOrderEnum, required: false }), includeArchived: t.arg.boolean({ required: false }) },
    resolve: async (_root, args, ctx) => {
      const program = await ctx.services.programs.resolve(ctx.em, args.programId ? idOf(args.programId, 'Program') : null);
      return resolveOffsetConnection({ args }, ({ limit, offset }) =>
        ctx.services.community.topics.list(ctx.em, { programId: program.id, categoryId: args.categoryId ? idOf(args.categoryId, 'CommunityCategory') : null, order: args.order ?? 'latest', includeHidden: isModerator(ctx), includeArchived: isModerator(ctx) && Boolean(args.includeArchived), offset, limit }),
      );
    },
  }),
  communitySearch: t.field({
    type: [SearchHitRef],
    description: 'Full-text search over topic titles and posts (every word, as a prefix); best matches first.',
    authScopes: forumReaders,
    args: { query: t.arg.string({ required: true }), first: t.arg.int({ required: false }) },
    resolve: async (_root, args, ctx) => {
      const program = await ctx.services.programs.resolve(ctx.em, null);
      return ctx.services.community.search.search(ctx.em, args.query.slice(0, 200), Math.min(Math.max(args.first ?? 20, 1), 50), program.id);
    },
  }),
  communityPreview: t.string({
    description: 'What a post will look like: the markdown rendered and sanitized exactly as posting would (for the composer’s preview).',
    authScopes: forumWriters,
    args: { body: t.arg.string({ required: true }) },
    resolve: (_root, args) => renderPost(args.body.slice(0, MAX_POST_LENGTH)).html,
  }),
  communityMentionCandidates: t.field({
    type: [CommunityAuthorRef],
    description: 'Members whose @username starts with the prefix (at least 2 characters), for the composer’s @mention suggestions.',
    authScopes: forumWriters,
    args: { prefix: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const keys = await ctx.services.community.profiles.usernamesStartingWith(ctx.em, args.prefix.slice(0, 30), 8);
      return Promise.all(keys.map((key) => loadAuthor(ctx, key)));
    },
  }),
  communityNotifications: t.field({
    type: [NotificationRef],
    description: 'The signed-in member’s forum notifications, newest first.',
    authScopes: { member: true },
    args: { unreadOnly: t.arg.boolean({ required: false }), first: t.arg.int({ required: false }) },
    resolve: (_root, args, ctx) => ctx.services.community.notifications.list(ctx.em, viewerMemberId(ctx)!, Boolean(args.unreadOnly), Math.min(Math.max(args.first ?? 30, 1), 100)),
  }),
  communityUnreadNotifications: t.int({
    authScopes: { member: true },
    resolve: (_root, _args, ctx) => ctx.services.community.notifications.unreadCount(ctx.em, viewerMemberId(ctx)!),
  }),
  communityBookmarks: t.field({
    type: [CommunityPostNode],
    authScopes: { member: true },
    resolve: (_root, _args, ctx) => ctx.services.community.reactions.bookmarks(ctx.em, viewerMemberId(ctx)!, 100),
  }),
  communityProfile: t.field({
    type: ProfileRef,
    authScopes: { member: true },
    resolve: (_root, _args, ctx) => profileOf(ctx),
  }),
}));

const writeErrors = [ValidationError, NotFoundError, NotAllowedError, RateLimitedError] as const;
const TopicInput = builder.inputType('CreateCommunityTopicInput', {
  fields: (t) => ({
    categoryId: t.globalID({ required: true }),
    title: t.string({ required: true, description: '5 to 200 characters.' }),
    body: t.string({ required: true, description: 'Markdown, up to 20,000 characters; raw HTML is shown as text.' }),
  }),
});
const ReplyInput = builder.inputType('ReplyToCommunityTopicInput', {
  fields: (t) => ({
    topicId: t.globalID({ required: true }),
    body: t.string({ required: true }),
    replyToPostNumber: t.int({ required: false, description: 'The post this answers, in the same topic.' }),
  }),
});

builder.mutationFields((t) => ({
  createCommunityTopic: t.field({
    type: CommunityTopicNode,
    description: 'Starts a topic. Campaigns on trigger.communityPost (activity TOPIC or POST) run for the member.',
    authScopes: forumWriters,
    args: { input: t.arg({ type: TopicInput, required: true }) },
    errors: { types: [...writeErrors], directResult: true, union: { name: 'CreateCommunityTopicResult' } },
    resolve: async (_root, { input }, ctx) => {
      const { topic, post, programId } = await ctx.transaction((em) => ctx.services.community.topics.createTopic(em, writerOf(ctx), { categoryId: idOf(input.categoryId, 'CommunityCategory'), title: input.title, body: input.body }));
      ctx.services.community.live.topicAdded(programId, topic.categoryId, topic.id);
      ctx.services.community.live.postAdded(topic.id, post.id);
      return topic;
    },
  }),
  replyToCommunityTopic: t.field({
    type: CommunityPostNode,
    authScopes: forumWriters,
    args: { input: t.arg({ type: ReplyInput, required: true }) },
    errors: { types: [...writeErrors], directResult: true, union: { name: 'ReplyToCommunityTopicResult' } },
    resolve: async (_root, { input }, ctx) => {
      const post = await ctx.transaction((em) => ctx.services.community.topics.reply(em, writerOf(ctx), { topicId: idOf(input.topicId, 'CommunityTopic'), body: input.body, replyToPostNumber: input.replyToPostNumber }));
      ctx.services.community.live.postAdded(post.topicId, post.id);
      return post;
    },
  }),
  editCommunityPost: t.field({
    type: CommunityPostNode,
    description: 'Its author (or a moderator) edits a post; the earlier text is kept as a revision. `title` renames the topic when editing its opening post.',
    authScopes: { $any: { member: true, roles: ['moderator'] } },
    args: { id: t.arg.globalID({ required: true }), body: t.arg.string({ required: true }), title: t.arg.string({ required: false }) },
    errors: { types: [...writeErrors], directResult: true, union: { name: 'EditCommunityPostResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.community.topics.edit(em, writerOf(ctx), idOf(args.id, 'CommunityPost'), { body: args.body, title: args.title })),
  }),
  deleteCommunityPost: t.field({
    type: CommunityPostNode,
    authScopes: { $any: { member: true, roles: ['moderator'] } },
    args: { id: t.arg.globalID({ required: true }) },
    errors: { types: [...writeErrors], directResult: true, union: { name: 'DeleteCommunityPostResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.community.topics.delete(em, writerOf(ctx), idOf(args.id, 'CommunityPost'))),
  }),
  acceptCommunityAnswer: t.field({
    type: CommunityTopicNode,
    description: 'In an ADVICE category, the topic’s author (or a moderator) accepts a reply as the answer.',
    authScopes: { $any: { member: true, roles: ['moderator'] } },
    args: { postId: t.arg.globalID({ required: true }) },
    errors: { types: [...writeErrors], directResult: true, union: { name: 'AcceptCommunityAnswerResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.community.topics.acceptAnswer(em, writerOf(ctx), idOf(args.postId, 'CommunityPost'))),
  }),
  markCommunityTopicRead: t.field({
    type: CommunityTopicNode,
    description: 'The member read the topic up to a post; the first visit counts a view.',
    authScopes: { member: true },
    args: { topicId: t.arg.globalID({ required: true }), postNumber: t.arg.int({ required: true }) },
    errors: { types: [NotFoundError, ValidationError], directResult: true, union: { name: 'MarkCommunityTopicReadResult' } },
    resolve: async (_root, args, ctx) => {
      const topicId = idOf(args.topicId, 'CommunityTopic');
      await ctx.transaction((em) => ctx.services.community.topics.markRead(em, viewerMemberId(ctx)!, topicId, args.postNumber));
      return ctx.services.community.topics.topic(ctx.em, topicId);
    },
  }),
  setCommunityTopicNotificationLevel: t.field({
    type: CommunityTopicNode,
    authScopes: { member: true },
    args: { topicId: t.arg.globalID({ required: true }), level: t.arg({ type: NotificationLevelEnum, required: true }) },
    errors: { types: [NotFoundError, ValidationError], directResult: true, union: { name: 'SetCommunityTopicNotificationLevelResult' } },
    resolve: async (_root, args, ctx) => {
      const topicId = idOf(args.topicId, 'CommunityTopic');
      await ctx.transaction((em) => ctx.services.community.topics.setNotificationLevel(em, viewerMemberId(ctx)!, topicId, args.level));
      return ctx.services.community.topics.topic(ctx.em, topicId);
    },
  }),
  markCommunityNotificationsRead: t.int({
    description: 'Marks the member’s notifications read: the ids given, or all. Returns how many changed.',
    authScopes: { member: true },
    args: { ids: t.arg.idList({ required: false }) },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.community.notifications.markRead(em, viewerMemberId(ctx)!, args.ids ? args.ids.slice(0, 200).map(Number) : null)),
  }),
  updateCommunityProfile: t.field({
    type: ProfileRef,
    description: 'Chooses the member’s @username (2–30 letters, digits or _).',
    authScopes: { member: true },
    args: { username: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'UpdateCommunityProfileResult' } },
    resolve: async (_root, args, ctx) => {
      await ctx.transaction((em) => ctx.services.community.profiles.setUsername(em, viewerMemberId(ctx)!, args.username.slice(0, 100)));
      return profileOf(ctx);
    },
  }),
}));

function liveFor<T>(ctx: Context, open: () => T): T {
  if (!canReadForum(ctx)) throw unauthorizedError(null, ctx);
  return open();
}

builder.subscriptionFields((t) => ({
  communityPostAdded: t.field({
    type: CommunityPostNode,
    description: 'New posts in a topic as they are written, on any server instance (SSE: POST /graphql with Accept: text/event-stream).',
    authScopes: forumReaders,
    args: { topicId: t.arg.globalID({ required: true }) },
    // Scope checks guard resolvers, not subscribe: refuse here so a denied caller is told at once, not left with an empty stream.
    subscribe: (_root, args, ctx) => liveFor(ctx, () => ctx.services.community.live.postsOf(idOf(args.topicId, 'CommunityTopic'))),
    resolve: async (payload, _args, ctx) => {
      const post = await ctx.services.community.topics.post(ctx.em, (payload as { id: number }).id);
      // A post hidden before it reached this subscriber arrives as its placeholder (html null).
      return post;
    },
  }),
  communityTopicAdded: t.field({
    type: CommunityTopicNode,
    description: 'New topics as they are started: in a category, or without one in every category of the default program.',
    authScopes: forumReaders,
    args: { categoryId: t.arg.globalID({ required: false }) },
    subscribe: async (_root, args, ctx) => {
      if (args.categoryId) return liveFor(ctx, () => ctx.services.community.live.topicsOf(idOf(args.categoryId!, 'CommunityCategory')));
      const program = liveFor(ctx, () => ctx.services.programs.resolve(ctx.em, null));
      return ctx.services.community.live.topicsOfProgram((await program).id);
    },
    resolve: (payload, _args, ctx) => ctx.services.community.topics.topic(ctx.em, (payload as { id: number }).id),
  }),
}));
