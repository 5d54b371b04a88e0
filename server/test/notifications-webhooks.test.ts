import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/transaction';
import { Dispatcher } from '../src/notifications/dispatch';
import { postJson } from '../src/notifications/http-post';
import { guardedLookup } from '../src/notifications/url-guard';
import { WebhookDelivery } from '../src/notifications/webhook-delivery.entity';
import { createTestApp, type TestApp } from './harness';
import { globalId, loyaltySetup, newMember, RECORD_PURCHASE } from './loyalty-harness';

type Answer = number | 'hang';

/** A local receiver: answers each path by its plan (the last answer repeats) and keeps every request. */
async function startReceiver() {
  const requests: { path: string; headers: IncomingHttpHeaders; body: string }[] = [];
  const plans = new Map<string, Answer[]>();
  const hanging: { path: string; res: ServerResponse }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      requests.push({ path, headers: req.headers, body });
      const plan = plans.get(path) ?? [200];
      const answer = plan.length > 1 ? plan.shift()! : plan[0];
      if (answer === 'hang') return void hanging.push({ path, res });
      res.writeHead(answer).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    plans,
    hanging,
    to: (path: string) => requests.filter((r) => r.path === path),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Verifies X-Patron-Signature the way the README tells receivers to. */
function validSignature(secret: string, header: string | undefined, body: string): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

async function drain(t: TestApp) {
  for (let pass = 0; pass < 30; pass++) {
    const ran = await t.app.runJobs(new Date(Date.now() + 3_600_000));
    await t.app.services.notifications.settled();
    if (ran === 0) return;
  }
}

const CREATE = `mutation($input: WebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { __typename ... on WebhookSubscriptionCreated { secret subscription { id url eventTypes active } } ... on ValidationError { fieldErrors { path message } } } }`;
const DELIVERIES = `query($s: ID) { webhookDeliveries(first: 50, subscriptionId: $s) { edges { node { id eventType eventId status attempts responseStatus durationMs lastError replayOf } } } }`;

describe('outgoing webhooks', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let admin = '';
  let pos = '';
  let seq = 0;

  const subscribe = async (path: string, eventTypes: string[] = ['purchase']) => {
    const res = await t.gql(CREATE, { input: { url: `${receiver.url}${path}`, eventTypes } }, { token: admin });
    expect(res.body.data.createWebhookSubscription.__typename).toBe('WebhookSubscriptionCreated');
    return res.body.data.createWebhookSubscription as { secret: string; subscription: { id: string } };
  };
  const purchase = async (m: { externalId: string }) => {
    const res = await t.gql(RECORD_PURCHASE, { input: { externalId: `WP-${process.pid}-${++seq}`, memberExternalId: m.externalId, totalMinor: 50_000, currency: 'RUB', channel: 'STORE' } }, { token: pos });
    expect(res.body.data.recordPurchase.__typename).toBe('PurchaseRecorded');
  };
  const deliveries = async (subscriptionId: string) => (await t.gql(DELIVERIES, { s: subscriptionId }, { token: admin })).body.data.webhookDeliveries.edges.map((e: any) => e.node);
  const unsubscribe = (id: string) => t.gql(`mutation($id: ID!) { deleteWebhookSubscription(id: $id) { __typename } }`, { id }, { token: admin });

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await createTestApp({ WEBHOOK_TIMEOUT_MS: '500', NOTIFY_RETRY_BASE_MS: '1', NOTIFY_MAX_ATTEMPTS: '4' });
    ({ admin, pos } = await loyaltySetup(t));
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('delivers each event to the subscribers of its type, signed with the secret shown once', async () => {
    const { secret, subscription } = await subscribe('/ok');
    const other = await subscribe('/signups-only', ['signup']);
    expect(secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    const m = await newMember(t, pos);
    await purchase(m);
    expect(receiver.to('/ok')).toHaveLength(0);
    await drain(t);

    const [request] = receiver.to('/ok');
    // The other subscriber heard the member's signup only.
    expect(receiver.to('/signups-only').map((r) => r.headers['x-patron-event'])).toEqual(['signup']);
    expect(validSignature(secret, request.headers['x-patron-signature'] as string, request.body)).toBe(true);
    expect(validSignature('whsec_wrong', request.headers['x-patron-signature'] as string, request.body)).toBe(false);
    expect(request.headers['x-patron-event']).toBe('purchase');
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ type: 'purchase', id: expect.stringMatching(/^[0-9a-f-]{36}$/), occurredAt: expect.any(String), data: { externalId: m.externalId, memberId: String(m.dbId), programCode: 'bonus', purchase: { totalMinor: 50_000 } } });
    const [delivery] = await deliveries(subscription.id);
    expect(delivery).toMatchObject({ eventType: 'purchase', eventId: body.id, status: 'DELIVERED', attempts: 1, responseStatus: 200, lastError: null, durationMs: expect.any(Number) });
    expect(request.headers['x-patron-delivery']).toBe(Buffer.from(delivery.id, 'base64').toString().split(':')[1]);
    // The secret is not readable afterwards.
    expect((await t.gql(`{ webhookSubscriptions { secret } }`, {}, { token: admin })).body.errors?.[0].message).toMatch(/Cannot query field "secret"/);

    // Replay: a new delivery with the same event id and body, signed again.
    const replay = await t.gql(`mutation($id: ID!) { replayWebhookDelivery(id: $id) { __typename ... on WebhookDelivery { replayOf eventId status } ... on NotFoundError { entity } } }`, { id: delivery.id }, { token: admin });
    expect(replay.body.data.replayWebhookDelivery).toEqual({ __typename: 'WebhookDelivery', replayOf: Number(Buffer.from(delivery.id, 'base64').toString().split(':')[1]), eventId: body.id, status: 'QUEUED' });
    await drain(t);
    const [, again] = receiver.to('/ok');
    expect(again.body).toBe(request.body);
    expect(again.headers['x-patron-delivery']).not.toBe(request.headers['x-patron-delivery']);
    expect(validSignature(secret, again.headers['x-patron-signature'] as string, again.body)).toBe(true);
    for (const id of [globalId('WebhookDelivery', 999_999), m.id]) {
      const missing = await t.gql(`mutation($id: ID!) { replayWebhookDelivery(id: $id) { __typename } }`, { id }, { token: admin });
      expect(missing.body.data.replayWebhookDelivery.__typename).toBe('NotFoundError');
    }
    await unsubscribe(subscription.id);
    await unsubscribe(other.subscription.id);
  });

  it('retries a receiver that answers 500 twice, and delivers on the third attempt', async () => {
    receiver.plans.set('/flaky', [500, 500, 200]);
    const { subscription } = await subscribe('/flaky');
    await purchase(await newMember(t, pos));
    await drain(t);
    const requests = receiver.to('/flaky');
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers['x-patron-delivery'])).size).toBe(1);
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    expect(await deliveries(subscription.id)).toEqual([expect.objectContaining({ status: 'DELIVERED', attempts: 3, responseStatus: 200, lastError: null })]);
    await unsubscribe(subscription.id);
  });

  it('times out a receiver that hangs, retries it, then marks the delivery failed', async () => {
    receiver.plans.set('/hang', ['hang']);
    const { subscription } = await subscribe('/hang');
    await purchase(await newMember(t, pos));
    await drain(t);
    expect(await deliveries(subscription.id)).toEqual([expect.objectContaining({ status: 'FAILED', attempts: 4, responseStatus: null, lastError: 'no answer within 500 ms' })]);
    expect(receiver.to('/hang')).toHaveLength(4);
    await unsubscribe(subscription.id);
  });

  it('lets a purchase go through while a receiver holds an attempt open', async () => {
    // A long timeout, so that only the order of events is asserted: the receiver answers when told.
    const slow = await createTestApp({ WEBHOOK_TIMEOUT_MS: '60000' });
    try {
      const setup = await loyaltySetup(slow);
      receiver.plans.set('/hold', ['hang']);
      const created = await slow.gql(CREATE, { input: { url: `${receiver.url}/hold`, eventTypes: ['purchase'] } }, { token: setup.admin });
      const subscriptionId = Number(Buffer.from(created.body.data.createWebhookSubscription.subscription.id, 'base64').toString().split(':')[1]);
      const buy = async (n: number) => {
        const m = await newMember(slow, setup.pos);
        const res = await slow.gql(RECORD_PURCHASE, { input: { externalId: `HOLD-${process.pid}-${n}`, memberExternalId: m.externalId, totalMinor: 20_000, currency: 'RUB', channel: 'STORE' } }, { token: setup.pos });
        expect(res.body.data.recordPurchase.__typename).toBe('PurchaseRecorded');
      };
      await buy(1);
      await slow.app.runJobs(new Date(Date.now() + 60_000));
      while (receiver.to('/hold').length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      await buy(2);
      const [first] = await slow.app.dataSource.manager.find(WebhookDelivery, { where: { subscriptionId }, order: { id: 'ASC' } });
      expect(first).toMatchObject({ status: 'sending', attempts: 1 });
      receiver.plans.set('/hold', [200]);
      receiver.hanging.find((h) => h.path === '/hold')!.res.writeHead(200).end('ok');
      await drain(slow);
      const rows = await slow.app.dataSource.manager.find(WebhookDelivery, { where: { subscriptionId } });
      expect(rows.map((r) => [r.status, r.attempts])).toEqual([['delivered', 1], ['delivered', 1]]);
    } finally {
      await slow.close();
    }
  });

  it('sends a delivery once when two workers attempt it at the same time', async () => {
    const { subscription } = await subscribe('/once');
    await purchase(await newMember(t, pos));
    const [row] = await t.app.dataSource.manager.find(WebhookDelivery, { where: { url: `${receiver.url}/once` } });
    const workers = [1, 2].map(() => new Dispatcher({ maxAttempts: 4, retryBaseMs: 1, staleMs: 60_000 }));
    await Promise.all(workers.map((w) => w.attempt(t.app.dataSource, t.app.services.webhooks.channel, row.id)));
    // The job the purchase scheduled finds it delivered.
    await drain(t);
    expect(receiver.to('/once')).toHaveLength(1);
    expect(await deliveries(subscription.id)).toEqual([expect.objectContaining({ status: 'DELIVERED', attempts: 1 })]);
    await unsubscribe(subscription.id);
  });

  it('sends nothing for an event whose transaction rolled back', async () => {
    const { subscription } = await subscribe('/rollback', ['custom']);
    const m = await newMember(t, pos);
    const program = await t.app.services.programs.resolve(t.app.dataSource.manager);
    await expect(
      inTransaction(t.app.dataSource, async (em) => {
        await t.app.services.rules.onEvent(em, program, m.dbId, { type: 'custom', name: 'app_opened', memberId: String(m.dbId), occurredAt: new Date().toISOString() });
        expect(await em.count(WebhookDelivery, { where: { url: `${receiver.url}/rollback` } })).toBe(1);
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    await drain(t);
    expect(receiver.to('/rollback')).toHaveLength(0);
    expect(await deliveries(subscription.id)).toEqual([]);
    await unsubscribe(subscription.id);
  });

  it('refuses bad URLs, unknown event types and ids of other kinds with typed errors', async () => {
    const count = async () => (await t.gql(`{ webhookSubscriptions { id } }`, {}, { token: admin })).body.data.webhookSubscriptions.length;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'ftp://example.com/hook' }, 'input.url'],
      [{ url: 'not a url' }, 'input.url'],
      [{ url: 'https://user:pw@example.com/hook' }, 'input.url'],
      [{ url: `https://example.com/${'a'.repeat(3000)}` }, 'input.url'],
      [{ eventTypes: ['purchase', 'dropTables'] }, 'input.eventTypes.1'],
      [{ eventTypes: [] }, 'input.eventTypes'],
    ];
    for (const [input, path] of cases) {
      const res = await t.gql(CREATE, { input: { url: 'https://example.com/hook', eventTypes: ['purchase'], ...input } }, { token: admin });
      expect(res.body.data.createWebhookSubscription.__typename, path).toBe('ValidationError');
      expect(res.body.data.createWebhookSubscription.fieldErrors[0].path.join('.')).toBe(path);
    }
    expect(await count()).toBe(before);
    const m = await newMember(t, pos);
    const update = await t.gql(`mutation($id: ID!) { updateWebhookSubscription(id: $id, input: { url: "https://example.com/x", eventTypes: ["purchase"] }) { __typename } }`, { id: m.id }, { token: admin });
    expect(update.body.data.updateWebhookSubscription.__typename).toBe('NotFoundError');
  });

  it('posts a flow’s notify node to its URL unsigned, and tells the notify subscribers, signed', async () => {
    const { secret, subscription } = await subscribe('/notify', ['notify']);
    const campaign = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, {
      input: { name: 'Hook', graph: { nodes: [{ id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } }, { id: 'n', kind: 'action.notify', params: { channel: 'webhook', template: 'big-spender', url: 'https://example.invalid/hook' }, position: { x: 0, y: 0 } }], edges: [{ id: 'e', source: 't', sourcePort: 'out', target: 'n' }] } },
    }, { token: admin });
    expect((await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename } }`, { id: campaign.body.data.createCampaign.id }, { token: admin })).body.data.publishCampaign.__typename).toBe('Campaign');
    await purchase(await newMember(t, pos));
    const flowPost = await t.app.dataSource.manager.findOneByOrFail(WebhookDelivery, { url: 'https://example.invalid/hook' });
    expect(flowPost).toMatchObject({ subscriptionId: null, eventType: 'notify' });
    expect(JSON.parse(flowPost.body).data).toMatchObject({ channel: 'webhook', template: 'big-spender' });
    await drain(t);
    const [request] = receiver.to('/notify');
    expect(validSignature(secret, request.headers['x-patron-signature'] as string, request.body)).toBe(true);
    expect(JSON.parse(request.body)).toMatchObject({ type: 'notify', data: { template: 'big-spender', channel: 'webhook' } });
    await unsubscribe(subscription.id);
    await t.gql(`mutation($id: ID!) { pauseCampaign(id: $id) { __typename } }`, { id: campaign.body.data.createCampaign.id }, { token: admin });
  });
});

describe('webhooks in production', () => {
  let t: TestApp;
  let admin = '';
  beforeAll(async () => {
    t = await createTestApp({ NODE_ENV: 'production', SESSION_SECRET: 'a-production-session-secret-of-32-chars' });
    admin = await t.signInStaff();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('requires https and refuses private and loopback addresses, by name and at connect time', async () => {
    const refused: [string, RegExp][] = [
      ['http://hooks.example.com/x', /https in production/],
      ['https://127.0.0.1/x', /private or loopback/],
      ['https://localhost:8443/x', /private or loopback/],
      ['https://10.1.2.3/x', /private or loopback/],
      ['https://169.254.169.254/latest/meta-data', /private or loopback/],
      ['https://[::1]/x', /private or loopback/],
      ['https://[::ffff:192.168.0.1]/x', /private or loopback/],
    ];
    for (const [url, message] of refused) {
      const res = await t.gql(CREATE, { input: { url, eventTypes: ['purchase'] } }, { token: admin });
      expect(res.body.data.createWebhookSubscription.__typename, url).toBe('ValidationError');
      expect(res.body.data.createWebhookSubscription.fieldErrors[0].message, url).toMatch(message);
    }
    const ok = await t.gql(CREATE, { input: { url: 'https://hooks.example.com/patron', eventTypes: ['purchase'] } }, { token: admin });
    expect(ok.body.data.createWebhookSubscription.__typename).toBe('WebhookSubscriptionCreated');
    // A name that resolves to a private address is refused when connecting (DNS may change after the check).
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => guardedLookup('localhost', {}, (err) => resolve(err as NodeJS.ErrnoException | null)));
    expect(error?.code).toBe('EPRIVATE');
    expect(await postJson('https://127.0.0.1:9/x', '{}', {}, { timeoutMs: 500, refusePrivate: true })).toMatchObject({ status: null, error: 'refused: private address' });
  });

  it('allows private addresses when WEBHOOKS_ALLOW_PRIVATE=true', async () => {
    const open = await createTestApp({ NODE_ENV: 'production', SESSION_SECRET: 'a-production-session-secret-of-32-chars', WEBHOOKS_ALLOW_PRIVATE: 'true' });
    try {
      const token = await open.signInStaff();
      const res = await open.gql(CREATE, { input: { url: 'https://10.1.2.3/hook', eventTypes: ['purchase'] } }, { token });
      expect(res.body.data.createWebhookSubscription.__typename).toBe('WebhookSubscriptionCreated');
      const plain = await open.gql(CREATE, { input: { url: 'http://10.1.2.3/hook', eventTypes: ['purchase'] } }, { token });
      expect(plain.body.data.createWebhookSubscription.__typename).toBe('ValidationError');
    } finally {
      await open.close();
    }
  });
});
