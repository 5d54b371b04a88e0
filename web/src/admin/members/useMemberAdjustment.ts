import { ref, type Ref } from 'vue';
import { useMutation } from '@vue/apollo-composable';
import { useI18n } from 'vue-i18n';
import { AdjustMemberPointsMutation } from '../../graphql/member-profile';
import { useFormState } from '../../shared/composables/useFormState';
import type { AdjustInput } from './adjust-points-form';
import { formatNumber } from './tier-progress';

/**
 * Sends a manual adjustment and tells its outcome on the form. The answer carries the
 * account, so the cache updates the balance by itself; `onDone` refreshes the history.
 */
export function useMemberAdjustment(memberId: Ref<string>, onDone: () => unknown) {
  const { t, locale } = useI18n();
  const mutation = useMutation(AdjustMemberPointsMutation);
  const form = useFormState(['points', 'reason']);
  const success = ref(false);
  /** Bumped after a success so that the form starts empty again. */
  const formKey = ref(0);
  const n = (value: number) => formatNumber(value, locale.value);

  async function adjust(input: AdjustInput) {
    success.value = false;
    await form.submit(async () => {
      const answer = (await mutation.mutate({ input: { memberId: memberId.value, points: input.points, reason: input.reason } }))?.data?.adjustPoints;
      if (answer?.__typename === 'PointsAdjusted') {
        const points = answer.entry.points > 0 ? `+${n(answer.entry.points)}` : `−${n(Math.abs(answer.entry.points))}`;
        form.show(answer.replayed ? t('memberProfile.adjust.replayed') : t('memberProfile.adjust.done', { points, available: n(answer.account.available) }));
        success.value = true;
        formKey.value += 1;
        await onDone();
      } else if (answer?.__typename === 'InsufficientPointsError') {
        form.show(t('memberProfile.adjust.insufficient', { available: n(answer.available), requested: n(answer.requested) }));
      } else {
        form.showFailure(answer, { NotFoundError: t('memberProfile.adjust.notFound'), ConflictError: t('memberProfile.adjust.conflict') });
      }
    });
  }

  return { adjust, loading: mutation.loading, message: form.message, fieldErrors: form.fieldErrors, success, formKey };
}
