import { ref, type Ref } from 'vue';
import { useApolloClient, useMutation } from '@vue/apollo-composable';
import { useMessage } from 'naive-ui';
import { useI18n } from 'vue-i18n';
import { AnonymizeMemberMutation, MemberDataExportQuery } from '../../graphql/member-profile';
import { isNetworkError } from '../../shared/forms';
import { saveJson } from '../../portal/privacy/download';

/** The file name: the member's global id, never their name or email (it lands in a downloads folder). */
export function exportFileName(memberId: string): string {
  return `patron-member-${memberId.replace(/[^A-Za-z0-9_-]/g, '')}.json`;
}

/** Export and anonymisation for the profile; `name` is read when the outcome is told. */
export function useMemberPrivacy(memberId: Ref<string>, name: Ref<string>) {
  const { t } = useI18n();
  const toast = useMessage();
  const { resolveClient } = useApolloClient();
  const exporting = ref(false);
  const confirming = ref(false);
  const anonymise = useMutation(AnonymizeMemberMutation);
  const failure = (thrown: unknown, fallback: string) => (isNetworkError(thrown) ? t('common.networkError') : fallback);

  async function exportData() {
    exporting.value = true;
    try {
      // network-only: the copy must be what the server holds now, never an older cached one.
      const { data } = await resolveClient().query({ query: MemberDataExportQuery, variables: { id: memberId.value }, fetchPolicy: 'network-only' });
      if (data.memberData == null) throw new Error('no data');
      const file = exportFileName(memberId.value);
      saveJson(data.memberData, file);
      toast.success(t('memberProfile.privacy.exported', { file }));
    } catch (thrown) {
      toast.error(failure(thrown, t('memberProfile.privacy.exportFailed')));
    } finally {
      exporting.value = false;
    }
  }

  async function anonymiseMember() {
    const before = name.value;
    try {
      const answer = (await anonymise.mutate({ id: memberId.value }))?.data?.anonymizeMember;
      if (answer?.__typename === 'Member') {
        confirming.value = false;
        toast.success(t('memberProfile.privacy.anonymised', { name: before }));
      } else toast.error(answer?.__typename === 'NotFoundError' ? t('memberProfile.adjust.notFound') : t('memberProfile.privacy.anonymiseFailed'));
    } catch (thrown) {
      toast.error(failure(thrown, t('memberProfile.privacy.anonymiseFailed')));
    }
  }

  return { exporting, exportData, confirming, anonymising: anonymise.loading, anonymiseMember };
}
