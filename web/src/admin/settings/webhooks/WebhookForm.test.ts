import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { createI18n } from 'vue-i18n';
import { TRIGGER_EVENTS } from '@patron/schema/flow';
import en from '../../../i18n/en';
import ru from '../../../i18n/ru';
import type { WebhookDeliveryRowFragment, WebhookSubscriptionRowFragment } from '../../../graphql/generated/graphql';
import WebhookDeliveriesTable from './WebhookDeliveriesTable.vue';
import WebhookForm from './WebhookForm.vue';
import WebhookSecret from './WebhookSecret.vue';
import { WEBHOOK_EVENT_TYPES, emptyWebhook, fromWebhook, toWebhookInput, urlIssue } from './webhook-form';

const i18n = (locale: 'en' | 'ru' = 'en') => createI18n({ legacy: false, locale, messages: { en, ru } });
const subscription: WebhookSubscriptionRowFragment = {
  id: 'V2ViaG9va1N1YnNjcmlwdGlvbjox',
  url: 'https://crm.example.com/hooks/patron',
  description: 'CRM',
  eventTypes: ['purchase', 'tierChanged'],
  active: true,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
};

describe('webhook values', () => {
  it('offers exactly what the server accepts: the flow trigger events and notify', () => {
    expect([...WEBHOOK_EVENT_TYPES].sort()).toEqual([...TRIGGER_EVENTS, 'notify'].sort());
  });

  it('takes https URLs only, without credentials', () => {
    expect(urlIssue('')).toBe('required');
    expect(urlIssue('crm.example.com/hooks')).toBe('url');
    expect(urlIssue('http://crm.example.com/hooks')).toBe('https');
    expect(urlIssue('ftp://crm.example.com/hooks')).toBe('https');
    expect(urlIssue('https://user:secret@crm.example.com/hooks')).toBe('credentials');
    expect(urlIssue(`https://crm.example.com/${'a'.repeat(2048)}`)).toBe('tooLong');
    expect(urlIssue(' https://crm.example.com/hooks ')).toBeNull();
  });

  it('needs at least one event and drops unknown ones', () => {
    expect(toWebhookInput({ ...emptyWebhook(), url: 'https://a.example/x' }).issues).toEqual({ eventTypes: 'events' });
    const { input, issues } = toWebhookInput({ ...fromWebhook(subscription), eventTypes: ['purchase', 'purchase', 'teleport'], description: '  CRM  ' });
    expect(issues).toEqual({});
    expect(input).toEqual({ url: subscription.url, description: 'CRM', eventTypes: ['purchase'], active: true });
  });
});

describe('webhook form', () => {
  it('refuses an http URL and no events inline, then sends a good one', async () => {
    const wrapper = mount(WebhookForm, { props: {}, global: { plugins: [i18n()] } });
    await wrapper.find('#webhook-url').setValue('http://crm.example.com/hooks');
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')).toBeUndefined();
    expect(wrapper.find('[data-field="webhook-url"]').text()).toContain('Use an https:// URL');
    expect(wrapper.find('[data-field="webhook-events"]').text()).toContain('Pick at least one event.');
    await wrapper.find('#webhook-url').setValue('https://crm.example.com/hooks');
    await wrapper.find('[data-event="signup"]').setValue(true);
    await wrapper.find('form').trigger('submit');
    expect(wrapper.emitted('submit')![0][0]).toEqual({ url: 'https://crm.example.com/hooks', description: '', eventTypes: ['signup'], active: true });
  });

  it('shows the server’s URL guard under the URL, in Russian around it', () => {
    const wrapper = mount(WebhookForm, { props: { initial: fromWebhook(subscription), editing: true, fieldErrors: { url: 'The URL points at a private or loopback address.' } }, global: { plugins: [i18n('ru')] } });
    expect(wrapper.find('[data-field="webhook-url"]').text()).toContain('private or loopback');
    expect((wrapper.find('[data-event="tierChanged"]').element as HTMLInputElement).checked).toBe(true);
    expect(wrapper.find('[data-testid="webhook-submit"]').text()).toBe('Сохранить изменения');
  });
});

describe('secret and delivery log', () => {
  it('shows the secret once with a warning', () => {
    const wrapper = mount(WebhookSecret, { props: { url: subscription.url, secret: 'whsec_abc' }, global: { plugins: [i18n()] } });
    expect(wrapper.find('[data-testid="webhook-secret-value"]').text()).toBe('whsec_abc');
    expect(wrapper.text()).toContain('it will not be shown again');
  });

  it('lists deliveries with status, attempts, response and next retry, and replays one', async () => {
    const failed: WebhookDeliveryRowFragment = {
      id: 'V2ViaG9va0RlbGl2ZXJ5OjE=',
      eventType: 'purchase',
      eventId: 'evt_1',
      status: 'QUEUED',
      attempts: 2,
      responseStatus: 503,
      durationMs: 120,
      lastError: 'HTTP 503',
      nextAttemptAt: '2026-03-01T10:05:00.000Z',
      deliveredAt: null,
      replayOf: null,
      createdAt: '2026-03-01T10:00:00.000Z',
    };
    const wrapper = mount(WebhookDeliveriesTable, { props: { rows: [failed], loading: false, busyId: null, filtered: false }, global: { plugins: [i18n()] } });
    const text = wrapper.text();
    expect(text).toContain('Queued');
    expect(text).toContain('HTTP 503 · 120 ms');
    expect(wrapper.find('[data-status="QUEUED"]').exists()).toBe(true);
    await wrapper.find('[data-testid="delivery-replay"]').trigger('click');
    expect(wrapper.emitted('replay')![0][0]).toMatchObject({ id: failed.id });
    expect(mount(WebhookDeliveriesTable, { props: { rows: [], loading: false, busyId: null, filtered: false }, global: { plugins: [i18n()] } }).text()).toContain('Nothing has been sent yet');
  });
});
