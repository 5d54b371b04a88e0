import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { addTypenameToDocument, print } from '@apollo/client/utilities';
import { onScopeDispose, ref, watch, type Ref } from 'vue';
import { persistedHash } from './persisted';

// GraphQL subscriptions over server-sent events, as graphql-yoga serves them: POST /graphql
// with `Accept: text/event-stream`, answered by `event: next` / `data: {"data": …}` events
// and a final `event: complete`. Thirty lines of fetch and a parser instead of a client
// library: only the forum's pages load this, and they need nothing more.

export interface SseEvent {
  event: string;
  data: string;
}

/**
 * An incremental text/event-stream parser: feed it text as it arrives, in chunks cut
 * anywhere (mid-line, between \r and \n); it calls back once per complete event.
 * Comment lines (yoga's keep-alive `:`) are skipped.
 */
export function createSseParser(onEvent: (event: SseEvent) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      if (line === '') {
        if (data.length) onEvent({ event: event || 'message', data: data.join('\n') });
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
  };
}

/** connecting: opening; live: the stream is open; retrying: it dropped or could not open (poll meanwhile); failed: the server refused it. */
export type LiveStatus = 'connecting' | 'live' | 'retrying' | 'failed';

export interface LiveStreamOptions<T> {
  query: string;
  /** The document's hash in the persisted-operations list: sent instead of the text, which follows only if the server does not know it. */
  hash?: string;
  variables: Record<string, unknown>;
  onData: (data: T) => void;
  onStatus?: (status: LiveStatus) => void;
  /** The stream opened again after a drop: what was published meanwhile was missed. */
  onReopen?: () => void;
  fetch?: typeof fetch;
  /** Milliseconds to wait before the n-th retry (1, 2, …). */
  delay?: (attempt: number) => number;
}

/** Up to 30 s, doubling from 1 s, with jitter so that a restarted server is not hit by everyone at once. */
export const backoff = (attempt: number) => Math.min(30_000, 1000 * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);

/** Opens the stream and keeps it open (reconnecting with backoff) until the returned stop() is called. */
export function openLiveStream<T>(options: LiveStreamOptions<T>): () => void {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const delay = options.delay ?? backoff;
  let stopped = false;
  let controller: AbortController | null = null;
  let wake: (() => void) | null = null;
  const status = (s: LiveStatus) => !stopped && options.onStatus?.(s);

  let everOpened = false;
  let attempt = 0;

  let sendText = !options.hash;
  const unknownHash = (errors: unknown) => Array.isArray(errors) && errors.some((e) => (e as { message?: string })?.message === 'PersistedQueryNotFound');

  async function once(): Promise<'dropped' | 'fatal' | 'resend'> {
    controller = new AbortController();
    const operation = sendText
      ? { query: options.query, variables: options.variables }
      : { variables: options.variables, extensions: { persistedQuery: { version: 1, sha256Hash: options.hash } } };
    const response = await doFetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-graphql-yoga-csrf': '1' },
      credentials: 'same-origin',
      body: JSON.stringify(operation),
      signal: controller.signal,
    });
    if (!response.ok || !response.body || !(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      if (!sendText && unknownHash(((await response.json().catch(() => null)) as { errors?: unknown } | null)?.errors)) {
        sendText = true;
        return 'resend';
      }
      // 4xx: the request itself is refused (CSRF, a bad query): retrying changes nothing.
      return response.status >= 400 && response.status < 500 && response.status !== 429 ? 'fatal' : 'dropped';
    }
    attempt = 0;
    status('live');
    if (everOpened) options.onReopen?.();
    everOpened = true;
    let outcome: 'dropped' | 'fatal' | 'resend' = 'dropped';
    const parse = createSseParser(({ event, data }) => {
      if (event !== 'next') return;
      const payload = JSON.parse(data) as { data?: T; errors?: unknown[] };
      if (payload.data) options.onData(payload.data);
      else if (!sendText && unknownHash(payload.errors)) {
        sendText = true;
        outcome = 'resend';
      } else if (payload.errors) outcome = 'fatal'; // not allowed, or gone: the server ends the stream next
    });
    const reader = response.body.getReader();
    // stream: true keeps a character whose bytes are split between two reads whole.
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return outcome;
      parse(decoder.decode(value, { stream: true }));
    }
  }

  void (async () => {
    while (!stopped) {
      status(attempt ? 'retrying' : 'connecting');
      const outcome = await once().catch(() => 'dropped' as const);
      if (stopped) return;
      if (outcome === 'fatal') return status('failed');
      if (outcome === 'resend') continue;
      attempt++;
      status('retrying');
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, delay(attempt));
      });
    }
  })();

  return () => {
    stopped = true;
    controller?.abort();
    wake?.();
  };
}

/**
 * A subscription for as long as the calling component lives: reopened when the variables
 * change, stopped on unmount. `variables` returning null means "nothing to follow yet".
 */
export function useLiveSubscription<T, V extends Record<string, unknown>>(
  document: TypedDocumentNode<T, V>,
  variables: () => V | null,
  onData: (data: T) => void,
  onReopen?: () => void,
): { status: Ref<LiveStatus> } {
  const status = ref<LiveStatus>('connecting');
  // With __typename, as Apollo's own link asks for it: the pages write what arrives into the cache.
  const query = print(addTypenameToDocument(document));
  const hash = persistedHash(document);
  let stop: (() => void) | null = null;
  watch(
    () => JSON.stringify(variables()),
    () => {
      stop?.();
      const vars = variables();
      stop = vars ? openLiveStream<T>({ query, hash, variables: vars, onData, onReopen, onStatus: (s) => (status.value = s) }) : null;
    },
    { immediate: true },
  );
  onScopeDispose(() => stop?.());
  return { status };
}
