import { computed } from 'vue';
import { useViewer } from '../../shared/composables/useViewer';

/** Admins and marketers change engagement; analysts read it (the server's rules say the same). */
export function useCanEdit() {
  const { staff } = useViewer();
  return computed(() => staff.value?.role === 'MARKETER' || staff.value?.role === 'ADMIN');
}
