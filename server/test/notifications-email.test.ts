import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import { inTransaction } from '../src/db/transaction';
import { MessageDelivery } from '../src/notifications/message-delivery.entity';
import { seedNotifications } from '../src/seed/notifications';
import { createTestApp, type TestApp } from './harness';
import { CREATE_MEMBER, loyaltySetup, RECORD_PURCHASE } from './loyalty-harness';
import { drain, startSmtp } from './smtp-harness';

describe('email notifications', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let admin = '';
  let pos = '';
  let seq = 0;

  const member = async (input: { name: string; locale?: string; consentEmail?: boolean; email?: string | null }) => {
    const externalId = `EM-${process.pid}-${++seq}`;
    const email = input.email === undefined ? `${externalId.toLowerCase()}@example.com` : input.email;
    const res = await t.gql(CREATE_MEMBER, { input: { externalId, name: input.name, email, locale: input.locale ?? 'en', consentEmail: input.consentEmail ?? false } }, { token: pos });
    const id = res.body.data.createMember.member.id as string;
    return { id, dbId: Number(Buffer.from(id, 'base64').toString().split(':')[1]), externalId, email };
  };
  const queue = (memberId: number, template: string) => inTransaction(t.app.dataSource, (em) => t.app.services.notifications.queueEmail(em, { memberId, template }));
  const deliveryOf = (id: number) => t.app.dataSource.manager.findOneByOrFail(MessageDelivery, { id });
  const mailTo = (email: string | null) => smtp.received.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((to) => to?.text === email));

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp({ SMTP_URL: `smtp://mailer:s3cret@127.0.0.1:${smtp.port}`, MAIL_FROM: 'Brand <shop@example.com>', NOTIFY_RETRY_BASE_MS: '1', NOTIFY_MAX_ATTEMPTS: '3', WEBHOOK_TIMEOUT_MS: '3000' });
    ({ admin, pos } = await loyaltySetup(t));
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('sends the flow’s email through SMTP after the purchase, in the member’s locale, with their name escaped in HTML', async () => {
    const campaign = await t.gql(`mutation($input: CampaignInput!) { createCampaign(input: $input) { ... on Campaign { id } } }`, {
      input: { name: 'Thank you mail', graph: { nodes: [{ id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } }, { id: 'n', kind: 'action.notify', params: { channel: 'email', template: 'thank-you' }, position: { x: 0, y: 0 } }], edges: [{ id: 'e', source: 't', sourcePort: 'out', target: 'n' }] } },
    }, { token: admin });
    expect((await t.gql(`mutation($id: ID!) { publishCampaign(id: $id) { __typename } }`, { id: campaign.body.data.createCampaign.id }, { token: admin })).body.data.publishCampaign.__typename).toBe('Campaign');

    const eve = await member({ name: '<b>Eve</b> & "Co" {{email}}' });
    const ivan = await member({ name: 'Иван', locale: 'ru' });
    for (const [m, n] of [[eve, 1], [ivan, 2]] as const) {
      const res = await t.gql(RECORD_PURCHASE, { input: { externalId: `EP-${m.externalId}-${n}`, memberExternalId: m.externalId, totalMinor: 150_000, currency: 'RUB', channel: 'STORE' } }, { token: pos });
      expect(res.body.data.recordPurchase.__typename).toBe('PurchaseRecorded');
    }
    // Queued in the purchase's transaction, sent by the job: nothing has gone out yet.
    expect(mailTo(eve.email)).toHaveLength(0);
    await drain(t);

    const [toEve] = mailTo(eve.email);
    expect(toEve.subject).toBe('Thank you, <b>Eve</b> & "Co" {{email}}');
    expect(toEve.from?.value[0]).toMatchObject({ name: 'Brand', address: 'shop@example.com' });
    expect(toEve.headers.get('content-language')).toBe('en');
    // A placeholder in member data is not filled in again; markup in it is text in the HTML part.
    expect(toEve.text).toContain('Thank you, <b>Eve</b> & "Co" {{email}}! You now have 1500 points.');
    expect(toEve.html).toContain('&lt;b&gt;Eve&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(toEve.html).not.toContain('<b>Eve');

    const [toIvan] = mailTo(ivan.email);
    expect(toIvan.subject).toBe('Спасибо за покупку, Иван');
    expect(toIvan.headers.get('content-language')).toBe('ru');

    const log = await t.gql(`query($m: ID) { messageDeliveries(first: 10, memberId: $m) { edges { node { template locale status attempts recipient sentAt lastError member { id } } } } }`, { m: eve.id }, { token: admin });
    expect(log.body.data.messageDeliveries.edges.map((e: any) => e.node)).toEqual([
      { template: 'thank-you', locale: 'en', status: 'SENT', attempts: 1, recipient: expect.stringMatching(/^e\*\*\*@example\.com$/), sentAt: expect.any(String), lastError: null, member: { id: eve.id } },
    ]);
  });

  it('falls back from the member’s locale to English, then Russian, and uses the template an editor wrote', async () => {
    const edited = await t.gql(`mutation($input: MessageTemplateInput!) { updateMessageTemplate(input: $input) { __typename ... on MessageTemplate { code locale custom } } }`, { input: { code: 'spring-sale', locale: 'RU', subject: 'Весна, {{name}}!', body: 'У вас {{points}} баллов', marketing: false } }, { token: admin });
    expect(edited.body.data.updateMessageTemplate).toEqual({ __typename: 'MessageTemplate', code: 'spring-sale', locale: 'RU', custom: true });
    const anna = await member({ name: 'Anna', locale: 'en' });
    const delivery = await queue(anna.dbId, 'spring-sale');
    expect(delivery.locale).toBe('ru');
    await drain(t);
    expect(mailTo(anna.email).map((m) => m.subject)).toEqual(['Весна, Anna!']);
    const templates = await t.gql(`{ messageTemplates { code locale custom marketing } }`, {}, { token: admin });
    expect(templates.body.data.messageTemplates).toEqual(expect.arrayContaining([{ code: 'spring-sale', locale: 'RU', custom: true, marketing: false }, { code: 'welcome', locale: 'EN', custom: false, marketing: false }]));
  });

  it('sends marketing mail only to members who consented, and records why the others were skipped', async () => {
    const without = await member({ name: 'No Consent' });
    const consenting = await member({ name: 'Yes Consent', consentEmail: true });
    const noAddress = await member({ name: 'No Address', email: null, consentEmail: true });
    const skipped = await queue(without.dbId, 'points-expiring');
    const queued = await queue(consenting.dbId, 'points-expiring');
    const nowhere = await queue(noAddress.dbId, 'points-expiring');
    // Transactional mail still goes to the member without consent.
    await queue(without.dbId, 'tier-up');
    await drain(t);
    expect(await deliveryOf(skipped.id)).toMatchObject({ status: 'skipped', lastError: 'skipped: no email consent', attempts: 0 });
    expect(await deliveryOf(nowhere.id)).toMatchObject({ status: 'skipped', lastError: 'skipped: member has no email' });
    expect(await deliveryOf(queued.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(mailTo(consenting.email).map((m) => m.subject)).toEqual(['Yes Consent, your points expire soon']);
    expect(mailTo(without.email).map((m) => m.subject)).toEqual(['New tier:']);
  });

  it('retries a refusing SMTP server with backoff, then marks the email failed with the server’s answer', async () => {
    const m = await member({ name: 'Refused' });
    smtp.state.refuse = true;
    smtp.state.refused = 0;
    try {
      const delivery = await queue(m.dbId, 'welcome');
      await drain(t);
      expect(smtp.state.refused).toBe(3);
      const row = await deliveryOf(delivery.id);
      expect(row).toMatchObject({ status: 'failed', attempts: 3, sentAt: null, nextAttemptAt: null });
      expect(row.lastError).toMatch(/mailbox unavailable/);
      // The SMTP password never reaches the log.
      expect(row.lastError).not.toMatch(/s3cret/);
    } finally {
      smtp.state.refuse = false;
    }
    expect(mailTo(m.email)).toHaveLength(0);
  });

  it('refuses hostile templates with typed errors and changes nothing', async () => {
    const update = (input: Record<string, unknown>) => t.gql(`mutation($input: MessageTemplateInput!) { updateMessageTemplate(input: $input) { __typename ... on ValidationError { fieldErrors { path message } } } }`, { input: { code: 'welcome', locale: 'EN', subject: 'Hi', body: 'Hello', marketing: false, ...input } }, { token: admin });
    const cases: [Record<string, unknown>, string][] = [
      [{ body: 'x'.repeat(20_001) }, 'input.body'],
      [{ subject: 'y'.repeat(201) }, 'input.subject'],
      [{ subject: '   ' }, 'input.subject'],
      [{ code: '../../etc/passwd' }, 'input.code'],
      [{ body: 'Hi {{password}}' }, 'input.body'],
    ];
    for (const [input, path] of cases) {
      const res = await update(input);
      expect(res.body.data.updateMessageTemplate.__typename, path).toBe('ValidationError');
      expect(res.body.data.updateMessageTemplate.fieldErrors[0].path.join('.')).toBe(path);
    }
    const templates = await t.gql(`{ messageTemplates { code locale custom } }`, {}, { token: admin });
    expect(templates.body.data.messageTemplates.find((x: any) => x.code === 'welcome' && x.locale === 'EN').custom).toBe(false);
    // A support user may read the log, not write templates.
    expect((await t.gql(`{ messageTemplates { code } }`, {}, { token: pos })).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('seeds the built-in templates (still shown as not customised) and one switched-off example webhook, once', async () => {
    expect(await seedNotifications(t.app.dataSource, t.app.services)).toEqual({ templates: 12, webhooks: 1 });
    expect(await seedNotifications(t.app.dataSource, t.app.services)).toEqual({ templates: 0, webhooks: 0 });
    const res = await t.gql(`{ messageTemplates { code locale custom } webhookSubscriptions { url active } }`, {}, { token: admin });
    expect(res.body.data.messageTemplates.filter((x: any) => x.code === 'welcome')).toEqual([{ code: 'welcome', locale: 'EN', custom: false }, { code: 'welcome', locale: 'RU', custom: false }]);
    expect(res.body.data.webhookSubscriptions).toEqual([{ url: 'https://example.invalid/hooks', active: false }]);
  });

  it('records the email as skipped when no SMTP server is configured, and never echoes a bad SMTP_URL (it holds a password)', async () => {
    expect(() => loadConfig({ SMTP_URL: 'smtp://mailer:hunter2@' })).toThrow(/^Invalid setting SMTP_URL: expected smtp:\/\/user:pass@host:port$/);
    expect(() => loadConfig({ MAIL_FROM: 'x\r\nBcc: victim@example.com' })).toThrow(/MAIL_FROM/);
    const bare = await createTestApp();
    try {
      const { pos: key } = await loyaltySetup(bare);
      const res = await bare.gql(CREATE_MEMBER, { input: { externalId: 'NOSMTP-1', name: 'Nobody', email: 'nobody@example.com' } }, { token: key });
      const id = Number(Buffer.from(res.body.data.createMember.member.id, 'base64').toString().split(':')[1]);
      const delivery = await inTransaction(bare.app.dataSource, (em) => bare.app.services.notifications.queueEmail(em, { memberId: id, template: 'welcome' }));
      expect(delivery).toMatchObject({ status: 'skipped', lastError: 'skipped: no SMTP configured' });
    } finally {
      await bare.close();
    }
  });
});
