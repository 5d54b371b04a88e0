import { builder } from '../graphql/builder';
import type { Context } from '../graphql/context';
import { requestLoader } from '../graphql/loaders';
import { loadByIds } from '../db/load-by-ids';
import { MemberBadgeRef } from '../gamification/badges.graphql';
import { enumOf } from '../programs/programs.graphql';
import { canReadForum, isModerator, viewerKey, viewerMemberId } from './community-access';
import { REACTIONS, type Reaction } from './post-action.entity';
import { CommunityPost } from './post.entity';
import type { AuthorView } from './profiles.service';
import { writerKey } from './profiles.service';
import type { ReactionCount } from './reactions.service';

export const ReactionEnum = enumOf('CommunityReaction', REACTIONS);

interface AuthorWithTier extends AuthorView {
  tierName: string | null;
  tierCode: string | null;
}

/** Authors of a page of posts or topics in three queries, with their tier in the default program. */
export function loadAuthor(ctx: Context, key: string): Promise<AuthorWithTier> {
  return requestLoader(ctx, 'communityAuthors', async (keys: readonly string[]) => {
    const authors = await ctx.services.community.profiles.authors(ctx.em, keys);
    const memberIds = authors.map((a) => a.memberId).filter((id): id is number => id !== null);
    const program = await ctx.services.programs.resolve(ctx.em, null).catch(() => null);
    const tiers: { memberId: number; name: string; code: string }[] =
      program && memberIds.length
        ? await ctx.em.query(`SELECT a.memberId AS memberId, t.name AS name, t.code AS code FROM loyalty_accounts a INNER JOIN tiers t ON t.id = a.tierId WHERE a.programId = ? AND a.memberId IN (${memberIds.map(() => '?').join(', ')})`, [program.id, ...memberIds])
        : [];
    return authors.map((a) => {
      const tier = tiers.find((t) => Number(t.memberId) === a.memberId);
      return { ...a, tierName: tier?.name ?? null, tierCode: tier?.code ?? null };
    });
  }).load(key);
}

export const CommunityAuthorRef = builder.objectRef<AuthorWithTier>('CommunityAuthor').implement({
  description: 'Who wrote a post, as other members see them: a display name ("Анна И."), @username, tier and badges; staff carry the staff badge. Never a contact.',
  fields: (t) => ({
    displayName: t.exposeString('displayName'),
    memberId: t.id({
      nullable: true,
      description: 'The member’s global id, for staff (to open their profile and moderation history); null for everyone else and for staff authors.',
      resolve: (a, _args, ctx) => (ctx.actor.kind === 'staff' && a.memberId !== null ? Buffer.from(`Member:${a.memberId}`).toString('base64') : null),
    }),
    username: t.exposeString('username', { nullable: true }),
    isStaff: t.exposeBoolean('isStaff'),
    tierName: t.exposeString('tierName', { nullable: true }),
    tierCode: t.exposeString('tierCode', { nullable: true }),
    badges: t.field({
      type: [MemberBadgeRef],
      resolve: (a, _args, ctx) => (a.memberId === null ? [] : requestLoader(ctx, 'badgesByMember', (ids: readonly number[]) => ctx.services.gamification.badges.forMembers(ctx.em, ids)).load(a.memberId)),
    }),
  }),
});

const ReactionCountRef = builder.objectRef<ReactionCount>('CommunityReactionCount').implement({
  fields: (t) => ({
    reaction: t.field({ type: ReactionEnum, resolve: (r) => r.reaction }),
    count: t.exposeInt('count'),
    mine: t.exposeBoolean('mine', { description: 'The viewer gave this reaction.' }),
  }),
});

const isAuthor = (post: CommunityPost, ctx: Context) => viewerMemberId(ctx) !== null && post.authorMemberId === viewerMemberId(ctx);
/** The text of a hidden or deleted post reaches moderators, and its author while it is hidden; no one else. */
const mayReadBody = (post: CommunityPost, ctx: Context) => (post.deletedAt ? isModerator(ctx) : !post.hidden || isModerator(ctx) || isAuthor(post, ctx));

export const CommunityPostNode = builder.loadableNode('CommunityPost', {
  description: 'A post in a topic (Discourse: Post). Hidden and deleted posts stay in the thread as placeholders: html is null for those who may not read them.',
  id: { resolve: (p) => p.id },
  authScopes: (_p, ctx) => canReadForum(ctx),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, CommunityPost, ids),
  fields: (t) => ({
    postNumber: t.exposeInt('postNumber'),
    topicId: t.id({ description: 'The topic’s global id.', resolve: (p) => Buffer.from(`CommunityTopic:${p.topicId}`).toString('base64') }),
    author: t.field({ type: CommunityAuthorRef, resolve: (p, _args, ctx) => loadAuthor(ctx, writerKey(p)) }),
    replyToPostNumber: t.exposeInt('replyToPostNumber', { nullable: true }),
    html: t.string({ nullable: true, description: 'The post rendered on the server and sanitized: safe to insert as HTML.', resolve: (p, _args, ctx) => (mayReadBody(p, ctx) ? p.cooked : null) }),
    raw: t.string({ nullable: true, description: 'The markdown as written, to edit or quote, for whoever may read the post. Text: never render it as HTML.', resolve: (p, _args, ctx) => (mayReadBody(p, ctx) ? p.raw : null) }),
    hidden: t.exposeBoolean('hidden'),
    hiddenReason: t.string({ nullable: true, description: '"flags" (hidden by members’ flags until review) or "moderator".', resolve: (p, _args, ctx) => (isModerator(ctx) || isAuthor(p, ctx) ? p.hiddenReason : null) }),
    deleted: t.boolean({ resolve: (p) => p.deletedAt !== null }),
    version: t.exposeInt('version', { description: 'Above 1 when edited.' }),
    editedAt: t.expose('editedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    reactionCount: t.exposeInt('reactionCount'),
    reactions: t.field({
      type: [ReactionCountRef],
      resolve: (p, _args, ctx) => requestLoader(ctx, 'communityReactions', (ids: readonly number[]) => ctx.services.community.reactions.counts(ctx.em, ids, viewerKey(ctx))).load(p.id),
    }),
    viewerIsAuthor: t.boolean({ resolve: (p, _args, ctx) => isAuthor(p, ctx) }),
    bookmarked: t.boolean({
      resolve: (p, _args, ctx) => {
        const memberId = viewerMemberId(ctx);
        return memberId === null ? false : requestLoader(ctx, 'communityBookmarks', (ids: readonly number[]) => ctx.services.community.reactions.bookmarkedBy(ctx.em, memberId, ids)).load(p.id);
      },
    }),
  }),
});

export const reactionOf = (value: string): Reaction => value as Reaction;
