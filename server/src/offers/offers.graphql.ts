import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import { keysetConnection } from '../graphql/connections';
import type { Context } from '../graphql/context';
import { requestLoader } from '../graphql/loaders';
import { programScopedInput } from '../ledger/ledger.graphql';
import { MemberNode } from '../members/members.graphql';
import { enumOf, ProgramNode } from '../programs/programs.graphql';
import { MEMBER_OFFER_STATES, OFFER_OCCASIONS } from './member-offer.entity';
import { OFFER_AUDIENCES, OFFER_KINDS, OFFER_STATUSES } from './offer.entity';
import { describeOffer, type OfferLocale } from './offer-words';
import type { MemberOfferView, OfferStats } from './offers.service';

const OfferKindEnum = enumOf('OfferKind', OFFER_KINDS, 'POINTS_MULTIPLIER: value is a percent of base points (200 = 2×); BONUS_POINTS: value points; PERCENT_DISCOUNT: value percent off, applied by the POS, not by Patron.');
const OfferAudienceEnum = enumOf('OfferAudience', OFFER_AUDIENCES);
const OfferStatusEnum = enumOf('OfferStatus', OFFER_STATUSES);
const MemberOfferStateEnum = enumOf('MemberOfferState', MEMBER_OFFER_STATES);
const OfferOccasionEnum = enumOf('OfferOccasion', OFFER_OCCASIONS, 'BIRTHDAY: granted by a flow on the member’s birthday (trigger.birthday), shown as their birthday gift.');
const OfferLocaleEnum = enumOf('OfferLocale', ['ru', 'en'] as const);
/**
 * An Offer id argument, checked in the resolver rather than by the argument's `for`: a
 * caller without the right is denied before the id is looked at, and a wrong id is a typed error.
 */
function offerIdOf(id: { typename: string; id: string }, arg: string): number {
  if (id.typename !== 'Offer') throw ValidationError.of([arg], 'expected an Offer id', 'invalid_value');
  return Number(id.id);
}
const readers = { $any: { roles: ['marketer' as const, 'analyst' as const] } };
const editors = { roles: ['marketer' as const] };

const OfferStatsRef = builder.objectRef<OfferStats>('OfferStats').implement({
  description: 'Reached: members holding the offer (granted, activated or used); points before refunds.',
  fields: (t) => ({
    reached: t.exposeInt('reached'),
    activated: t.exposeInt('activated'),
    used: t.exposeInt('used', { description: 'Members who used it at least once.' }),
    uses: t.exposeInt('uses'),
    pointsGiven: t.exposeInt('pointsGiven'),
  }),
});

export const OfferNode = builder.loadableNode('Offer', {
  description: 'A personal offer of a program. Members see theirs as MemberOffer (Member.offers, myOffers).',
  id: { resolve: (o) => o.id },
  authScopes: (_o, ctx) => ctx.actor.kind === 'staff',
  load: (ids: (string | number)[], ctx: Context) => ctx.services.offers.byIds(ctx.em, ids),
  fields: (t) => ({
    program: t.field({ type: ProgramNode, resolve: (o) => o.programId }),
    code: t.exposeString('code'),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    kind: t.field({ type: OfferKindEnum, resolve: (o) => o.kind }),
    value: t.exposeInt('value', { description: 'Percent (multiplier, discount) or points (bonus).' }),
    category: t.exposeString('category', { nullable: true }),
    minPurchaseMinor: t.exposeInt('minPurchaseMinor'),
    validFrom: t.expose('validFrom', { type: 'DateTime', nullable: true }),
    validUntil: t.expose('validUntil', { type: 'DateTime', nullable: true }),
    maxUsesPerMember: t.exposeInt('maxUsesPerMember', { nullable: true }),
    requiresActivation: t.exposeBoolean('requiresActivation'),
    audience: t.field({ type: OfferAudienceEnum, resolve: (o) => o.audience }),
    segment: t.exposeString('segment', { nullable: true }),
    favouriteDays: t.exposeInt('favouriteDays'),
    personalDays: t.exposeInt('personalDays'),
    status: t.field({ type: OfferStatusEnum, resolve: (o) => o.status }),
    summary: t.string({ args: { locale: t.arg({ type: OfferLocaleEnum, required: false }) }, resolve: (o, args) => describeOffer(o, null, (args.locale ?? 'ru') as OfferLocale) }),
    stats: t.field({
      type: OfferStatsRef,
      authScopes: readers,
      resolve: (o, _args, ctx) => requestLoader(ctx, 'offerStats', (ids: readonly number[]) => ctx.services.offers.stats(ctx.em, ids)).load(o.id),
    }),
  }),
});

