import { MEMBER_STATUSES, type Member } from './member.entity';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import { keysetConnection } from '../graphql/connections';
import type { Context } from '../graphql/context';
import { forbidden } from '../graphql/request-errors';
import { consentOrigin } from '../auth/actor';

/** Staff, an API key with members:read, or the member themself may see a member. */
export function canSeeMember(memberId: number, ctx: Context): boolean {
  const { actor } = ctx;
  if (actor.kind === 'staff') return true;
  if (actor.kind === 'apiKey') return actor.scopes.includes('members:read');
  return actor.kind === 'member' && actor.memberId === memberId;
}

export const MemberStatusEnum = builder.enumType('MemberStatus', {
  values: Object.fromEntries(MEMBER_STATUSES.map((s) => [s.toUpperCase(), { value: s }])) as Record<
    Uppercase<(typeof MEMBER_STATUSES)[number]>,
    { value: (typeof MEMBER_STATUSES)[number] }
  >,
});

export const MemberNode = builder.loadableNode('Member', {
  description: 'A customer of the brand.',
  id: { resolve: (member) => member.id },
  authScopes: (member, ctx) => canSeeMember(member.id, ctx),
  load: (ids: (string | number)[], ctx: Context) => ctx.services.members.byIds(ctx.em, ids),
  fields: (t) => ({
    externalId: t.exposeString('externalId', { nullable: true, description: "The brand's own customer id." }),
    email: t.exposeString('email', { nullable: true }),
    name: t.exposeString('name'),
    locale: t.exposeString('locale'),
    status: t.expose('status', { type: MemberStatusEnum }),
    phone: t.exposeString('phone', { nullable: true }),
    birthday: t.exposeString('birthday', { nullable: true, description: 'YYYY-MM-DD.' }),
    consentEmail: t.exposeBoolean('consentEmail', { description: 'Agreed to marketing email.' }),
    consentSms: t.exposeBoolean('consentSms', { description: 'Agreed to marketing SMS.' }),
    consentUpdatedAt: t.expose('consentUpdatedAt', { type: 'DateTime', nullable: true }),
    attributes: t.expose('attributes', { type: 'JSON', nullable: true, description: "The brand's own fields about the member." }),
    referralCode: t.exposeString('referralCode', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the member joined.' }),
  }),
});

const CreateMemberInput = builder.inputType('CreateMemberInput', {
  fields: (t) => ({
    externalId: t.string({ description: 'Your customer id: sending the same member again changes nothing.' }),
    email: t.string({ required: false }),
    phone: t.string({ required: false, description: 'International format, e.g. +79161234567.' }),
    name: t.string({ required: false }),
    birthday: t.string({ required: false, description: 'YYYY-MM-DD.' }),
    locale: t.string({ required: false, description: '"ru" or "en".' }),
    consentEmail: t.boolean({ required: false }),
    consentSms: t.boolean({ required: false }),
    attributes: t.field({ type: 'JSON', required: false }),
    referralCode: t.string({ required: false, description: "A friend's referral code. An unknown code fails the call and creates nothing." }),
  }),
});

const UpdateMemberInput = builder.inputType('UpdateMemberInput', {
  description: 'Fields left out stay as they are. Members may change their own name, phone, birthday, locale and consents.',
  fields: (t) => ({
    externalId: t.string({ required: false }),
    email: t.string({ required: false }),
    phone: t.string({ required: false }),
    name: t.string({ required: false }),
    birthday: t.string({ required: false }),
    locale: t.string({ required: false }),
    consentEmail: t.boolean({ required: false }),
    consentSms: t.boolean({ required: false }),
    attributes: t.field({ type: 'JSON', required: false }),
    status: t.field({ type: MemberStatusEnum, required: false }),
  }),
});

const MemberCreated = builder.objectRef<{ member: Member; created: boolean }>('MemberCreated').implement({
  fields: (t) => ({
    member: t.field({ type: MemberNode, resolve: (r) => r.member }),
    created: t.exposeBoolean('created', { description: 'False when the same member was sent before and nothing changed.' }),
  }),
});

const SELF_EDITABLE = new Set(['name', 'phone', 'birthday', 'locale', 'consentEmail', 'consentSms']);

builder.mutationFields((t) => ({
  createMember: t.field({
    type: MemberCreated,
    authScopes: { $any: { roles: ['support', 'marketer'], apiScope: 'members:write' } },
    args: { input: t.arg({ type: CreateMemberInput, required: true }) },
    errors: { types: [ValidationError, ConflictError], directResult: true, union: { name: 'CreateMemberResult' } },
    resolve: (_root, { input }, ctx) =>
      ctx.transaction(async (em) => {
        const result = await ctx.services.members.create(em, input as never, consentOrigin(ctx.actor));
        if (input.referralCode != null) await ctx.services.referrals.refer(em, result.member, input.referralCode, ['input', 'referralCode']);
        if (result.created) await ctx.services.rules.onMemberEvent(em, result.member.id, { type: 'signup' });
        return result;
      }),
  }),
  updateMember: t.field({
    type: MemberNode,
    authScopes: { $any: { roles: ['support', 'marketer'], apiScope: 'members:write', member: true } },
    args: { id: t.arg.globalID({ required: true, for: MemberNode }), input: t.arg({ type: UpdateMemberInput, required: true }) },
    errors: { types: [ValidationError, ConflictError, NotFoundError], directResult: true, union: { name: 'UpdateMemberResult' } },
    resolve: (_root, { id, input }, ctx) => {
      const memberId = Number(id.id);
      if (ctx.actor.kind === 'member') {
        if (ctx.actor.memberId !== memberId) throw forbidden();
        const other = Object.keys(input).find((key) => (input as Record<string, unknown>)[key] != null && !SELF_EDITABLE.has(key));
        if (other) throw forbidden(`Members cannot change ${other}.`);
      }
      return ctx.transaction((em) => ctx.services.members.update(em, memberId, input as never, consentOrigin(ctx.actor)));
    },
  }),
}));

builder.queryFields((t) => ({
  member: t.field({
    type: MemberNode,
    nullable: true,
    description: 'A member by global id. Members may read only themselves.',
    args: { id: t.arg.globalID({ required: true }) },
    authScopes: { $any: { staff: true, apiScope: 'members:read', member: true } },
    resolve: (_root, args, ctx) => {
      if (args.id.typename !== 'Member') return null;
      const id = Number(args.id.id);
      // A member asking for anyone else learns nothing, not even whether that id exists.
      if (ctx.actor.kind === 'member' && ctx.actor.memberId !== id) throw forbidden();
      return id;
    },
  }),
  members: t.connection({
    type: MemberNode,
    description: 'Members, oldest first. Staff and API keys with members:read.',
    args: {
      search: t.arg.string({ required: false, description: 'Start of an email, phone or external id, or the starts of words of the name ("иван пет" finds Иван Петров).' }),
      status: t.arg({ type: MemberStatusEnum, required: false }),
    },
    authScopes: { $any: { staff: true, apiScope: 'members:read' } },
    resolve: (_root, args, ctx) =>
      keysetConnection(args, (page) => ctx.services.members.page(ctx.em, page, args.search, { status: args.status })),
    },
    { name: 'MemberConnection' },
    { name: 'MemberEdge' },
  ),
}));
