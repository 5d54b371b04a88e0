import type { StaffRole } from '../../graphql/generated/graphql';

/** The roles the server lets export members (server/src/http/export.ts, mayExport). */
export const mayExportMembers = (role: StaffRole | null | undefined) => role === 'ADMIN' || role === 'MARKETER' || role === 'ANALYST';

export function exportUrl(segment: string | null): string {
  return segment ? `/export/members.csv?segment=${encodeURIComponent(segment)}` : '/export/members.csv';
}

/** Lines of CSV received so far (the header is one of them), for the progress bar. */
export function countLines(chunk: Uint8Array): number {
  let lines = 0;
  for (const byte of chunk) if (byte === 10) lines++;
  return lines;
}

/** Share done, 0–100, from the rows received and X-Total-Count (rows, without the header). */
export function exportProgress(linesReceived: number, total: number | null): number | null {
  if (total === null) return null;
  if (total === 0) return 100;
  return Math.min(100, Math.round((Math.max(0, linesReceived - 1) / total) * 100));
}
