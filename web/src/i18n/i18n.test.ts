import { describe, expect, it } from 'vitest';
import en from './en';
import ru from './ru';
import { initialLocale, isLocale } from './index';

function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('message files', () => {
  it('ru and en have the same keys', () => {
    expect(keys(ru).sort()).toEqual(keys(en).sort());
  });

  it('have no empty messages', () => {
    const empty = (tree: object) =>
      keys(tree).filter((path) => path.split('.').reduce<any>((node, part) => node[part], tree).trim() === '');
    expect(empty(en)).toEqual([]);
    expect(empty(ru)).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (tree: object) =>
      Object.fromEntries(
        keys(tree).map((path) => {
          const text: string = path.split('.').reduce<any>((node, part) => node[part], tree);
          return [path, [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()];
        }),
      );
    expect(placeholders(ru)).toEqual(placeholders(en));
  });
});

describe('initialLocale', () => {
  it('picks Russian when the browser asks for Russian first', () => {
    expect(initialLocale(null, ['ru-RU', 'en-US'])).toBe('ru');
    expect(initialLocale(null, ['ru'])).toBe('ru');
  });

  it('picks English for English and for languages the product does not ship', () => {
    expect(initialLocale(null, ['en-GB', 'ru'])).toBe('en');
    expect(initialLocale(null, ['de-DE', 'fr'])).toBe('en');
    expect(initialLocale(null, [])).toBe('en');
    expect(initialLocale(null, undefined)).toBe('en');
  });

  it('skips unsupported languages to find Russian further down the list', () => {
    expect(initialLocale(null, ['uk-UA', 'ru-RU', 'en'])).toBe('ru');
  });

  it('prefers a remembered choice and ignores a corrupt one', () => {
    expect(initialLocale('ru', ['en-US'])).toBe('ru');
    expect(initialLocale('en', ['ru-RU'])).toBe('en');
    expect(initialLocale('klingon', ['ru-RU'])).toBe('ru');
  });

  it('knows only the shipped locales', () => {
    expect(isLocale('ru')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});
