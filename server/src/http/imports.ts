import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { csvCell } from '../export/member-export';
import type { ImportKind } from '../imports/import-job.entity';
import { ImportRefused } from '../imports/imports.service';
import type { Logger } from '../logger';
import type { Services } from '../services';
import { actorOfRequest } from './authenticate';
import { json } from './respond';

/** Uploads above this are refused before a byte is read (a million receipts are about 100 MB). */
export const MAX_IMPORT_BYTES = 2 * 1024 ** 3;

/** Members: admin and support staff, and API keys that may write members; receipts: admins and keys that may write purchases. */
function mayImport(actor: Actor, kind: ImportKind): boolean {
  if (actor.kind === 'staff') return actor.role === 'admin' || (kind === 'members' && actor.role === 'support');
  if (actor.kind === 'apiKey') return actor.partnerId === null && actor.scopes.includes(kind === 'members' ? 'members:write' : 'purchases:write');
  return false;
}

/**
 * POST /import/members.csv and /import/purchases.csv (body: the CSV, Content-Type
 * text/csv; ?resume=<job id> continues a stopped import) read the upload as a stream and
 * answer with the job when it is done; GET /import/<id>/errors.csv is the error report.
 * A cross-site form cannot send text/csv, so the content type also guards the session cookie.
 */
export function createImportHandler(deps: { dataSource: DataSource; services: Services; logger: Logger }) {
  const authorize = async (req: IncomingMessage, res: ServerResponse, kind: ImportKind | null) => {
    const found = await actorOfRequest(req, deps.services, deps.dataSource);
    if (!found || found.actor.kind === 'anonymous') return json(res, 401, { error: 'Sign in, or send an API key.' }), null;
    const allowed = kind ? mayImport(found.actor, kind) : mayImport(found.actor, 'members') || mayImport(found.actor, 'purchases');
    if (!allowed) return json(res, 403, { error: 'You may not import this.' }), null;
    return found.actor;
  };

  return async function handleImport(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const upload = /^\/import\/(members|purchases)\.csv$/.exec(url.pathname);
    if (upload && req.method === 'POST') {
      const kind = upload[1] as ImportKind;
      const actor = await authorize(req, res, kind);
      if (!actor) return true;
      if (!/^text\/csv\b/i.test(req.headers['content-type'] ?? '')) return json(res, 415, { error: 'Send the file with Content-Type: text/csv.' }), true;
      const length = req.headers['content-length'] ? Number(req.headers['content-length']) : null;
      if (length !== null && (!Number.isFinite(length) || length > MAX_IMPORT_BYTES)) return json(res, 413, { error: `At most ${MAX_IMPORT_BYTES} bytes.` }), true;
      const resume = url.searchParams.get('resume');
      if (resume !== null && !/^\d{1,9}$/.test(resume)) return json(res, 400, { error: 'resume: an import id' }), true;
      let job;
      try {
        job = await deps.services.imports.start(deps.dataSource, {
          kind,
          fileName: (url.searchParams.get('name') ?? `${kind}.csv`).slice(0, 200),
          bytesTotal: length,
          actor: { staffUserId: actor.kind === 'staff' ? actor.staffUserId : null, apiKeyId: actor.kind === 'apiKey' ? actor.apiKeyId : null },
          resumeJobId: resume === null ? null : Number(resume),
        });
      } catch (error) {
        if (error instanceof ImportRefused) return json(res, 404, { error: error.message }), true;
        throw error;
      }
      const done = await deps.services.imports.run(deps.dataSource, job, limited(req, MAX_IMPORT_BYTES));
      deps.logger.info({ importId: done.id, kind, status: done.status, rowsRead: done.rowsRead, rowsImported: done.rowsImported, rowsFailed: done.rowsFailed }, 'import finished');
      json(res, done.status === 'done' ? 200 : 422, summary(done));
      return true;
    }
    const report = /^\/import\/(\d{1,9})\/errors\.csv$/.exec(url.pathname);
    if (report && req.method === 'GET') {
      if (!(await authorize(req, res, null))) return true;
      const errors = await deps.services.imports.errors(deps.dataSource.manager, Number(report[1]));
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="import-${report[1]}-errors.csv"`, 'cache-control': 'no-store' });
      res.write('\ufeffline,column,message\r\n');
      for (const e of errors) res.write(`${[e.line, e.column, e.message].map(csvCell).join(',')}\r\n`);
      res.end();
      return true;
    }
    return false;
  };
}

/** The job as the API shows it. */
function summary(job: { id: number; kind: string; status: string; rowsRead: number; rowsImported: number; rowsSkipped: number; rowsFailed: number; message: string }) {
  const { id, kind, status, rowsRead, rowsImported, rowsSkipped, rowsFailed, message } = job;
  return { id, kind, status, rowsRead, rowsImported, rowsSkipped, rowsFailed, message, errorsUrl: `/import/${id}/errors.csv` };
}

/** The request body, cut off with an error past `max` bytes (a client may lie about Content-Length or send none). */
async function* limited(req: IncomingMessage, max: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > max) throw new ImportRefused(`The upload is larger than ${max} bytes.`);
    yield chunk;
  }
}

