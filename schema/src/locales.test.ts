import { describe, expect, it } from 'vitest';
import { pickLocale } from './locales';

describe('pickLocale', () => {
  it('prefers Russian when the browser asks for it first, by any region', () => {
    expect(pickLocale(['ru-RU', 'en-US'])).toBe('ru');
    expect(pickLocale(['ru_BY'])).toBe('ru');
  });

  it('takes the first supported language and skips the rest', () => {
    expect(pickLocale(['de-DE', 'en-GB', 'ru'])).toBe('en');
    expect(pickLocale(['de-DE', 'fr'])).toBe('en');
    expect(pickLocale(['de'], 'ru')).toBe('ru');
  });

  it('reads Accept-Language headers by weight and ignores q=0', () => {
    expect(pickLocale('en;q=0.5, ru;q=0.9')).toBe('ru');
    expect(pickLocale('ru;q=0, en')).toBe('en');
    expect(pickLocale('')).toBe('en');
    expect(pickLocale(null)).toBe('en');
  });
});
