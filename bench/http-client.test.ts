import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpClient, ResponseParser } from './http-client.mjs';

describe('the load generator’s HTTP client', () => {
  it('parses a response split anywhere, with a length or in chunks, and leaves nothing behind', () => {
    const withLength = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 30\r\n\r\n{"data":{"ok":"привет"}}';
    const chunked = 'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n';
    for (const [text, body, close] of [
      [withLength, '{"data":{"ok":"привет"}}', false],
      [chunked, 'hello, world', true],
    ] as const) {
      const bytes = Buffer.from(text);
      // Every split point, as a socket may cut the bytes (inside a two-byte letter too: the length counts bytes).
      for (let cut = 1; cut < bytes.length; cut++) {
        const parser = new ResponseParser();
        expect(parser.push(bytes.subarray(0, cut))).toBeNull();
        expect(parser.push(bytes.subarray(cut))).toEqual({ status: 200, body, close });
        expect(parser.buffer.length).toBe(0);
      }
    }
  });

  it('refuses a response it cannot delimit', () => {
    expect(() => new ResponseParser().push(Buffer.from('HTTP/1.1 200 OK\r\n\r\nbody'))).toThrow(/neither length nor chunks/);
    expect(() => new ResponseParser().push(Buffer.from('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n'))).toThrow(/without its size/);
  });

  describe('against node:http', () => {
    let server: Server;
    let url: string;
    const seen: { body: string; headers: Record<string, unknown> }[] = [];
    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          seen.push({ body, headers: req.headers });
          // Chunked when the answer is streamed, with a length when it is not.
          if (body.includes('stream')) {
            res.write('{"echo":');
            res.end(`${body}}`);
          } else res.end(JSON.stringify({ echo: JSON.parse(body) }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('sends each body with its headers and reuses its connections', async () => {
      const client = httpClient(url, { 'content-type': 'application/json', authorization: 'Bearer k' });
      const connections = new Set<unknown>();
      server.on('connection', (socket) => connections.add(socket));
      try {
        const bodies = Array.from({ length: 40 }, (_, i) => JSON.stringify(i % 2 ? { n: i, mode: 'stream' } : { n: i, name: 'ёж' }));
        const answers = [];
        // Four at a time, ten rounds: four connections serve them all.
        for (let round = 0; round < 10; round++) answers.push(...(await Promise.all(bodies.slice(round * 4, round * 4 + 4).map((b) => client.post(b)))));
        expect(answers.map((a) => JSON.parse(a.body).echo)).toEqual(bodies.map((b) => JSON.parse(b)));
        expect(answers.every((a) => a.status === 200)).toBe(true);
        expect(connections.size).toBe(4);
        expect(seen.at(-1)?.headers).toMatchObject({ authorization: 'Bearer k', 'content-type': 'application/json' });
      } finally {
        client.close();
      }
    });
  });
});
