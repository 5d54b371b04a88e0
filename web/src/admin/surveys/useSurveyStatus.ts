import { ref } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { useMessage } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import type { SurveyStatus } from '../../graphql/generated/graphql';
import { SetSurveyStatusMutation } from '../../graphql/surveys';

/** Opens or closes a survey and says so; the cache updates the row from the answer. */
export function useSurveyStatus() {
  const { t } = useI18n();
  const toast = useMessage();
  const mutation = useMutation(SetSurveyStatusMutation);
  const busyId = ref<string | null>(null);

  async function setStatus(id: string, status: SurveyStatus) {
    busyId.value = id;
    try {
      const answer = (await mutation.mutate({ id, status }))?.data?.setSurveyStatus;
      if (answer?.__typename === 'Survey') toast.success(status === 'OPEN' ? t('surveys.opened') : t('surveys.closed'));
      else toast.error(answer?.__typename === 'ValidationError' ? answer.fieldErrors.map((e) => e.message).join(' ') : t('common.unexpectedError'));
    } catch {
      toast.error(t('common.networkError'));
    } finally {
      busyId.value = null;
    }
  }
  return { setStatus, busyId };
}
