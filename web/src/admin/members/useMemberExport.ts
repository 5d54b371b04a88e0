import { ref } from 'vue';
import { countLines, exportProgress, exportUrl } from './member-export';

/**
 * Downloads the members CSV with a progress bar: the server streams it and says in
 * X-Total-Count how many rows will come; the rows are counted as they arrive.
 */
export function useMemberExport() {
  const running = ref(false);
  const percent = ref<number | null>(null);
  const rows = ref(0);
  const failed = ref<string | null>(null);

  async function run(segment: string | null) {
    running.value = true;
    percent.value = 0;
    rows.value = 0;
    failed.value = null;
    try {
      const response = await fetch(exportUrl(segment), { credentials: 'same-origin' });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        failed.value = body?.error ?? `HTTP ${response.status}`;
        return;
      }
      const totalHeader = response.headers.get('x-total-count');
      const total = totalHeader === null ? null : Number(totalHeader);
      const reader = response.body.getReader();
      const parts: Uint8Array[] = [];
      let lines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        lines += countLines(value);
        rows.value = Math.max(0, lines - 1);
        percent.value = exportProgress(lines, total);
      }
      percent.value = 100;
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'members.csv';
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob(parts as BlobPart[], { type: 'text/csv' }));
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch {
      failed.value = 'network';
    } finally {
      running.value = false;
    }
  }

  return { running, percent, rows, failed, run };
}
