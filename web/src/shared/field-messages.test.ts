import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import en from '../i18n/en';
import ru from '../i18n/ru';
import { localizeFieldMessage } from './field-messages';

const i18n = createI18n({ legacy: false, locale: 'ru', messages: { en, ru } });
const t = (key: string, values?: Record<string, unknown>) => (values ? i18n.global.t(key, values) : i18n.global.t(key));

describe('localizeFieldMessage', () => {
  it('shows the messages the server is known to send in the reader language', () => {
    expect(localizeFieldMessage('must be an email address', t)).toBe('Введите корректный адрес эл. почты.');
    expect(localizeFieldMessage('must be at least 8 characters', t)).toBe('Минимальная длина — 8 символов.');
    expect(localizeFieldMessage('is required', t)).toBe('Обязательное поле.');
  });

  it('passes unknown messages through unchanged rather than hiding them', () => {
    expect(localizeFieldMessage('must be one of ru, en', t)).toBe('must be one of ru, en');
  });
});
