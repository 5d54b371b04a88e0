import { createI18n } from 'vue-i18n';
import { LOCALES, pickLocale, type Locale } from '@patron/schema';
import coreEn from './core.en';
import coreRu from './core.ru';
import type { Messages } from './en';

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
  // The console's messages come with the console (loadConsoleMessages); until then the
  // tree holds only what every page needs, typed as the whole so that t() is checked.
  messages: { en: coreEn as Messages, ru: coreRu as Messages },
});

let consoleMessages: Promise<void> | null = null;

/** Loads the staff console's messages once, before its first page; the portal never does. */
export function loadConsoleMessages(): Promise<void> {
  consoleMessages ??= Promise.all([import('./console.en'), import('./console.ru')]).then(
    ([en, ru]) => {
      i18n.global.mergeLocaleMessage('en', en.default);
      i18n.global.mergeLocaleMessage('ru', ru.default);
    },
    (error: unknown) => {
      consoleMessages = null; // a failed download is tried again on the next navigation
      throw error;
    },
  );
  return consoleMessages;
}

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
