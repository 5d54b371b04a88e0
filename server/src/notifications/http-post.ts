import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress } from './url-guard';

export interface PostResult {
  status: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * POSTs a body and resolves with the status, or the error; never rejects. The whole
 * exchange has one deadline, so a receiver that hangs (or trickles its answer) costs at
 * most `timeoutMs`. Redirects are not followed.
 */
export function postJson(url: string, body: string, headers: Record<string, string>, options: { timeoutMs: number; refusePrivate: boolean }): Promise<PostResult> {
  const started = Date.now();
  const done = (status: number | null, error: string | null): PostResult => ({ status, error, durationMs: Date.now() - started });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(done(null, 'not a URL'));
  }
  const host = target.hostname.replace(/^\[|\]$/g, '');
  // An IP literal skips the lookup below: check it here.
  if (options.refusePrivate && isIP(host) !== 0 && isPrivateAddress(host)) return Promise.resolve(done(null, 'refused: private address'));
  if (options.refusePrivate && (host === 'localhost' || host.endsWith('.localhost'))) return Promise.resolve(done(null, 'refused: private address'));
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (status: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(status, error));
    };
    const req = send(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Patron-Webhooks/1', ...headers },
      ...(options.refusePrivate ? { lookup: guardedLookup as never } : {}),
    });
    const timer = setTimeout(() => {
      finish(null, `no answer within ${options.timeoutMs} ms`);
      req.destroy();
    }, options.timeoutMs);
    req.on('response', (res) => {
      res.on('data', () => undefined);
      res.on('end', () => finish(res.statusCode ?? null, null));
      res.on('error', (error) => finish(res.statusCode ?? null, error.message));
    });
    req.on('error', (error) => finish(null, error.message.slice(0, 500)));
    req.end(body);
  });
}
