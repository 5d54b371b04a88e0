import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import type { Context } from '../graphql/context';
import { requestLoader } from '../graphql/loaders';
import { loadByIds } from '../db/load-by-ids';
import { idOf, programScopedInput } from '../ledger/ledger.graphql';
import { enumOf, ProgramNode, TierNode } from '../programs/programs.graphql';
import { Tier } from '../programs/tier.entity';
import { CATEGORY_KINDS, CommunityCategory, POST_POLICIES } from './category.entity';
import { canReadForum, forumReaders, moderators, writerOf } from './community-access';

const CategoryKindEnum = enumOf('CommunityCategoryKind', CATEGORY_KINDS, 'DISCUSSION; ADVICE (a reply can be accepted as the answer); ANNOUNCEMENTS.');
const PostPolicyEnum = enumOf('CommunityPostPolicy', POST_POLICIES, 'Who may start topics and reply: EVERYONE, members of minTier and above (TIER), or STAFF only. Everyone signed in may read.');

export const CommunityCategoryNode = builder.loadableNode('CommunityCategory', {
  description: 'A forum category (Discourse: Category).',
  id: { resolve: (c) => c.id },
  authScopes: (_c, ctx) => canReadForum(ctx),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, CommunityCategory, ids),
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    color: t.exposeString('color', { description: '#RRGGBB' }),
    position: t.exposeInt('position'),
    kind: t.field({ type: CategoryKindEnum, resolve: (c) => c.kind }),
    postPolicy: t.field({ type: PostPolicyEnum, resolve: (c) => c.postPolicy }),
    minTierName: t.string({
      nullable: true,
      description: 'With TIER: the lowest tier that may post.',
      resolve: async (c, _args, ctx) => (c.minTierId ? ((await requestLoader(ctx, 'communityTiers', (ids: readonly number[]) => loadByIds(ctx.em, Tier, ids)).load(c.minTierId))?.name ?? null) : null),
    }),
    minTier: t.field({ type: TierNode, nullable: true, authScopes: { staff: true }, resolve: (c) => c.minTierId }),
    archived: t.exposeBoolean('archived'),
    topicCount: t.exposeInt('topicCount'),
    program: t.field({ type: ProgramNode, authScopes: { staff: true }, resolve: (c) => c.programId }),
    viewerCanPost: t.boolean({
      description: 'Whether the viewer may start a topic here now (tier, staff-only, a silence).',
      resolve: async (c, _args, ctx) => {
        if (ctx.actor.kind !== 'member' && ctx.actor.kind !== 'staff') return false;
        const standing = ctx.actor.kind === 'member' ? await ctx.services.community.profiles.standing(ctx.em, ctx.actor.memberId, c.programId, new Date()).catch(() => null) : null;
        if (ctx.actor.kind === 'member' && !standing) return false;
        return ctx.services.community.categories.canPost(ctx.em, c, writerOf(ctx), standing);
      },
    }),
  }),
});

const CategoryInput = builder.inputType('CommunityCategoryInput', {
  fields: (t) => ({
    programId: t.globalID({ required: false }),
    slug: t.string({ required: false, description: 'Lower-case letters, digits and -; unique in the program.' }),
    name: t.string({ required: false }),
    description: t.string({ required: false }),
    color: t.string({ required: false, description: '#RRGGBB' }),
    position: t.int({ required: false }),
    kind: t.field({ type: CategoryKindEnum, required: false }),
    postPolicy: t.field({ type: PostPolicyEnum, required: false }),
    minTierId: t.globalID({ required: false }),
    archived: t.boolean({ required: false }),
  }),
});

const categoryInput = (input: Record<string, unknown>) => {
  const { minTierId, ...rest } = input as { minTierId?: { typename: string; id: string } | null };
  return { ...(programScopedInput(rest) as object), ...(minTierId ? { minTierId: idOf(minTierId, 'Tier') } : {}) } as never;
};

builder.queryFields((t) => ({
  communityCategories: t.field({
    type: [CommunityCategoryNode],
    description: 'The forum categories of a program (the default one when none is named), in their order.',
    authScopes: forumReaders,
    args: { programId: t.arg.globalID({ required: false }), includeArchived: t.arg.boolean({ required: false }) },
    resolve: (_root, args, ctx) => ctx.services.community.categories.list(ctx.em, args.programId ? idOf(args.programId, 'Program') : null, Boolean(args.includeArchived) && ctx.actor.kind === 'staff'),
  }),
  communityCategory: t.field({
    type: CommunityCategoryNode,
    nullable: true,
    authScopes: forumReaders,
    args: { slug: t.arg.string({ required: true }), programId: t.arg.globalID({ required: false }) },
    resolve: (_root, args, ctx) => ctx.services.community.categories.bySlug(ctx.em, args.programId ? idOf(args.programId, 'Program') : null, args.slug.slice(0, 64)),
  }),
}));

builder.mutationFields((t) => ({
  createCommunityCategory: t.field({
    type: CommunityCategoryNode,
    authScopes: moderators,
    args: { input: t.arg({ type: CategoryInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'CreateCommunityCategoryResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => ctx.services.community.categories.create(em, categoryInput(input))),
  }),
  updateCommunityCategory: t.field({
    type: CommunityCategoryNode,
    authScopes: moderators,
    args: { id: t.arg.globalID({ required: true }), input: t.arg({ type: CategoryInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'UpdateCommunityCategoryResult' } },
    resolve: (_root, { id, input }, ctx) => ctx.transaction((em) => ctx.services.community.categories.update(em, idOf(id, 'CommunityCategory'), categoryInput(input))),
  }),
}));
