import { createI18n } from 'vue-i18n';
import { LOCALES, pickLocale, type Locale } from '@patron/schema';
import en, { type Messages } from './en';
import ru from './ru';

declare module 'vue-i18n' {
  // Makes t('…') keys type-checked against en.ts.
  export interface DefineLocaleMessage extends Messages {}
}

export const LOCALE_STORAGE_KEY = 'patron.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** A choice the visitor made before wins; otherwise Russian if the browser asks for it, else English. */
export function initialLocale(stored: string | null, languages: readonly string[] | undefined): Locale {
  return isLocale(stored) ? stored : pickLocale(languages, 'en');
}

function readStoredLocale(): string | null {
  try {
    return globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    return null; // storage can be disabled (private mode, policies)
  }
}

export const i18n = createI18n<[Messages], Locale, false>({
  legacy: false,
  locale: initialLocale(readStoredLocale(), globalThis.navigator?.languages),
  fallbackLocale: 'en',
  messages: { en, ru },
});

/** Switches the language, remembers it and keeps <html lang> in step for screen readers. */
export function applyLocale(locale: Locale, remember = true): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  if (!remember) return;
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // not remembered; the choice still holds for this visit
  }
}
