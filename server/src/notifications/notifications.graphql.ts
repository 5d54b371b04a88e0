import { ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import { keysetConnection } from '../graphql/connections';
import { MemberNode } from '../members/members.graphql';
import { enumOf } from '../programs/programs.graphql';
import { MESSAGE_STATUSES, type MessageDelivery } from './message-delivery.entity';
import { TEMPLATE_LOCALES } from './message-template.entity';
import type { TemplateView } from './notifications.service';
import { maskEmail } from './templates';

const TemplateLocaleEnum = enumOf('TemplateLocale', TEMPLATE_LOCALES);
const MessageStatusEnum = enumOf('MessageStatus', MESSAGE_STATUSES);
const editors = { roles: ['marketer' as const] };

const MessageTemplateRef = builder.objectRef<TemplateView>('MessageTemplate').implement({
  description: 'An email per code and locale. The body is plain text with {{name}}, {{points}}, {{tier}}, {{reward}}, {{email}}, {{program}} ({{link}}: the password-reset link); the HTML part is made from it, escaped.',
  fields: (t) => ({
    code: t.exposeString('code'),
    locale: t.field({ type: TemplateLocaleEnum, resolve: (v) => v.locale }),
    subject: t.exposeString('subject'),
    body: t.exposeString('body'),
    marketing: t.exposeBoolean('marketing', { description: 'Marketing mail goes only to members who consented to email.' }),
    custom: t.exposeBoolean('custom', { description: 'False while the text is the built-in one.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', nullable: true }),
  }),
});

const MessageDeliveryRef = builder.objectRef<MessageDelivery>('MessageDelivery').implement({
  description: 'One email to one member and how its sending went.',
  fields: (t) => ({
    id: t.exposeInt('id'),
    channel: t.exposeString('channel'),
    template: t.exposeString('templateCode'),
    locale: t.exposeString('locale'),
    member: t.field({ type: MemberNode, nullable: true, resolve: (d) => d.memberId }),
    recipient: t.string({ description: 'Masked: a***@example.com.', resolve: (d) => (d.recipient ? maskEmail(d.recipient) : '') }),
    subject: t.exposeString('subject'),
    marketing: t.exposeBoolean('marketing'),
    status: t.field({ type: MessageStatusEnum, resolve: (d) => d.status }),
    attempts: t.exposeInt('attempts'),
    lastError: t.string({ nullable: true, description: 'The last failure, or why it was skipped (addresses in it masked).', resolve: (d) => d.lastError?.replace(/[^\s'"<>(),;:@]+@[^\s'"<>(),;:@]+/g, maskEmail) ?? null }),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true }),
    sentAt: t.expose('sentAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const TemplateInput = builder.inputType('MessageTemplateInput', {
  fields: (t) => ({
    code: t.string({ required: true }),
    locale: t.field({ type: TemplateLocaleEnum, required: true }),
    subject: t.string({ required: true }),
    body: t.string({ required: true }),
    marketing: t.boolean({ required: true }),
  }),
});

builder.queryFields((t) => ({
  messageTemplates: t.field({
    type: [MessageTemplateRef],
    description: 'Every template code × locale, the built-in text where none was written.',
    authScopes: editors,
    resolve: (_root, _args, ctx) => ctx.services.notifications.templates(ctx.em),
  }),
  messageDeliveries: t.connection(
    {
      type: MessageDeliveryRef,
      description: 'Emails, oldest first, with their status; recipients are masked.',
      authScopes: { roles: ['marketer' as const, 'support' as const] },
      args: {
        status: t.arg({ type: MessageStatusEnum, required: false }),
        memberId: t.arg.globalID({ required: false, for: MemberNode }),
        template: t.arg.string({ required: false }),
      },
      resolve: (_root, args, ctx) =>
        keysetConnection(args, (page) => ctx.services.notifications.deliveries(ctx.em, page, { status: args.status, memberId: args.memberId ? Number(args.memberId.id) : null, template: args.template })),
    },
    { name: 'MessageDeliveryConnection' },
    { name: 'MessageDeliveryEdge' },
  ),
}));

builder.mutationFields((t) => ({
  updateMessageTemplate: t.field({
    type: MessageTemplateRef,
    description: 'Writes the text of a template code in one locale (a new code is created).',
    authScopes: editors,
    args: { input: t.arg({ type: TemplateInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'UpdateMessageTemplateResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => ctx.services.notifications.updateTemplate(em, input)),
  }),
}));
