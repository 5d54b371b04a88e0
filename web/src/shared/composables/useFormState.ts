import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { localizeFieldMessage } from '../field-messages';
import { fieldErrorMap, isNetworkError, unplacedErrors, type FieldErrorLike } from '../forms';

/**
 * The outcome shown on a form: a message above it and one message per field. Containers
 * call it with the typed failures a mutation answers with, or with what it threw.
 */
export function useFormState(fields: readonly string[]) {
  const { t } = useI18n();
  const message = ref<string | null>(null);
  const fieldErrors = ref<Record<string, string>>({});

  function reset() {
    message.value = null;
    fieldErrors.value = {};
  }

  function showValidation(errors: readonly FieldErrorLike[]) {
    const map = fieldErrorMap(errors.map((error) => ({ ...error, message: localizeFieldMessage(error.message, t) })));
    fieldErrors.value = map;
    message.value = [t('common.checkFields'), ...unplacedErrors(map, fields)].join(' ');
  }

  function showRateLimit(seconds: number) {
    message.value = t('common.rateLimited', { seconds });
  }

  function showThrown(error: unknown) {
    message.value = isNetworkError(error) ? t('common.networkError') : t('common.unexpectedError');
  }

  function show(text: string) {
    message.value = text;
  }

  return { message, fieldErrors, reset, show, showValidation, showRateLimit, showThrown };
}
