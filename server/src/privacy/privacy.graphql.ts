import { In } from 'typeorm';
import { ANONYMOUS, consentOrigin } from '../auth/actor';
import { InvalidCredentialsError, NotFoundError, RateLimitedError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import type { Context } from '../graphql/context';
import { requestLoader } from '../graphql/loaders';
import { forbidden } from '../graphql/request-errors';
import { ConsentRecord } from '../members/consent-record.entity';
import { MemberNode } from '../members/members.graphql';

const ConsentRecordRef = builder.objectRef<ConsentRecord>('ConsentRecord').implement({
  description: 'One grant or withdrawal of consent to messages, kept as evidence.',
  fields: (t) => ({
    channel: t.exposeString('channel', { description: 'email or sms.' }),
    granted: t.exposeBoolean('granted'),
    source: t.exposeString('source', { description: 'signup, portal (the member), staff, api (a server), anonymisation or system.' }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime' }),
  }),
});

builder.objectField(MemberNode, 'consentHistory', (t) =>
  t.field({
    type: [ConsentRecordRef],
    description: 'Every change of consent to messages, newest first.',
    resolve: (member, _args, ctx) =>
      requestLoader(ctx, 'consentHistory', async (ids: readonly number[]) => {
        const rows = await ctx.em.find(ConsentRecord, { where: { memberId: In([...ids]) }, order: { recordedAt: 'DESC', id: 'DESC' } });
        return ids.map((id) => rows.filter((row) => row.memberId === id));
      }).load(member.id),
  }),
);

const AccountDeleted = builder.objectRef<{ deleted: true }>('AccountDeleted').implement({
  description: 'The account is anonymised and signed out everywhere.',
  fields: (t) => ({ deleted: t.boolean({ resolve: () => true }) }),
});

/** A member asks about themselves; admin and support staff answer a member's request (null: they named no one). */
function subjectOf(ctx: Context, id: { id: string } | null | undefined): number | null {
  const { actor } = ctx;
  if (actor.kind === 'member') {
    if (id && Number(id.id) !== actor.memberId) throw forbidden();
    return actor.memberId;
  }
  if (actor.kind === 'staff' && (actor.role === 'admin' || actor.role === 'support')) return id ? Number(id.id) : null;
  throw forbidden();
}

builder.queryFields((t) => ({
  memberData: t.field({
    type: 'JSON',
    nullable: true,
    description: 'Everything Patron keeps about a member, as JSON (the right of access and portability). Members get their own; admin and support staff name the member (null when there is no such member).',
    args: { id: t.arg.globalID({ required: false, for: MemberNode }) },
    authScopes: { $any: { member: true, roles: ['support' as const] } },
    resolve: (_root, { id }, ctx) => {
      const memberId = subjectOf(ctx, id);
      return memberId === null ? null : ctx.services.privacy.exportData(ctx.em, memberId);
    },
  }),
}));

builder.mutationFields((t) => ({
  anonymizeMember: t.field({
    type: MemberNode,
    description: 'Removes the person (contacts, name, birthday, attributes, sign-in) and keeps the ledger’s sums. It cannot be undone.',
    authScopes: { roles: ['support' as const] },
    args: { id: t.arg.globalID({ required: true, for: MemberNode }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'AnonymizeMemberResult' } },
    resolve: (_root, { id }, ctx) => ctx.transaction((em) => ctx.services.privacy.anonymise(em, Number(id.id), consentOrigin(ctx.actor))),
  }),
  deleteMyAccount: t.field({
    type: AccountDeleted,
    description: 'The signed-in member deletes their account: it is anonymised (the ledger keeps its sums) and every session ends. The password confirms it.',
    authScopes: { member: true },
    args: { password: t.arg.string({ required: true }) },
    errors: { types: [InvalidCredentialsError, RateLimitedError, ValidationError], directResult: true, union: { name: 'DeleteMyAccountResult' } },
    resolve: async (_root, { password }, ctx) => {
      const memberId = subjectOf(ctx, null)!;
      await ctx.services.auth.confirmMemberPassword(ctx.em, memberId, password, ctx.client);
      await ctx.transaction((em) => ctx.services.privacy.anonymise(em, memberId, consentOrigin(ctx.actor)));
      ctx.setSessionCookie(null);
      ctx.actor = ANONYMOUS;
      return { deleted: true as const };
    },
  }),
}));
