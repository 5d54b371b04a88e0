import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { TRIGGER_EVENTS, type FlowEvent } from '@patron/schema/flow';
import type { PageRequest } from '../db/keyset-page';
import { keysetPage } from '../db/keyset-page';
import { NotFoundError, ValidationError, validationErrorFromZod } from '../errors';
import { enqueueJobs, type JobHandler } from '../jobs/job-queue';
import { Member } from '../members/member.entity';
import type { Program } from '../programs/program.entity';
import type { ListenerProbe } from '../rules/rules.service';
import type { Channel, Dispatcher } from './dispatch';
import { postJson } from './http-post';
import { webhookUrlProblem, type UrlPolicy } from './url-guard';
import { WebhookDelivery, type WebhookStatus } from './webhook-delivery.entity';
import { WebhookSubscription } from './webhook-subscription.entity';

/** What a subscription can listen to: every flow event, and the flow's notify action. */
export const WEBHOOK_EVENT_TYPES = [...TRIGGER_EVENTS, 'notify'] as const;

export interface WebhooksOptions extends UrlPolicy {
  timeoutMs: number;
}

const subscriptionInput = z.object({
  url: z.string().trim().max(2048),
  eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES, { message: `expected one of ${WEBHOOK_EVENT_TYPES.join(', ')}` })).min(1, 'name at least one event type').max(WEBHOOK_EVENT_TYPES.length),
  description: z.string().trim().max(200).default(''),
  active: z.boolean().default(true),
});

/** The signature header: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const digest = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${digest}`;
}

/** Outgoing webhooks: subscriptions, one signed delivery per event and subscriber, a replayable log. */
export class WebhooksService {
  /** The event listener's probe: some subscription is active (which event types it wants is read after). */
  static readonly probe: ListenerProbe = { reads: [{ entity: WebhookSubscription }], ask: () => ({ sql: 'SELECT 1 FROM webhook_subscriptions WHERE active = 1', params: [] }) };

  readonly channel: Channel<WebhookDelivery>;

  constructor(
    private readonly options: WebhooksOptions,
    private readonly dispatcher: Dispatcher,
  ) {
    this.channel = { entity: WebhookDelivery, jobName: 'notify.webhook', success: 'delivered', send: (row, em) => this.send(row, em) };
  }

  get handlers(): Record<string, JobHandler> {
    return { 'notify.webhook': async (em, payload) => this.dispatcher.start(em.connection, this.channel, Number(payload.id)) };
  }

  list(em: EntityManager): Promise<WebhookSubscription[]> {
    return em.find(WebhookSubscription, { order: { id: 'ASC' } });
  }

  async get(em: EntityManager, id: number): Promise<WebhookSubscription> {
    const row = await em.findOne(WebhookSubscription, { where: { id } });
    if (!row) throw new NotFoundError('WebhookSubscription', String(id));
    return row;
  }

  private parse(input: unknown) {
    const parsed = subscriptionInput.safeParse(input);
    if (!parsed.success) throw validationErrorFromZod(parsed.error.issues, ['input']);
    const problem = webhookUrlProblem(parsed.data.url, this.options);
    if (problem) throw ValidationError.of(['input', 'url'], `The URL ${problem}.`);
    return { ...parsed.data, eventTypes: [...new Set(parsed.data.eventTypes)] };
  }

  /** The secret is returned here only; deliveries are signed with it. */
  async create(em: EntityManager, input: unknown, now = new Date()): Promise<{ subscription: WebhookSubscription; secret: string }> {
    const value = this.parse(input);
    const secret = `whsec_${randomBytes(24).toString('hex')}`;
    const subscription = em.create(WebhookSubscription, { ...value, secret, createdAt: now, updatedAt: now });
    await em.save(subscription);
    return { subscription, secret };
  }

  async update(em: EntityManager, id: number, input: unknown, now = new Date()): Promise<WebhookSubscription> {
    const subscription = await this.get(em, id);
    Object.assign(subscription, this.parse(input), { updatedAt: now });
    return em.save(subscription);
  }

  /** The log of its deliveries stays. */
  async remove(em: EntityManager, id: number): Promise<WebhookSubscription> {
    const subscription = await this.get(em, id);
    await em.delete(WebhookSubscription, { id });
    return Object.assign(subscription, { id });
  }

  /** Rules listener: every event, after the campaigns ran, in the event's transaction. */
  async onEvent(em: EntityManager, program: Program, memberId: number, event: FlowEvent, now: Date): Promise<void> {
    const subscribers = await this.subscribers(em, event.type);
    if (subscribers.length === 0) return;
    const member = await em.findOne(Member, { select: { id: true, externalId: true }, where: { id: memberId } });
    const data = { memberId: String(memberId), externalId: member?.externalId ?? null, programCode: program.code, name: event.name ?? null, purchase: event.purchase ?? null, data: event.data ?? null };
    await this.enqueue(em, subscribers, event.type, data, new Date(event.occurredAt), now);
  }

