import type { ServerResponse } from 'node:http';

/** A JSON answer for the plain HTTP routes (health, export, import). */
export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
