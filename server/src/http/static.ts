import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves the built web app. Hashed files under /assets are cached for a year; any other
 * path that is not a file gets index.html, so that the router handles /admin/… and the
 * portal's routes on reload.
 */
export function createStaticHandler(root: string) {
  const base = resolve(root);
  const index = join(base, 'index.html');
  const available = () => existsSync(index);

  return {
    available,
    handle(req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      if (!available()) return false;
      let decoded: string;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        return false;
      }
      const candidate = normalize(join(base, decoded));
      const inside = candidate === base || candidate.startsWith(base + sep);
      const isFile = inside && existsSync(candidate) && statSync(candidate).isFile();
      if (!isFile && extname(decoded) !== '' && decoded.startsWith('/assets/')) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return true;
      }
      const file = isFile ? candidate : index;
      const headers: Record<string, string> = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'x-content-type-options': 'nosniff',
        'cache-control': decoded.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      };
      if (file === index) {
        headers['content-security-policy'] =
          "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'";
        headers['x-frame-options'] = 'DENY';
        headers['referrer-policy'] = 'same-origin';
      }
      res.writeHead(200, headers);
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
      return true;
    },
  };
}
