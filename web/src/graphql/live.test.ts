import { describe, expect, it, vi } from 'vitest';
import { createSseParser, openLiveStream, type LiveStatus, type SseEvent } from './live';

const encoder = new TextEncoder();

/** A fetch answer whose body arrives in the given pieces (bytes), then ends (or stays open). */
function streamResponse(pieces: (string | Uint8Array)[], { keepOpen = false, status = 200, type = 'text/event-stream' } = {}) {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(typeof piece === 'string' ? encoder.encode(piece) : piece);
      if (!keepOpen) controller.close();
    },
  });
  return new Response(body, { status, headers: { 'content-type': type } });
}

const wait = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createSseParser', () => {
  it('parses events whose lines are cut anywhere across reads, and skips keep-alive comments', () => {
    const events: SseEvent[] = [];
    const feed = createSseParser((e) => events.push(e));
    const stream = ':\n\nevent: next\r\ndata: {"data":{"n":1}}\r\n\r\n:\n\nevent: next\ndata: {"data":\ndata: {"n":2}}\n\nevent: complete\ndata:\n\n';
    // Every possible cut into three pieces gives the same events.
    for (let i = 0; i < stream.length; i += 7) {
      for (let j = i; j < stream.length; j += 5) {
        events.length = 0;
        const parse = createSseParser((e) => events.push(e));
        parse(stream.slice(0, i));
        parse(stream.slice(i, j));
        parse(stream.slice(j));
        expect(events).toEqual([
          { event: 'next', data: '{"data":{"n":1}}' },
          { event: 'next', data: '{"data":\n{"n":2}}' },
          { event: 'complete', data: '' },
        ]);
      }
    }
    feed('data: half');
    expect(events).toHaveLength(3); // nothing until the blank line ends the event
  });

  it('keeps a character whose bytes arrive in two reads', async () => {
    const bytes = encoder.encode('event: next\ndata: {"data":{"name":"Анна"}}\n\n');
    const cut = bytes.indexOf(0xd0) + 1; // inside the first Cyrillic letter
    const received: unknown[] = [];
    const stop = openLiveStream({
      query: 'subscription { x }',
      variables: {},
      onData: (data) => received.push(data),
      fetch: async () => streamResponse([bytes.slice(0, cut), bytes.slice(cut)], { keepOpen: true }),
    });
    await wait(5);
    stop();
    expect(received).toEqual([{ name: 'Анна' }]);
  });
});

describe('openLiveStream', () => {
  it('asks yoga for an event stream with the CSRF header and the session cookie', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => streamResponse([], { keepOpen: true }));
    const stop = openLiveStream({ query: 'subscription($t: ID!) { a(t: $t) }', variables: { t: 'T1' }, onData: () => {}, fetch: fetch as never });
    await wait();
    stop();
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/graphql');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(init.headers).toMatchObject({ accept: 'text/event-stream', 'x-graphql-yoga-csrf': '1', 'content-type': 'application/json' });
    expect(JSON.parse(init.body as string)).toEqual({ query: 'subscription($t: ID!) { a(t: $t) }', variables: { t: 'T1' } });
  });

  it('reconnects with backoff when the stream drops, says it reopened, and stops for good on stop()', async () => {
    const statuses: LiveStatus[] = [];
    const received: unknown[] = [];
    const reopened = vi.fn();
    let calls = 0;
    const fetch = vi.fn(async () => {
      calls++;
      if (calls === 1) return streamResponse(['event: next\ndata: {"data":{"n":1}}\n\n']); // then drops
      if (calls === 2) throw new TypeError('Failed to fetch');
      return streamResponse(['event: next\ndata: {"data":{"n":3}}\n\n'], { keepOpen: true });
    });
    const delays: number[] = [];
    const stop = openLiveStream({
      query: 'subscription { x }',
      variables: {},
      onData: (d) => received.push(d),
      onStatus: (s) => statuses.push(s),
      onReopen: reopened,
      fetch: fetch as never,
      delay: (attempt) => (delays.push(attempt), 1),
    });
    await wait(30);
    expect(received).toEqual([{ n: 1 }, { n: 3 }]);
    expect(delays).toEqual([1, 2]);
    expect(reopened).toHaveBeenCalledTimes(1);
    expect(statuses[0]).toBe('connecting');
    expect(statuses.at(-1)).toBe('live');
    expect(statuses).toContain('retrying');
    stop();
    await wait(10);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it('gives up when the server refuses the request or the subscription', async () => {
    const statuses: LiveStatus[] = [];
    const refused = vi.fn(async () => new Response('{"errors":[{"message":"CSRF"}]}', { status: 403, headers: { 'content-type': 'application/json' } }));
    openLiveStream({ query: 's', variables: {}, onData: () => {}, onStatus: (s) => statuses.push(s), fetch: refused as never, delay: () => 1 });
    await wait(20);
    expect(refused).toHaveBeenCalledTimes(1);
    expect(statuses.at(-1)).toBe('failed');

    const denied = vi.fn(async () => streamResponse(['event: next\ndata: {"errors":[{"message":"Not authorized"}]}\n\nevent: complete\ndata:\n\n']));
    const after: LiveStatus[] = [];
    openLiveStream({ query: 's', variables: {}, onData: () => {}, onStatus: (s) => after.push(s), fetch: denied as never, delay: () => 1 });
    await wait(20);
    expect(denied).toHaveBeenCalledTimes(1);
    expect(after.at(-1)).toBe('failed');
  });
});
