import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { loadByIds } from '../db/load-by-ids';
import { builder } from '../graphql/builder';
import type { Context } from '../graphql/context';
import { requestLoader } from '../graphql/loaders';
import { EXPIRY_POLICIES, Program, ROUNDINGS, TIER_REVIEWS, VALUE_KINDS } from './program.entity';
import { TIER_QUALIFIERS, TIER_WINDOWS, Tier } from './tier.entity';

/** GraphQL enums in UPPER_SNAKE for values stored as camelCase strings. */
export function enumOf<T extends string>(name: string, values: readonly T[], description?: string) {
  const upper = (v: string) => v.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(values.map((v) => [upper(v), { value: v }])) as Record<string, { value: T }>,
  });
}

const ValueKindEnum = enumOf('ValueKind', VALUE_KINDS, 'Points, or cashback held in money (then one point is one minor unit).');
const RoundingEnum = enumOf('Rounding', ROUNDINGS);
const ExpiryPolicyEnum = enumOf('ExpiryPolicy', EXPIRY_POLICIES, 'NEVER; DAYS after earning; or the END_OF_MONTH/QUARTER/YEAR that follows expiryDays after earning.');
const TierReviewEnum = enumOf('TierReview', TIER_REVIEWS, 'When downgrades happen; upgrades are immediate.');
const TierQualifierEnum = enumOf('TierQualifier', TIER_QUALIFIERS);
const TierWindowEnum = enumOf('TierWindow', TIER_WINDOWS);

const staffOrAnyKey = { $any: { staff: true, member: true, apiScope: 'members:read' } } as const;

export const TierNode = builder.loadableNode('Tier', {
  description: 'A level of a program (Basic, Silver, Gold…).',
  id: { resolve: (tier) => tier.id },
  authScopes: staffOrAnyKey,
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, Tier, ids),
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    rank: t.exposeInt('rank', { description: '0 for the entry tier; higher is better.' }),
    qualifyBy: t.expose('qualifyBy', { type: TierQualifierEnum }),
    threshold: t.exposeInt('threshold', { description: 'Spend in minor units, points earned, or purchases, over the window.' }),
    window: t.expose('window', { type: TierWindowEnum }),
    windowDays: t.exposeInt('windowDays'),
    earnMultiplierPercent: t.exposeInt('earnMultiplierPercent', { description: '150 earns 1.5×.' }),
    discountPercent: t.exposeInt('discountPercent', { description: 'Permanent discount at checkout.' }),
    perks: t.exposeStringList('perks'),
  }),
});

export const ProgramNode = builder.loadableNode('Program', {
  description: "A brand's rules of money. Amounts are integers in minor units; points are whole.",
  id: { resolve: (program) => program.id },
  authScopes: staffOrAnyKey,
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, Program, ids),
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    currency: t.exposeString('currency'),
    valueKind: t.expose('valueKind', { type: ValueKindEnum }),
    earnPoints: t.exposeInt('earnPoints', { description: 'Points earned for every earnPerMinor minor units.' }),
    earnPerMinor: t.exposeInt('earnPerMinor'),
    rounding: t.expose('rounding', { type: RoundingEnum }),
    minPurchaseMinor: t.exposeInt('minPurchaseMinor'),
    pointValueMinor: t.exposeInt('pointValueMinor', { description: 'What one point is worth at checkout.' }),
    holdoutPercent: t.exposeInt('holdoutPercent', { description: 'Percent of members (stable hash) whom campaigns leave out, to measure incremental revenue.' }),
    maxRedeemPercent: t.exposeInt('maxRedeemPercent', { description: 'The largest share of an order points may pay.' }),
    minRedeemPoints: t.exposeInt('minRedeemPoints'),
    expiryPolicy: t.expose('expiryPolicy', { type: ExpiryPolicyEnum }),
    expiryDays: t.exposeInt('expiryDays'),
    pendingDays: t.exposeInt('pendingDays', { description: 'Return period before earned points can be spent.' }),
    timezone: t.exposeString('timezone'),
    tierReview: t.expose('tierReview', { type: TierReviewEnum }),
    isDefault: t.exposeBoolean('isDefault'),
    tiers: t.field({
      type: [TierNode],
      resolve: (program, _args, ctx) =>
        requestLoader(ctx, 'tiersByProgram', (ids: readonly number[]) => ctx.services.programs.tiersByProgram(ctx.em, ids)).load(program.id),
    }),
  }),
});

