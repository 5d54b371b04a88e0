import { computed, ref, type Ref } from 'vue';
import { useQuery } from '@vue/apollo-composable';
import type { ImportJobFieldsFragment } from '../../graphql/generated/graphql';
import { ImportJobQuery } from './imports.documents';
import { uploadCsv, type ImportKindPath } from './upload';

export type UploadPhase = 'idle' | 'uploading' | 'finished' | 'refused';

/**
 * One upload and the job it becomes. The server answers the POST only when the import is
 * over, so while it runs the job is found in the list of imports (a running job with the
 * file's name that was not there before, or the job being resumed) and then polled.
 */
export function useImportUpload(listed: Ref<readonly ImportJobFieldsFragment[]>, refreshList: () => unknown) {
  const phase = ref<UploadPhase>('idle');
  const uploadShare = ref(0);
  const refusal = ref<string | null>(null);
  const pinnedId = ref<number | null>(null);
  const pending = ref<{ fileName: string; before: Set<number>; resume: number | null } | null>(null);

  // Before the answer: the job as the list shows it.
  const foundId = computed(() => {
    if (pinnedId.value !== null) return pinnedId.value;
    const wait = pending.value;
    if (!wait) return null;
    const job = listed.value.find((item) => item.status === 'RUNNING' && (item.id === wait.resume || (!wait.before.has(item.id) && item.fileName === wait.fileName)));
    return job?.id ?? null;
  });

  const jobQuery = useQuery(ImportJobQuery, () => ({ id: foundId.value ?? 0 }), () => ({
    enabled: foundId.value !== null,
    pollInterval: phase.value === 'uploading' ? 1000 : 0,
    fetchPolicy: 'network-only',
  }));
  const job = computed(() => (foundId.value !== null ? (jobQuery.result.value?.importJob ?? null) : null));

  async function start(kind: ImportKindPath, file: File, resume: number | null = null) {
    phase.value = 'uploading';
    uploadShare.value = 0;
    refusal.value = null;
    pinnedId.value = null;
    pending.value = { fileName: file.name, before: new Set(listed.value.map((item) => item.id)), resume };
    try {
      const answer = await uploadCsv(kind, file, { resume, onProgress: (share) => (uploadShare.value = share) });
      uploadShare.value = 1;
      if ((answer.status === 200 || answer.status === 422) && typeof answer.body?.id === 'number') {
        pinnedId.value = answer.body.id;
        phase.value = 'finished';
        await jobQuery.refetch({ id: answer.body.id });
      } else {
        phase.value = 'refused';
        refusal.value = answer.body?.error ?? `HTTP ${answer.status}`;
      }
    } catch {
      phase.value = 'refused';
      refusal.value = null;
    } finally {
      pending.value = null;
      await refreshList();
    }
  }

  return { phase, uploadShare, refusal, job, start, busy: computed(() => phase.value === 'uploading') };
}
