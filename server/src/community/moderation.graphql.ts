import { ConflictError, NotAllowedError, NotFoundError, RateLimitedError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import { idOf } from '../ledger/ledger.graphql';
import { enumOf } from '../programs/programs.graphql';
import { CommunityPenalty, PENALTY_KINDS } from './community-penalty.entity';
import { forumWriters, moderators, viewerMemberId, writerOf } from './community-access';
import { FLAG_DECISIONS, type ReviewItem } from './moderation.service';
import { FLAG_REASONS, type CommunityPostAction } from './post-action.entity';
import { CommunityPostNode, loadAuthor, ReactionEnum, CommunityAuthorRef } from './posts.graphql';
import { CommunityTopicNode } from './topics.graphql';

const FlagReasonEnum = enumOf('CommunityFlagReason', FLAG_REASONS);
const FlagDecisionEnum = enumOf('CommunityFlagDecision', FLAG_DECISIONS, 'AGREE: the post stays hidden (or is hidden now); DISAGREE: the flags were wrong, a post they hid returns; DEFER: no verdict.');
const PenaltyKindEnum = enumOf('CommunityPenaltyKind', PENALTY_KINDS, 'SILENCE: may read and react, not post; SUSPEND: may only read.');

const FlagRef = builder.objectRef<CommunityPostAction>('CommunityFlag').implement({
  fields: (t) => ({
    reason: t.field({ type: FlagReasonEnum, resolve: (f) => f.flagReason ?? 'other' }),
    note: t.exposeString('flagNote', { nullable: true }),
    weight: t.exposeInt('weight', { description: 'How much it counts toward hiding the post (new members 0, trusted 1, staff 3).' }),
    flaggedBy: t.field({ type: CommunityAuthorRef, resolve: (f, _args, ctx) => loadAuthor(ctx, f.actorKey) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const ReviewItemRef = builder.objectRef<ReviewItem>('CommunityReviewItem').implement({
  description: 'A flagged post awaiting a moderator.',
  fields: (t) => ({
    post: t.field({ type: CommunityPostNode, resolve: (i) => i.post }),
    topic: t.field({ type: CommunityTopicNode, resolve: (i) => i.post.topicId }),
    flags: t.field({ type: [FlagRef], resolve: (i) => i.flags }),
  }),
});

const PenaltyRef = builder.objectRef<CommunityPenalty>('CommunityPenalty').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: PenaltyKindEnum, resolve: (p) => p.kind }),
    reason: t.exposeString('reason'),
    startsAt: t.expose('startsAt', { type: 'DateTime' }),
    endsAt: t.expose('endsAt', { type: 'DateTime' }),
    liftedAt: t.expose('liftedAt', { type: 'DateTime', nullable: true }),
  }),
});

const HistoryRef = builder.objectRef<Awaited<ReturnType<import('./moderation.service').CommunityModerationService['history']>>>('CommunityModerationHistory').implement({
  description: 'A member’s record in the forum, for moderators.',
  fields: (t) => ({
    posts: t.exposeInt('posts'),
    flagsReceived: t.exposeInt('flagsReceived'),
    penalties: t.field({ type: [PenaltyRef], resolve: (h) => h.penalties }),
    hiddenPosts: t.field({ type: [CommunityPostNode], resolve: (h) => h.hiddenPosts }),
  }),
});

const TopicStatusInput = builder.inputType('CommunityTopicStatusInput', {
  fields: (t) => ({
    pinned: t.boolean({ required: false }),
    closed: t.boolean({ required: false }),
    locked: t.boolean({ required: false }),
    archived: t.boolean({ required: false }),
  }),
});

const BookmarkRef = builder.objectRef<{ bookmarked: boolean }>('CommunityBookmarkResult').implement({ fields: (t) => ({ bookmarked: t.exposeBoolean('bookmarked') }) });

builder.queryFields((t) => ({
  communityReviewQueue: t.field({
    type: [ReviewItemRef],
    description: 'Flagged posts awaiting review, oldest first.',
    authScopes: moderators,
    args: { programId: t.arg.globalID({ required: false }) },
    resolve: async (_root, args, ctx) => ctx.services.community.moderation.queue(ctx.em, (await ctx.services.programs.resolve(ctx.em, args.programId ? idOf(args.programId, 'Program') : null)).id, 100),
  }),
  communityReviewCount: t.int({
    authScopes: moderators,
    resolve: async (_root, _args, ctx) => ctx.services.community.moderation.pendingCount(ctx.em, (await ctx.services.programs.resolve(ctx.em, null)).id),
  }),
  communityModerationHistory: t.field({
    type: HistoryRef,
    authScopes: moderators,
    args: { memberId: t.arg.globalID({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.community.moderation.history(ctx.em, idOf(args.memberId, 'Member')),
  }),
}));

const postArg = (t: Parameters<Parameters<typeof builder.mutationFields>[0]>[0]) => t.arg.globalID({ required: true });

builder.mutationFields((t) => ({
  reactToCommunityPost: t.field({
    type: CommunityPostNode,
    description: 'One reaction of each kind per person and post. The post’s author hears of it, and campaigns on trigger.communityPost (REACTION_RECEIVED) run for them.',
    authScopes: forumWriters,
    args: { postId: postArg(t), reaction: t.arg({ type: ReactionEnum, required: true }) },
    errors: { types: [ValidationError, NotFoundError, NotAllowedError, ConflictError, RateLimitedError], directResult: true, union: { name: 'ReactToCommunityPostResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.community.reactions.react(em, writerOf(ctx), idOf(args.postId, 'CommunityPost'), args.reaction)),
  }),
  removeCommunityReaction: t.field({
    type: CommunityPostNode,
    authScopes: forumWriters,
    args: { postId: postArg(t), reaction: t.arg({ type: ReactionEnum, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'RemoveCommunityReactionResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.community.reactions.unreact(em, writerOf(ctx), idOf(args.postId, 'CommunityPost'), args.reaction)),
  }),
  flagCommunityPost: t.field({
    type: CommunityPostNode,
    description: 'Reports a post to the moderators. Flags from trusted members can hide it until review.',
    authScopes: forumWriters,
    args: { postId: postArg(t), reason: t.arg({ type: FlagReasonEnum, required: true }), note: t.arg.string({ required: false, description: 'Required with OTHER; up to 500 characters.' }) },
    errors: { types: [ValidationError, NotFoundError, NotAllowedError, ConflictError, RateLimitedError], directResult: true, union: { name: 'FlagCommunityPostResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.community.reactions.flag(em, writerOf(ctx), idOf(args.postId, 'CommunityPost'), args.reason, args.note ?? null)),
  }),
  bookmarkCommunityPost: t.field({
    type: BookmarkRef,
    authScopes: { member: true },
    args: { postId: postArg(t), bookmarked: t.arg.boolean({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'BookmarkCommunityPostResult' } },
    resolve: async (_root, args, ctx) => ({ bookmarked: await ctx.transaction((em) => ctx.services.community.reactions.bookmark(em, viewerMemberId(ctx)!, idOf(args.postId, 'CommunityPost'), args.bookmarked)) }),
  }),
  resolveCommunityFlags: t.field({
    type: CommunityPostNode,
    authScopes: moderators,
    args: { postId: postArg(t), decision: t.arg({ type: FlagDecisionEnum, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'ResolveCommunityFlagsResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.community.moderation.resolveFlags(em, (ctx.actor as { staffUserId: number }).staffUserId, idOf(args.postId, 'CommunityPost'), args.decision)),
  }),
  hideCommunityPost: t.field({
    type: CommunityPostNode,
    authScopes: moderators,
    args: { id: t.arg.globalID({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'HideCommunityPostResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.community.moderation.hide(em, idOf(args.id, 'CommunityPost'))),
  }),
  restoreCommunityPost: t.field({
    type: CommunityPostNode,
    authScopes: moderators,
    args: { id: t.arg.globalID({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'RestoreCommunityPostResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.community.moderation.restore(em, idOf(args.id, 'CommunityPost'))),
  }),
  setCommunityTopicStatus: t.field({
    type: CommunityTopicNode,
    description: 'Pins, closes, locks or archives a topic (fields left out stay as they are).',
    authScopes: moderators,
    args: { id: t.arg.globalID({ required: true }), input: t.arg({ type: TopicStatusInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'SetCommunityTopicStatusResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.community.moderation.setTopicStatus(em, idOf(args.id, 'CommunityTopic'), args.input)),
  }),
  moveCommunityTopic: t.field({
    type: CommunityTopicNode,
    authScopes: moderators,
    args: { id: t.arg.globalID({ required: true }), categoryId: t.arg.globalID({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'MoveCommunityTopicResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.community.moderation.move(em, idOf(args.id, 'CommunityTopic'), idOf(args.categoryId, 'CommunityCategory'))),
  }),
  mergeCommunityTopics: t.field({
    type: CommunityTopicNode,
    description: 'Moves every post of the source topic to the end of the target; the source is closed and archived.',
    authScopes: moderators,
    args: { id: t.arg.globalID({ required: true, description: 'The source topic.' }), targetId: t.arg.globalID({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'MergeCommunityTopicsResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.community.moderation.merge(em, idOf(args.id, 'CommunityTopic'), idOf(args.targetId, 'CommunityTopic'))),
  }),
  penalizeCommunityMember: t.field({
    type: PenaltyRef,
    description: 'Silences or suspends a member in the forum for some days, with the reason they are told (also in the audit log).',
    authScopes: moderators,
    args: { memberId: t.arg.globalID({ required: true }), kind: t.arg({ type: PenaltyKindEnum, required: true }), days: t.arg.int({ required: true }), reason: t.arg.string({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'PenalizeCommunityMemberResult' } },
    resolve: (_root, args, ctx) => {
      ctx.auditNotes.set('penalizeCommunityMember', `${args.kind} ${args.days} d: ${args.reason}`);
      return ctx.transaction((em) => ctx.services.community.moderation.penalize(em, (ctx.actor as { staffUserId: number }).staffUserId, idOf(args.memberId, 'Member'), { kind: args.kind, days: args.days, reason: args.reason }));
    },
  }),
  liftCommunityPenalty: t.field({
    type: PenaltyRef,
    authScopes: moderators,
    args: { id: t.arg.id({ required: true }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'LiftCommunityPenaltyResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.community.moderation.lift(em, Number(args.id))),
  }),
}));
