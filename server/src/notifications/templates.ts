import type { TemplateLocale } from './message-template.entity';

export interface TemplateText {
  subject: string;
  body: string;
  marketing: boolean;
}

/** Built-in templates, used until an admin edits them (and seeded so the console shows them). */
export const DEFAULT_TEMPLATES: Record<string, Record<TemplateLocale, TemplateText>> = {
  welcome: {
    ru: { subject: 'Добро пожаловать, {{name}}!', body: 'Здравствуйте, {{name}}!\n\nВы в программе лояльности. На вашем счету {{points}} баллов.', marketing: false },
    en: { subject: 'Welcome, {{name}}!', body: 'Hello {{name}},\n\nYou are in our loyalty program. You have {{points}} points.', marketing: false },
  },
  'thank-you': {
    ru: { subject: 'Спасибо за покупку, {{name}}', body: 'Спасибо, {{name}}! Теперь у вас {{points}} баллов.', marketing: false },
    en: { subject: 'Thank you, {{name}}', body: 'Thank you, {{name}}! You now have {{points}} points.', marketing: false },
  },
  'points-expiring': {
    ru: { subject: '{{name}}, баллы скоро сгорят', body: 'У вас {{points}} баллов. Потратьте их, пока они не сгорели.', marketing: true },
    en: { subject: '{{name}}, your points expire soon', body: 'You have {{points}} points. Spend them before they expire.', marketing: true },
  },
  'tier-up': {
    ru: { subject: 'Новый уровень: {{tier}}', body: 'Поздравляем, {{name}}! Ваш уровень теперь {{tier}}.', marketing: false },
    en: { subject: 'New tier: {{tier}}', body: 'Congratulations, {{name}}! Your tier is now {{tier}}.', marketing: false },
  },
  // The link is the only way back into an account: never marketing, so it goes without email consent.
  'password-reset': {
    ru: {
      subject: 'Сброс пароля',
      body: 'Здравствуйте, {{name}}!\n\nЧтобы задать новый пароль, откройте ссылку (она действует 1 час и только один раз):\n{{link}}\n\nЕсли вы не просили сбросить пароль, просто не обращайте внимания на это письмо: пароль останется прежним.',
      marketing: false,
    },
    en: {
      subject: 'Reset your password',
      body: 'Hello {{name}},\n\nTo choose a new password, open this link (it works once, within 1 hour):\n{{link}}\n\nIf you did not ask to reset your password, ignore this email: your password stays as it is.',
      marketing: false,
    },
  },
  'reward-issued': {
    ru: { subject: 'Ваша награда, {{name}}', body: 'Для вас новая награда: {{reward}}.', marketing: false },
    en: { subject: 'Your reward, {{name}}', body: 'A new reward is waiting for you: {{reward}}.', marketing: false },
  },
};

export const PLACEHOLDERS = ['name', 'points', 'tier', 'reward', 'email', 'program', 'link'] as const;
export type TemplateVars = Partial<Record<(typeof PLACEHOLDERS)[number], string | number | null>>;

/** Fills {{placeholders}}; unknown ones are left empty, so a typo never leaks template syntax to a member. */
export function render(text: string, vars: TemplateVars): string {
  return text.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (_match, key: string) => {
    const value = (vars as Record<string, unknown>)[key];
    return value === null || value === undefined ? '' : String(value);
  });
}

/** Subjects are one line: a member's name with a newline must not add mail headers. */
export const oneLine = (text: string) => text.replace(/[\r\n]+/g, ' ').trim();

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The HTML part: the rendered text, escaped, with line breaks kept. Member data never becomes markup. */
export function htmlOf(text: string): string {
  return `<!doctype html><html><body><p>${escapeHtml(text).replace(/\r?\n/g, '<br>')}</p></body></html>`;
}

/** a***@example.com: enough for support to recognise, not enough to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Which locale's template a member gets: theirs when it exists, else English, else Russian. */
export function localeChain(memberLocale: string | null | undefined): TemplateLocale[] {
  const own = memberLocale?.toLowerCase().slice(0, 2);
  const chain: TemplateLocale[] = own === 'ru' || own === 'en' ? [own] : [];
  for (const fallback of ['en', 'ru'] as const) if (!chain.includes(fallback)) chain.push(fallback);
  return chain;
}
