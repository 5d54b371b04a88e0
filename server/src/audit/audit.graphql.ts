import { builder } from '../graphql/builder';
import { keysetConnection } from '../graphql/connections';
import type { AuditEntry } from './audit-entry.entity';

const AuditEntryRef = builder.objectRef<AuditEntry>('AuditEntry').implement({
  description: 'A change a staff member or an API key asked for. Arguments are not kept (they may hold personal data).',
  fields: (t) => ({
    staffUserId: t.exposeInt('staffUserId', { nullable: true }),
    apiKeyId: t.exposeInt('apiKeyId', { nullable: true }),
    role: t.exposeString('role'),
    action: t.exposeString('action', { description: 'The mutation.' }),
    target: t.exposeString('target', { nullable: true, description: 'The id it was about.' }),
    outcome: t.exposeString('outcome', { description: 'ok, or the error code or type.' }),
    note: t.exposeString('note', { nullable: true, description: 'The reason the staff member gave, for mutations that ask for one (penalizeCommunityMember).' }),
    ip: t.exposeString('ip', { nullable: true }),
    at: t.expose('at', { type: 'DateTime' }),
  }),
});

builder.queryFields((t) => ({
  auditLog: t.connection(
    {
      type: AuditEntryRef,
      description: 'Staff and API-key changes, newest first. Admins only.',
      authScopes: { roles: ['admin' as const] },
      args: { staffUserId: t.arg.int({ required: false }) },
      resolve: (_root, args, ctx) => keysetConnection(args, (page) => ctx.services.audit.page(ctx.em, page, args.staffUserId)),
    },
    { name: 'AuditEntryConnection' },
    { name: 'AuditEntryEdge' },
  ),
}));
