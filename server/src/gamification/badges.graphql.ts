import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import type { Context } from '../graphql/context';
import { requestLoader } from '../graphql/loaders';
import { loadByIds } from '../db/load-by-ids';
import { idOf, programScopedInput } from '../ledger/ledger.graphql';
import { MemberNode } from '../members/members.graphql';
import { enumOf, ProgramNode } from '../programs/programs.graphql';
import { Badge, BADGE_STATUSES } from './badge.entity';
import { BADGE_SOURCES, type MemberBadge } from './member-badge.entity';

const BadgeStatusEnum = enumOf('BadgeStatus', BADGE_STATUSES);
const BadgeSourceEnum = enumOf('BadgeSource', BADGE_SOURCES, 'CAMPAIGN: a flow granted it; CHALLENGE: completing a challenge; STAFF: granted by hand.');
export const gamificationEditors = { roles: ['marketer' as const] };
const signedIn = (ctx: Context) => ctx.actor.kind === 'staff' || ctx.actor.kind === 'member' || (ctx.actor.kind === 'apiKey' && ctx.actor.scopes.includes('members:read'));

export const BadgeNode = builder.loadableNode('Badge', {
  description: 'A badge members earn (flows grant it with action.grantBadge; a challenge may grant it on completion).',
  id: { resolve: (b) => b.id },
  // Badges are shown on members' profiles and leaderboards: anyone signed in may see them.
  authScopes: (_b, ctx) => signedIn(ctx),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, Badge, ids),
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    image: t.exposeString('image', { nullable: true, description: 'An https URL or an inline PNG/SVG data URL.' }),
    status: t.field({ type: BadgeStatusEnum, resolve: (b) => b.status }),
    program: t.field({ type: ProgramNode, resolve: (b) => b.programId }),
  }),
});

export const MemberBadgeRef = builder.objectRef<MemberBadge>('MemberBadge').implement({
  description: 'A badge a member holds.',
  fields: (t) => ({
    badge: t.field({ type: BadgeNode, resolve: (mb) => mb.badgeId }),
    awardedAt: t.expose('awardedAt', { type: 'DateTime' }),
    source: t.field({ type: BadgeSourceEnum, resolve: (mb) => mb.source }),
  }),
});

const BadgeInput = builder.inputType('BadgeInput', {
  fields: (t) => ({
    programId: t.globalID({ required: false, for: ProgramNode }),
    code: t.string({ required: false, description: 'Lower-case letters, digits, _ and -; fixed once created.' }),
    name: t.string({ required: false }),
    description: t.string({ required: false }),
    image: t.string({ required: false, description: 'An https URL, or a base64 data URL of a PNG or SVG image (at most 64,000 characters). Empty removes it.' }),
    status: t.field({ type: BadgeStatusEnum, required: false }),
  }),
});

const RevokedRef = builder.objectRef<{ revoked: boolean }>('BadgeRevoked').implement({ fields: (t) => ({ revoked: t.exposeBoolean('revoked') }) });

builder.objectField(MemberNode, 'badges', (t) =>
  t.field({
    type: [MemberBadgeRef],
    description: 'Badges the member holds, newest first.',
    // Batched: a page of members costs one query.
    resolve: (member, _args, ctx) => requestLoader(ctx, 'badgesByMember', (ids: readonly number[]) => ctx.services.gamification.badges.forMembers(ctx.em, ids)).load(member.id),
  }),
);

builder.queryFields((t) => ({
  badges: t.field({
    type: [BadgeNode],
    description: 'Badges of a program (the default one when none is named). Members see the active ones.',
    authScopes: { $any: { staff: true, member: true, apiScope: 'members:read' } },
    args: { programId: t.arg.globalID({ required: false, for: ProgramNode }), status: t.arg({ type: BadgeStatusEnum, required: false }) },
    resolve: (_root, args, ctx) => ctx.services.gamification.badges.list(ctx.em, args.programId ? Number(args.programId.id) : null, ctx.actor.kind === 'staff' ? args.status : 'active'),
  }),
}));

builder.mutationFields((t) => ({
  createBadge: t.field({
    type: BadgeNode,
    authScopes: gamificationEditors,
    args: { input: t.arg({ type: BadgeInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'CreateBadgeResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => ctx.services.gamification.badges.create(em, programScopedInput(input))),
  }),
  updateBadge: t.field({
    type: BadgeNode,
    authScopes: gamificationEditors,
    // The id's type is checked after authorization (idOf), so that a caller without the right is told so first.
    args: { id: t.arg.globalID({ required: true }), input: t.arg({ type: BadgeInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'UpdateBadgeResult' } },
    resolve: (_root, { id, input }, ctx) => ctx.transaction((em) => ctx.services.gamification.badges.update(em, idOf(id, 'Badge'), programScopedInput(input))),
  }),
  grantBadge: t.field({
    type: MemberBadgeRef,
    description: 'Grants a badge by hand; a member holds each badge once (a second grant is a conflict).',
    authScopes: gamificationEditors,
    args: { memberId: t.arg.globalID({ required: true, for: MemberNode }), badgeId: t.arg.globalID({ required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'GrantBadgeResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.gamification.badges.grantByStaff(em, idOf(args.memberId, 'Member'), idOf(args.badgeId, 'Badge'))),
  }),
  revokeBadge: t.field({
    type: RevokedRef,
    authScopes: gamificationEditors,
    args: { memberId: t.arg.globalID({ required: true, for: MemberNode }), badgeId: t.arg.globalID({ required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'RevokeBadgeResult' } },
    resolve: async (_root, args, ctx) => {
      await ctx.transaction((em) => ctx.services.gamification.badges.revoke(em, idOf(args.memberId, 'Member'), idOf(args.badgeId, 'Badge')));
      return { revoked: true };
    },
  }),
}));