const MemberOfferRef = builder.objectRef<MemberOfferView>('MemberOffer').implement({
  description: 'An offer as one member holds it. A PERCENT_DISCOUNT is for the POS to apply; Patron only counts the use.',
  fields: (t) => ({
    offerId: t.id({ description: 'The Offer id, for activateOffer.', resolve: (v) => Buffer.from(`Offer:${v.offer.id}`).toString('base64') }),
    code: t.string({ resolve: (v) => v.offer.code }),
    title: t.string({ resolve: (v) => v.offer.title }),
    description: t.string({ resolve: (v) => v.offer.description }),
    kind: t.field({ type: OfferKindEnum, resolve: (v) => v.offer.kind }),
    value: t.int({ resolve: (v) => v.offer.value }),
    category: t.string({ nullable: true, description: "The category it counts: the member's favourite for a favourite-category offer.", resolve: (v) => v.category }),
    minPurchaseMinor: t.int({ resolve: (v) => v.offer.minPurchaseMinor }),
    summary: t.string({
      description: 'What it gives, in words ("2× points on coffee").',
      args: { locale: t.arg({ type: OfferLocaleEnum, required: false }) },
      resolve: (v, args) => describeOffer(v.offer, v.category, (args.locale ?? 'ru') as OfferLocale),
    }),
    state: t.field({ type: MemberOfferStateEnum, resolve: (v) => v.state }),
    occasion: t.field({ type: OfferOccasionEnum, nullable: true, description: 'What occasioned a personal grant, when a flow’s trigger said so.', resolve: (v) => v.occasion }),
    grantedAt: t.field({ type: 'DateTime', nullable: true, description: 'When a personal offer was last granted to the member.', resolve: (v) => v.grantedAt }),
    requiresActivation: t.boolean({ resolve: (v) => v.offer.requiresActivation }),
    validUntil: t.field({ type: 'DateTime', nullable: true, resolve: (v) => v.validUntil }),
    maxUses: t.int({ nullable: true, resolve: (v) => v.offer.maxUsesPerMember }),
    uses: t.exposeInt('uses'),
    activatedAt: t.field({ type: 'DateTime', nullable: true, resolve: (v) => v.activatedAt }),
    usedAt: t.field({ type: 'DateTime', nullable: true, resolve: (v) => v.usedAt }),
  }),
});

builder.objectFields(MemberNode, (t) => ({
  offers: t.field({
    type: [MemberOfferRef],
    description: "The member's offers in the default program: what the portal shows and what the POS reads for discounts.",
    resolve: (member, _args, ctx) =>
      requestLoader(ctx, 'offersByMember', async (memberIds: readonly number[]) => {
        const program = await ctx.services.programs.resolve(ctx.em).catch(() => null);
        return program ? ctx.services.offers.forMembers(ctx.em, program.id, memberIds, new Date()) : memberIds.map(() => []);
      }).load(member.id),
  }),
}));

const OfferInput = builder.inputType('OfferInput', {
  fields: (t) => ({
    programId: t.globalID({ required: false, for: ProgramNode }),
    code: t.string({ required: false }),
    title: t.string({ required: false }),
    description: t.string({ required: false }),
    kind: t.field({ type: OfferKindEnum, required: false }),
    value: t.int({ required: false }),
    category: t.string({ required: false }),
    minPurchaseMinor: t.int({ required: false }),
    validFrom: t.field({ type: 'DateTime', required: false }),
    validUntil: t.field({ type: 'DateTime', required: false }),
    maxUsesPerMember: t.int({ required: false }),
    requiresActivation: t.boolean({ required: false }),
    audience: t.field({ type: OfferAudienceEnum, required: false }),
    segment: t.string({ required: false }),
    favouriteDays: t.int({ required: false }),
    personalDays: t.int({ required: false }),
  }),
});

builder.queryFields((t) => ({
  offers: t.connection(
    {
      type: OfferNode,
      authScopes: readers,
      args: { programId: t.arg.globalID({ required: false, for: ProgramNode }), status: t.arg({ type: OfferStatusEnum, required: false }) },
      resolve: (_root, args, ctx) => keysetConnection(args, (page) => ctx.services.offers.page(ctx.em, page, args.programId ? Number(args.programId.id) : null, args.status)),
    },
    { name: 'OfferConnection' },
    { name: 'OfferEdge' },
  ),
  myOffers: t.field({
    type: [MemberOfferRef],
    description: "The signed-in member's offers.",
    authScopes: { member: true },
    resolve: (_root, _args, ctx) => ctx.services.offers.mine(ctx.em, (ctx.actor as { memberId: number }).memberId),
  }),
}));

builder.mutationFields((t) => ({
  createOffer: t.field({
    type: OfferNode,
    authScopes: editors,
    args: { input: t.arg({ type: OfferInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'CreateOfferResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => ctx.services.offers.create(em, programScopedInput(input))),
  }),
  updateOffer: t.field({
    type: OfferNode,
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true }), input: t.arg({ type: OfferInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'UpdateOfferResult' } },
    resolve: (_root, { id, input }, ctx) => ctx.transaction((em) => ctx.services.offers.update(em, offerIdOf(id, 'id'), programScopedInput(input))),
  }),
  setOfferStatus: t.field({
    type: OfferNode,
    description: 'ACTIVE shows the offer to its audience and applies it; ARCHIVED ends it.',
    authScopes: editors,
    args: { id: t.arg.globalID({ required: true }), status: t.arg({ type: OfferStatusEnum, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'SetOfferStatusResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.offers.setStatus(em, offerIdOf(args.id, 'id'), args.status)),
  }),
  activateOffer: t.field({
    type: MemberOfferRef,
    description: 'The signed-in member activates one of their offers; activating again changes nothing.',
    authScopes: { member: true },
    args: { offerId: t.arg.globalID({ required: true }) },
    errors: { types: [NotFoundError, ConflictError, ValidationError], directResult: true, union: { name: 'ActivateOfferResult' } },
    resolve: (_root, args, ctx) => ctx.transaction((em) => ctx.services.offers.activate(em, (ctx.actor as { memberId: number }).memberId, offerIdOf(args.offerId, 'offerId'))),
  }),
}));
