import type { IncomingMessage } from 'node:http';
import type { DataSource } from 'typeorm';
import { ANONYMOUS, type Actor } from '../auth/actor';
import type { Services } from '../services';
import { SESSION_COOKIE, readCookie } from './cookies';

export interface Credentials {
  authorization: string | null;
  cookie: string | null;
}

/** Whether a request carries anything to look up: an Authorization header or a session cookie. Without, actorFromHeaders answers anonymous. */
export function carriesCredentials(headers: Credentials): boolean {
  return Boolean(headers.authorization) || Boolean(readCookie(headers.cookie, SESSION_COOKIE));
}

/**
 * Who is calling, from the Authorization header or the session cookie. A bearer token that
 * does not resolve is `null` (the caller answers 401, so that an API client learns at once
 * that its key was revoked); a stale browser cookie only makes the visitor anonymous.
 */
export async function actorFromHeaders(headers: Credentials, services: Services, dataSource: DataSource): Promise<{ actor: Actor; fromCookie: boolean } | null> {
  if (headers.authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(headers.authorization.trim());
    const actor = match ? await services.auth.resolveToken(dataSource.manager, match[1]) : null;
    return actor ? { actor, fromCookie: false } : null;
  }
  const cookie = readCookie(headers.cookie, SESSION_COOKIE);
  if (cookie) {
    const actor = await services.auth.resolveToken(dataSource.manager, cookie);
    if (actor && actor.kind !== 'apiKey') return { actor, fromCookie: true };
  }
  return { actor: ANONYMOUS, fromCookie: false };
}

/** actorFromHeaders for the plain node:http routes (export, import). */
export function actorOfRequest(req: IncomingMessage, services: Services, dataSource: DataSource) {
  const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : null);
  return actorFromHeaders({ authorization: header('authorization'), cookie: header('cookie') }, services, dataSource);
}
