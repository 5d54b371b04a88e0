// A lean HTTP/1.1 client for the load generator: keep-alive sockets, each request written as
// one prepared string, each answer parsed just enough to find its body. fetch (undici) cost
// the generator about 0.6 ms of CPU per request, on the same two cores as the server and
// the database; a load generator such as autocannon works as this does, at a fraction of it.
import net from 'node:net';

/**
 * POSTs to one URL over keep-alive connections: an idle one is reused, a new one opened
 * when all are busy (an open-loop load may need more than `concurrency`).
 */
export function httpClient(url, headers) {
  const { hostname, port, pathname, search } = new URL(url);
  const head = `POST ${pathname}${search} HTTP/1.1\r\nhost: ${hostname}:${port}\r\n${Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')}`;
  const idle = [];
  const open = new Set();
  return {
    /** The answer's status and body text. */
    async post(body) {
      const connection = idle.pop() ?? new Connection(Number(port), hostname, open);
      const answer = await connection.request(`${head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      if (connection.alive) idle.push(connection);
      return answer;
    },
    close() {
      for (const connection of open) connection.socket.destroy();
    },
  };
}

class Connection {
  constructor(port, host, open) {
    this.alive = true;
    this.waiting = null;
    this.parser = new ResponseParser();
    this.socket = net.connect(port, host);
    this.socket.setNoDelay(true);
    open.add(this);
    const fail = (error) => {
      this.alive = false;
      open.delete(this);
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.reject(error);
    };
    this.socket.on('data', (chunk) => {
      let answer;
      try {
        answer = this.parser.push(chunk);
      } catch (error) {
        this.socket.destroy();
        fail(error);
        return;
      }
      if (!answer) return;
      const waiting = this.waiting;
      this.waiting = null;
      if (answer.close) {
        // Answered, and not to be used again.
        this.alive = false;
        open.delete(this);
        this.socket.end();
      }
      waiting?.resolve(answer);
    });
    this.socket.on('error', fail);
    this.socket.on('close', () => fail(new Error('connection closed')));
  }

  request(text) {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(text);
    });
  }
}

/**
 * One HTTP/1.1 response at a time from the bytes as they arrive: `push` returns
 * `{ status, body, close }` once the whole response is in (Content-Length or chunked), else null.
 */
export class ResponseParser {
  constructor() {
    this.buffer = Buffer.alloc(0);
  }

  push(chunk) {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return null;
    const [statusLine, ...lines] = this.buffer.toString('latin1', 0, headEnd).split('\r\n');
    const status = Number(statusLine.split(' ')[1]);
    const headers = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const close = (headers.connection ?? '').toLowerCase() === 'close';
    const start = headEnd + 4;
    if (headers['content-length'] !== undefined) {
      const end = start + Number(headers['content-length']);
      if (this.buffer.length < end) return null;
      return this.answer(status, this.buffer.toString('utf8', start, end), close, end);
    }
    if (!/chunked/i.test(headers['transfer-encoding'] ?? '')) throw new Error(`a response with neither length nor chunks (status ${status})`);
    const parts = [];
    let at = start;
    for (;;) {
      const lineEnd = this.buffer.indexOf('\r\n', at);
      if (lineEnd < 0) return null;
      const size = parseInt(this.buffer.toString('latin1', at, lineEnd), 16);
      if (Number.isNaN(size)) throw new Error('a chunk without its size');
      if (size === 0) {
        // The last chunk, then no trailers: the blank line that ends the response.
        const end = this.buffer.indexOf('\r\n', lineEnd + 2);
        if (end < 0) return null;
        return this.answer(status, Buffer.concat(parts).toString('utf8'), close, end + 2);
      }
      const dataStart = lineEnd + 2;
      if (this.buffer.length < dataStart + size + 2) return null;
      parts.push(this.buffer.subarray(dataStart, dataStart + size));
      at = dataStart + size + 2;
    }
  }

  answer(status, body, close, consumed) {
    this.buffer = this.buffer.subarray(consumed);
    return { status, body, close };
  }
}