const ProgramInput = builder.inputType('ProgramInput', {
  description: 'Fields left out keep their current value (or the default, on create).',
  fields: (t) => ({
    code: t.string({ required: false }),
    name: t.string({ required: false }),
    currency: t.string({ required: false }),
    valueKind: t.field({ type: ValueKindEnum, required: false }),
    earnPoints: t.int({ required: false }),
    earnPerMinor: t.int({ required: false }),
    rounding: t.field({ type: RoundingEnum, required: false }),
    minPurchaseMinor: t.int({ required: false }),
    pointValueMinor: t.int({ required: false }),
    holdoutPercent: t.int({ required: false, description: '0–50.' }),
    maxRedeemPercent: t.int({ required: false }),
    minRedeemPoints: t.int({ required: false }),
    expiryPolicy: t.field({ type: ExpiryPolicyEnum, required: false }),
    expiryDays: t.int({ required: false }),
    pendingDays: t.int({ required: false }),
    timezone: t.string({ required: false }),
    tierReview: t.field({ type: TierReviewEnum, required: false }),
    isDefault: t.boolean({ required: false }),
  }),
});

const TierInput = builder.inputType('TierInput', {
  fields: (t) => ({
    code: t.string({ required: false }),
    name: t.string({ required: false }),
    rank: t.int({ required: false }),
    qualifyBy: t.field({ type: TierQualifierEnum, required: false }),
    threshold: t.int({ required: false }),
    window: t.field({ type: TierWindowEnum, required: false }),
    windowDays: t.int({ required: false }),
    earnMultiplierPercent: t.int({ required: false }),
    discountPercent: t.int({ required: false }),
    perks: t.stringList({ required: false }),
  }),
});

const programEditors = { roles: ['marketer' as const] };

builder.queryFields((t) => ({
  program: t.field({
    type: ProgramNode,
    description: 'A program by id, or the default one.',
    args: { id: t.arg.globalID({ required: false, for: ProgramNode }) },
    authScopes: staffOrAnyKey,
    resolve: (_root, args, ctx) => ctx.services.programs.resolve(ctx.em, args.id ? Number(args.id.id) : null),
  }),
  programs: t.field({
    type: [ProgramNode],
    authScopes: staffOrAnyKey,
    resolve: (_root, _args, ctx) => ctx.services.programs.list(ctx.em),
  }),
}));

builder.mutationFields((t) => ({
  createProgram: t.field({
    type: ProgramNode,
    authScopes: programEditors,
    args: { input: t.arg({ type: ProgramInput, required: true }) },
    errors: { types: [ValidationError, ConflictError], directResult: true, union: { name: 'CreateProgramResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => ctx.services.programs.create(em, input as never)),
  }),
  updateProgram: t.field({
    type: ProgramNode,
    authScopes: programEditors,
    args: { id: t.arg.globalID({ required: true, for: ProgramNode }), input: t.arg({ type: ProgramInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'UpdateProgramResult' } },
    resolve: (_root, { id, input }, ctx) => ctx.transaction((em) => ctx.services.programs.update(em, Number(id.id), input as never)),
  }),
  saveTier: t.field({
    type: TierNode,
    description: 'Creates a tier, or changes one when tierId is given.',
    authScopes: programEditors,
    args: {
      programId: t.arg.globalID({ required: true, for: ProgramNode }),
      tierId: t.arg.globalID({ required: false, for: TierNode }),
      input: t.arg({ type: TierInput, required: true }),
    },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'SaveTierResult' } },
    resolve: (_root, { programId, tierId, input }, ctx) =>
      ctx.transaction((em) => ctx.services.programs.saveTier(em, Number(programId.id), input as never, tierId ? Number(tierId.id) : undefined)),
  }),
}));
