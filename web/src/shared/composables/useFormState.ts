import { ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { localizeFieldMessage } from '../field-messages';
import { fieldErrorMap, isNetworkError, unplacedErrors, type FieldErrorLike } from '../forms';

interface FailureLike {
  __typename?: string;
  retryAfterSeconds?: number;
  fieldErrors?: readonly FieldErrorLike[];
}

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

  /**
   * Shows a mutation's typed failure: rate limits and validation the same way on every
   * form, the failures named in `messages` with their text, anything else as unexpected.
   */
  function showFailure(result: FailureLike | null | undefined, messages: Record<string, string> = {}) {
    const kind = result?.__typename ?? '';
    if (kind in messages) return show(messages[kind]);
    if (kind === 'RateLimitedError' && result?.retryAfterSeconds !== undefined) return showRateLimit(result.retryAfterSeconds);
    if (kind === 'ValidationError' && result?.fieldErrors) return showValidation(result.fieldErrors);
    show(t('common.unexpectedError'));
  }

  /** Clears the form, runs the submission, and shows what it threw (network or not). */
  async function submit(task: () => Promise<void>) {
    reset();
    try {
      await task();
    } catch (error) {
      showThrown(error);
    }
  }

  return { message, fieldErrors, reset, show, showValidation, showRateLimit, showThrown, showFailure, submit };
}
