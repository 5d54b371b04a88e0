export type ImportKindPath = 'members' | 'purchases';

export interface UploadAnswer {
  /** HTTP status: 200 done, 422 the file failed (the job says why), others refused. */
  status: number;
  /** The job's summary ({ id, status, rowsImported… }) or { error }. */
  body: { id?: number; status?: string; error?: string; message?: string } | null;
}

/** Where a CSV goes: the file name for the job list, and the job to continue when resuming. */
export function importUrl(kind: ImportKindPath, fileName: string, resume: number | null): string {
  const params = new URLSearchParams({ name: fileName });
  if (resume !== null) params.set('resume', String(resume));
  return `/import/${kind}.csv?${params.toString()}`;
}

/**
 * Sends the file as the request body with the session cookie (same origin). XMLHttpRequest
 * rather than fetch: only it reports upload progress. The server answers once the import
 * has finished, so the promise settles at the very end.
 */
export function uploadCsv(kind: ImportKindPath, file: Blob & { name: string }, options: { resume?: number | null; onProgress?: (share: number) => void } = {}): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', importUrl(kind, file.name, options.resume ?? null));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      let body: UploadAnswer['body'] = null;
      try {
        body = JSON.parse(xhr.responseText) as UploadAnswer['body'];
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(file);
  });
}
