import { NotFoundError, ValidationError } from '../errors';
import { builder } from '../graphql/builder';
import type { Context } from '../graphql/context';
import { keysetConnection } from '../graphql/connections';
import { loadByIds } from '../db/load-by-ids';
import { enumOf } from '../programs/programs.graphql';
import { WEBHOOK_STATUSES, WebhookDelivery } from './webhook-delivery.entity';
import { WebhookSubscription } from './webhook-subscription.entity';

const WebhookStatusEnum = enumOf('WebhookDeliveryStatus', WEBHOOK_STATUSES);
const admins = { roles: ['admin' as const] };
const isAdmin = (ctx: Context) => ctx.actor.kind === 'staff' && ctx.actor.role === 'admin';

export const WebhookSubscriptionNode = builder.loadableNode('WebhookSubscription', {
  description: 'An outside system told of events by signed POSTs (see README, Webhooks). The secret is shown once, when it is created.',
  id: { resolve: (s) => s.id },
  authScopes: (_s, ctx) => isAdmin(ctx),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, WebhookSubscription, ids),
  fields: (t) => ({
    url: t.exposeString('url'),
    eventTypes: t.exposeStringList('eventTypes'),
    description: t.exposeString('description'),
    active: t.exposeBoolean('active'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

export const WebhookDeliveryNode = builder.loadableNode('WebhookDelivery', {
  description: 'One POST of one event to one receiver, with its attempts.',
  id: { resolve: (d) => d.id },
  authScopes: (_d, ctx) => isAdmin(ctx),
  load: (ids: (string | number)[], ctx: Context) => loadByIds(ctx.em, WebhookDelivery, ids),
  fields: (t) => ({
    subscription: t.field({ type: WebhookSubscriptionNode, nullable: true, description: 'Null for a flow notify node (unsigned) or a deleted subscription.', resolve: (d) => d.subscriptionId }),
    url: t.exposeString('url'),
    eventType: t.exposeString('eventType'),
    eventId: t.exposeString('eventId', { description: 'The same for a replay: receivers drop duplicates by it.' }),
    body: t.exposeString('body', { description: 'The exact JSON that was signed and sent.' }),
    status: t.field({ type: WebhookStatusEnum, resolve: (d) => d.status }),
    attempts: t.exposeInt('attempts'),
    responseStatus: t.exposeInt('responseStatus', { nullable: true }),
    durationMs: t.exposeInt('durationMs', { nullable: true }),
    lastError: t.exposeString('lastError', { nullable: true }),
    nextAttemptAt: t.expose('nextAttemptAt', { type: 'DateTime', nullable: true }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    replayOf: t.exposeInt('replayOf', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

const CreatedRef = builder.objectRef<{ subscription: WebhookSubscription; secret: string }>('WebhookSubscriptionCreated').implement({
  fields: (t) => ({
    subscription: t.field({ type: WebhookSubscriptionNode, resolve: (c) => c.subscription }),
    secret: t.exposeString('secret', { description: 'Shown this once: keep it to verify X-Patron-Signature.' }),
  }),
});

const SubscriptionInput = builder.inputType('WebhookSubscriptionInput', {
  fields: (t) => ({
    url: t.string({ required: true, description: 'https:// in production; private addresses only with WEBHOOKS_ALLOW_PRIVATE.' }),
    eventTypes: t.stringList({ required: true, description: 'Flow event types (purchase, signup, tierChanged…) and notify.' }),
    description: t.string({ required: false }),
    active: t.boolean({ required: false }),
  }),
});
/** The id's number, checked here rather than by the argument so that callers without the right are denied before any id is looked at. */
function idOf(id: { typename: string; id: string }, typename: string): number {
  const value = Number(id.id);
  if (id.typename !== typename || !Number.isSafeInteger(value)) throw new NotFoundError(typename, id.id);
  return value;
}
const clean = (input: { description?: string | null; active?: boolean | null } & Record<string, unknown>) => ({ ...input, description: input.description ?? undefined, active: input.active ?? undefined });

builder.queryFields((t) => ({
  webhookSubscriptions: t.field({
    type: [WebhookSubscriptionNode],
    authScopes: admins,
    resolve: (_root, _args, ctx) => ctx.services.webhooks.list(ctx.em),
  }),
  webhookDeliveries: t.connection(
    {
      type: WebhookDeliveryNode,
      description: 'Deliveries oldest first, by subscription and status.',
      authScopes: admins,
      args: { subscriptionId: t.arg.globalID({ required: false }), status: t.arg({ type: WebhookStatusEnum, required: false }) },
      resolve: (_root, args, ctx) =>
        keysetConnection(args, (page) => ctx.services.webhooks.deliveries(ctx.em, page, { subscriptionId: args.subscriptionId ? idOf(args.subscriptionId, 'WebhookSubscription') : null, status: args.status })),
    },
    { name: 'WebhookDeliveryConnection' },
    { name: 'WebhookDeliveryEdge' },
  ),
}));

builder.mutationFields((t) => ({
  createWebhookSubscription: t.field({
    type: CreatedRef,
    authScopes: admins,
    args: { input: t.arg({ type: SubscriptionInput, required: true }) },
    errors: { types: [ValidationError], directResult: true, union: { name: 'CreateWebhookSubscriptionResult' } },
    resolve: (_root, { input }, ctx) => ctx.transaction((em) => ctx.services.webhooks.create(em, clean(input))),
  }),
  updateWebhookSubscription: t.field({
    type: WebhookSubscriptionNode,
    authScopes: admins,
    args: { id: t.arg.globalID({ required: true }), input: t.arg({ type: SubscriptionInput, required: true }) },
    errors: { types: [ValidationError, NotFoundError], directResult: true, union: { name: 'UpdateWebhookSubscriptionResult' } },
    resolve: (_root, { id, input }, ctx) => ctx.transaction((em) => ctx.services.webhooks.update(em, idOf(id, 'WebhookSubscription'), clean(input))),
  }),
  deleteWebhookSubscription: t.field({
    type: WebhookSubscriptionNode,
    description: 'Stops deliveries; the log of past ones stays.',
    authScopes: admins,
    args: { id: t.arg.globalID({ required: true }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'DeleteWebhookSubscriptionResult' } },
    resolve: (_root, { id }, ctx) => ctx.transaction((em) => ctx.services.webhooks.remove(em, idOf(id, 'WebhookSubscription'))),
  }),
  replayWebhookDelivery: t.field({
    type: WebhookDeliveryNode,
    description: 'Sends a delivery again: a new delivery with the same event id and body.',
    authScopes: admins,
    args: { id: t.arg.globalID({ required: true }) },
    errors: { types: [NotFoundError], directResult: true, union: { name: 'ReplayWebhookDeliveryResult' } },
    resolve: (_root, { id }, ctx) => ctx.transaction((em) => ctx.services.webhooks.replay(em, idOf(id, 'WebhookDelivery'))),
  }),
}));
