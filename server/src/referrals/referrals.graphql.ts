import { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors';
import { loadByIds } from '../db/load-by-ids';
import { builder } from '../graphql/builder';
import { keysetConnection } from '../graphql/connections';
import type { Context } from '../graphql/context';
import { requestLoader } from '../graphql/loaders';
import { idOf, programScopedInput } from '../ledger/ledger.graphql';
import { MemberNode } from '../members/members.graphql';
import { enumOf, ProgramNode } from '../programs/programs.graphql';
import { maskedName } from './identity';
import type { ReferralTerms } from './referral-terms.entity';
import { Referral, REFERRAL_STATUSES, REJECT_REASONS } from './referral.entity';
import type { ReferralCounts } from './referrals.service';

const ReferralStatusEnum = enumOf('ReferralStatus', REFERRAL_STATUSES);
const RejectReasonEnum = enumOf('ReferralRejectReason', REJECT_REASONS, 'Why a guard refused a referral.');
const readers = { $any: { roles: ['marketer' as const, 'analyst' as const, 'support' as const] } };
const editors = { roles: ['marketer' as const] };

const isStaff = (ctx: Context) => ctx.actor.kind === 'staff';

/** Staff, an API key with members:read, or one of the two members of the referral. */
function canSeeReferral(referral: Referral, ctx: Context): boolean {
  const { actor } = ctx;
  if (actor.kind === 'staff') return true;
  if (actor.kind === 'apiKey') return actor.scopes.includes('members:read');
  return actor.kind === 'member' && (actor.memberId === referral.referrerId || actor.memberId === referral.refereeId);
}

/** A member's name, masked, through one batched query per request. */
const maskedNameOf = (ctx: Context, memberId: number) =>
  requestLoader(ctx, 'referrals:memberNames', (ids: readonly number[]) => ctx.services.members.byIds(ctx.em, ids))
    .load(memberId)
    .then((member) => maskedName(member?.name ?? ''));

export const ReferralNode = builder.loadableNode('Referral', {
  description: 'A friend who joined with a member\'s code: pending until their first qualifying purchase, then qualified once; or rejected by a guard.',
  id: { resolve: (r) => r.id },
  authScopes: (r, ctx) => canSeeReferral(r, ctx),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, Referral, ids),
  fields: (t) => ({
    status: t.field({ type: ReferralStatusEnum, resolve: (r) => r.status }),
    rejectReason: t.field({ type: RejectReasonEnum, nullable: true, description: 'Shown to staff only.', resolve: (r, _a, ctx) => (isStaff(ctx) ? r.rejectReason : null) }),
    code: t.exposeString('code', { description: 'The code the friend signed up with.' }),
    referrerName: t.string({ description: 'The referrer\'s first name and initial, e.g. "Анна И.".', resolve: (r, _a, ctx) => maskedNameOf(ctx, r.referrerId) }),
    refereeName: t.string({ description: 'The friend\'s first name and initial, e.g. "Анна И.".', resolve: (r, _a, ctx) => maskedNameOf(ctx, r.refereeId) }),
    referrer: t.field({ type: MemberNode, authScopes: { $any: { staff: true, apiScope: 'members:read' } }, resolve: (r) => r.referrerId }),
    referee: t.field({ type: MemberNode, authScopes: { $any: { staff: true, apiScope: 'members:read' } }, resolve: (r) => r.refereeId }),
    program: t.field({ type: ProgramNode, resolve: (r) => r.programId }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the friend signed up.' }),
    qualifiedAt: t.expose('qualifiedAt', { type: 'DateTime', nullable: true }),
  }),
});

const CountsRef = builder.objectRef<ReferralCounts>('ReferralCounts').implement({
  fields: (t) => ({ pending: t.exposeInt('pending'), qualified: t.exposeInt('qualified'), rejected: t.exposeInt('rejected'), total: t.exposeInt('total') }),
});

const TermsRef = builder.objectRef<ReferralTerms>('ReferralTerms').implement({
  description: "A program's referral terms.",
  fields: (t) => ({
    program: t.field({ type: ProgramNode, resolve: (r) => r.programId }),
    minPurchaseMinor: t.exposeInt('minPurchaseMinor', { description: 'The smallest purchase that qualifies a referral, in minor units.' }),
    windowDays: t.exposeInt('windowDays', { nullable: true, description: 'Days after sign-up for the qualifying purchase; null = any time.' }),
    monthlyCap: t.exposeInt('monthlyCap', { nullable: true, description: 'Referrals one member may make per calendar month (program time zone); null = no cap.' }),
  }),
});

const ReferralTermsInput = builder.inputType('ReferralTermsInput', {
  description: 'Fields left out stay as they are; null clears the window or the cap.',
  fields: (t) => ({
    programId: t.globalID({ required: false, for: ProgramNode }),
    minPurchaseMinor: t.int({ required: false }),
    windowDays: t.int({ required: false }),
    monthlyCap: t.int({ required: false }),
  }),
});

builder.objectFields(MemberNode, (t) => ({
  referralLink: t.string({
    nullable: true,
    description: 'The link the member shares to invite friends (PUBLIC_URL + /join?ref=CODE, relative when PUBLIC_URL is not set).',
    resolve: (member, _a, ctx) => (member.referralCode ? ctx.services.referrals.linkFor(member.referralCode) : null),
  }),
  referrals: t.field({
    type: [ReferralNode],
    description: 'The friends this member invited, newest first (at most `first`, up to 100).',
    args: { first: t.arg.int({ required: false, defaultValue: 50, validate: z.number().int().min(0).max(100) }) },
    resolve: (member, args, ctx) => {
      const limit = args.first ?? 50;
      return requestLoader(ctx, `referrals:madeBy:${limit}`, (ids: readonly number[]) => ctx.services.referrals.madeBy(ctx.em, ids, limit)).load(member.id);
    },
  }),
  referredBy: t.field({
    type: ReferralNode,
    nullable: true,
    description: 'The referral that brought this member, if any.',
    resolve: (member, _a, ctx) => requestLoader(ctx, 'referrals:of', (ids: readonly number[]) => ctx.services.referrals.referralsOf(ctx.em, ids)).load(member.id),
  }),
}));

builder.queryFields((t) => ({
  referrals: t.connection(
    {
      type: ReferralNode,
      description: "A program's referrals, oldest first, with counts by status.",
      authScopes: readers,
      args: { programId: t.arg.globalID({ required: false, for: ProgramNode }), status: t.arg({ type: ReferralStatusEnum, required: false }) },
      resolve: async (_root, args, ctx) => {
        const program = await ctx.services.programs.resolve(ctx.em, args.programId ? idOf(args.programId, 'Program') : null);
        const connection = await keysetConnection(args, (page) => ctx.services.referrals.page(ctx.em, page, { programId: program.id, status: args.status }));
        return Object.assign(connection, { programId: program.id });
      },
    },
    {
      name: 'ReferralConnection',
      fields: (t) => ({
        counts: t.field({
          type: CountsRef,
          description: 'Referrals of the program by status (whatever the status filter).',
          resolve: (connection, _a, ctx) => ctx.services.referrals.counts(ctx.em, (connection as unknown as { programId: number }).programId),
        }),
      }),
    },
    { name: 'ReferralEdge' },
  ),
  referralTerms: t.field({
    type: TermsRef,
    description: "A program's referral terms (the default program when none is named). Members read them to know what their friend must do.",
    authScopes: { $any: { staff: true, member: true } },
    args: { programId: t.arg.globalID({ required: false, for: ProgramNode }) },
    errors: { types: [NotFoundError, ValidationError], directResult: true, union: { name: 'ReferralTermsResult' } },
    resolve: (_root, args, ctx) => ctx.services.referrals.terms(ctx.em, args.programId ? idOf(args.programId, 'Program') : null),
  }),
}));

builder.mutationFields((t) => ({
  updateReferralTerms: t.field({
    type: TermsRef,
    authScopes: editors,
    args: { input: t.arg({ type: ReferralTermsInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'UpdateReferralTermsResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => ctx.services.referrals.updateTerms(em, referralTermsOf(input))),
  }),
}));

/** Keeps explicit nulls (they clear the window or the cap); drops fields left out. */
function referralTermsOf(input: Record<string, unknown>): never {
  const scoped = programScopedInput(input) as Record<string, unknown>;
  for (const key of ['windowDays', 'monthlyCap']) if (input[key] === null) scoped[key] = null;
  return scoped as never;
}
