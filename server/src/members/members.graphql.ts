import { MEMBER_STATUSES } from './member.entity';
import { builder } from '../graphql/builder';
import { keysetConnection } from '../graphql/connections';
import type { Context } from '../graphql/context';
import { forbidden } from '../graphql/request-errors';

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
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

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
    args: { search: t.arg.string({ required: false }) },
    authScopes: { $any: { staff: true, apiScope: 'members:read' } },
    resolve: (_root, args, ctx) =>
      keysetConnection(args, (page) => ctx.services.members.page(ctx.em, page, args.search)),
    },
    { name: 'MemberConnection' },
    { name: 'MemberEdge' },
  ),
}));