  /** An event that is not a flow trigger (the notify action) to its subscribers. */
  async emit(em: EntityManager, type: string, data: Record<string, unknown>, now: Date): Promise<void> {
    const subscribers = await this.subscribers(em, type);
    if (subscribers.length) await this.enqueue(em, subscribers, type, data, now, now);
  }

  /**
   * A flow's notify node posts to its own URL. There is no subscription, hence no secret:
   * these posts are unsigned (README, Webhooks); receivers that need proof subscribe to 'notify'.
   */
  async postFromFlow(em: EntityManager, url: string, data: Record<string, unknown>, now: Date): Promise<void> {
    const problem = webhookUrlProblem(url, this.options);
    if (!problem) return this.enqueue(em, [{ id: null, url }], 'notify', data, now, now);
    // Logged as failed rather than dropped, so the console shows why nothing arrived.
    const body = JSON.stringify({ id: randomUUID(), type: 'notify', occurredAt: now.toISOString(), data });
    await em.insert(WebhookDelivery, { url: url.slice(0, 2048), eventType: 'notify', eventId: JSON.parse(body).id, body, status: 'failed', lastError: `the URL ${problem}`, createdAt: now });
  }

  private async subscribers(em: EntityManager, type: string): Promise<WebhookSubscription[]> {
    const active = await em.find(WebhookSubscription, { where: { active: true } });
    return active.filter((s) => s.eventTypes.includes(type));
  }

  private async enqueue(em: EntityManager, targets: { id: number | null; url: string }[], type: string, data: Record<string, unknown>, occurredAt: Date, now: Date) {
    const eventId = randomUUID();
    const when = Number.isNaN(occurredAt.getTime()) ? now : occurredAt;
    const body = JSON.stringify({ id: eventId, type, occurredAt: when.toISOString(), data });
    const rows = targets.map((t) => em.create(WebhookDelivery, { subscriptionId: t.id, url: t.url, eventType: type, eventId, body, createdAt: now }));
    await em.save(rows);
    await enqueueJobs(em, rows.map((row) => ({ name: 'notify.webhook', runAt: now, uniqueKey: `notify.webhook:${row.id}:0`, payload: { id: row.id }, maxAttempts: 3 })));
  }

  /** Sends a delivery again (a new log row, the same event id and body). */
  async replay(em: EntityManager, id: number, now = new Date()): Promise<WebhookDelivery> {
    const original = await em.findOne(WebhookDelivery, { where: { id } });
    if (!original) throw new NotFoundError('WebhookDelivery', String(id));
    const subscription = original.subscriptionId ? await em.findOne(WebhookSubscription, { where: { id: original.subscriptionId } }) : null;
    if (original.subscriptionId && !subscription) throw new NotFoundError('WebhookSubscription', String(original.subscriptionId));
    const copy = em.create(WebhookDelivery, { subscriptionId: original.subscriptionId, url: subscription?.url ?? original.url, eventType: original.eventType, eventId: original.eventId, body: original.body, replayOf: original.id, createdAt: now });
    await em.save(copy);
    await this.dispatcher.enqueue(em, 'notify.webhook', copy.id, now);
    return copy;
  }

  deliveries(em: EntityManager, page: PageRequest, filter: { subscriptionId?: number | null; status?: WebhookStatus | null }): Promise<WebhookDelivery[]> {
    return keysetPage(em, WebhookDelivery, page, (qb, alias) => {
      if (filter.subscriptionId) qb.andWhere(`${alias}.subscriptionId = :subscriptionId`, { subscriptionId: filter.subscriptionId });
      if (filter.status) qb.andWhere(`${alias}.status = :status`, { status: filter.status });
    });
  }

  /** One attempt, outside any transaction: signed when it belongs to a subscription. */
  private async send(row: WebhookDelivery, em: EntityManager) {
    const subscription = row.subscriptionId ? await em.findOne(WebhookSubscription, { where: { id: row.subscriptionId } }) : null;
    if (row.subscriptionId && !subscription) return { ok: false, error: 'the subscription was deleted' };
    const url = subscription?.url ?? row.url;
    const problem = webhookUrlProblem(url, this.options);
    if (problem) return { ok: false, error: `the URL ${problem}` };
    const headers: Record<string, string> = { 'x-patron-event': row.eventType, 'x-patron-delivery': String(row.id) };
    if (subscription) headers['x-patron-signature'] = signatureHeader(subscription.secret, row.body, Math.floor(Date.now() / 1000));
    const result = await postJson(url, row.body, headers, { timeoutMs: this.options.timeoutMs, refusePrivate: this.options.production && !this.options.allowPrivate });
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    return { ok, error: ok ? null : (result.error ?? `answered ${result.status}`), fields: { responseStatus: result.status, durationMs: result.durationMs } };
  }
}
