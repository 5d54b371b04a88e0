import { computed, ref, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Issues } from './form-parse';

/**
 * One message per field: the browser's own findings first, the server's ValidationError
 * (`fieldErrors`, already mapped by field) where the browser found nothing.
 */
export function useIssues(fieldErrors: Ref<Record<string, string>>) {
  const { t } = useI18n();
  const local = ref<Issues>({});
  const errors = computed(() => {
    const map: Record<string, string> = { ...fieldErrors.value };
    for (const [field, issue] of Object.entries(local.value)) map[field] = t(`engagement.issues.${issue.key}`, issue.values ?? {});
    return map;
  });
  const localMessage = computed(() => (Object.keys(local.value).length ? t('common.checkFields') : null));
  /** Records the findings; true when there are none and the form may be sent. */
  function accept(issues: Issues): boolean {
    local.value = issues;
    return Object.keys(issues).length === 0;
  }
  return { errors, localMessage, accept };
}
