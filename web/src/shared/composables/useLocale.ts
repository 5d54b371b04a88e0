import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { LOCALES, type Locale } from '@patron/schema';
import { applyLocale } from '../../i18n';

export function useLocale() {
  const { locale } = useI18n({ useScope: 'global' });
  return {
    locale: computed(() => locale.value as Locale),
    locales: LOCALES,
    setLocale: (next: Locale) => applyLocale(next),
  };
}
