import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { DomainError } from '../errors';
import { countMemberExport, memberExportCsv } from '../export/member-export';
import type { Logger } from '../logger';
import type { Services } from '../services';
import { actorOfRequest } from './authenticate';
import { json } from './respond';

/** Members hold personal data: admins, marketers and analysts export them, and API keys with members:read. */
const mayExport = (actor: Actor) =>
  (actor.kind === 'staff' && ['admin', 'marketer', 'analyst'].includes(actor.role)) || (actor.kind === 'apiKey' && actor.scopes.includes('members:read'));

/**
 * GET /export/members.csv[?segment=code]: the members as CSV, streamed page by page with
 * the socket's backpressure, so a million rows take the memory of one page.
 * X-Total-Count tells the rows to come, for a progress bar.
 */
export function createExportHandler(deps: { dataSource: DataSource; services: Services; logger: Logger }) {
  return async function exportMembers(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const found = await actorOfRequest(req, deps.services, deps.dataSource);
    if (!found || found.actor.kind === 'anonymous') return json(res, 401, { error: 'Sign in, or send an API key with members:read.' });
    if (!mayExport(found.actor)) return json(res, 403, { error: 'Your role may not export members.' });
    const segment = url.searchParams.get('segment');
    if (segment !== null && !/^[a-z0-9_-]{1,64}$/.test(segment)) return json(res, 400, { error: 'segment: a segment code' });
    const em = deps.dataSource.manager;
    const program = await deps.services.programs.resolve(em);
    let total: number;
    try {
      total = await countMemberExport(em, { program, segment });
    } catch (error) {
      if (error instanceof DomainError) return json(res, 404, { error: error.message });
      throw error;
    }
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="members${segment ? `-${segment}` : ''}-${new Date().toISOString().slice(0, 10)}.csv"`,
      'x-total-count': String(total),
      'cache-control': 'no-store',
    });
    let aborted = false;
    res.on('close', () => {
      aborted = !res.writableFinished;
    });
    for await (const chunk of memberExportCsv(em, { program, segment })) {
      if (aborted) break;
      // Wait for the socket to drain before reading the next page.
      if (!res.write(chunk)) await drained(res);
    }
    res.end();
    deps.logger.info({ segment, total, aborted }, 'members exported');
  };
}

/** Resolves when the socket can take more, or is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

