import { z } from 'zod';
import { defineNode } from '../definition';
import { t } from '../text';
import { code } from './shared';
import { quote } from './words';
import { whenValid } from './checks';

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

export const actionNotify = defineNode({
  kind: 'action.notify',
  group: 'action',
  label: t('Уведомить', 'Notify'),
  help: t('Отправляет участнику письмо по шаблону или вызывает ваш вебхук.', 'Sends the member an email from a template or calls your webhook.'),
  params: z
    .object({
      channel: z.enum(['email', 'webhook']).default('email'),
      template: code.default('thank-you'),
      url: z.string().trim().max(2048).nullable().default(null),
    })
    .refine((p) => p.channel !== 'webhook' || (p.url !== null && isHttpsUrl(p.url)), { message: 'a webhook needs an https:// URL', path: ['url'], when: whenValid('channel', 'url') }),
  ui: {
    channel: { label: t('Канал', 'Channel'), widget: 'select', options: { email: t('Письмо', 'Email'), webhook: t('Вебхук', 'Webhook') } },
    template: { label: t('Шаблон', 'Template'), widget: 'text' },
    url: { label: t('Адрес вебхука', 'Webhook URL'), widget: 'text', help: t('Только https://. Нужен для вебхука.', 'https:// only. Required for a webhook.') },
  },
  outputs: () => ['out'],
  summary: (p, locale) =>
    p.channel === 'email'
      ? `${t('Письмо', 'Email')[locale]} ${quote(p.template, locale)}`
      : `${t('Вебхук', 'Webhook')[locale]} ${quote(p.template, locale)}${p.url === null || !isHttpsUrl(p.url) ? '' : ` → ${new URL(p.url).hostname}`}`,
  requires: 'notifications',
  run: (p) => {
    const url = p.channel === 'webhook' ? p.url : null;
    return { ports: ['out'], effects: [{ type: 'notify', channel: p.channel, template: p.template, url }], inputs: { channel: p.channel, template: p.template, url } };
  },
});
