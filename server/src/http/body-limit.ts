import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** yoga's default limit, kept for requests that do not come through the HTTP server (tests send a 10 MB import in-process to reach the import's own limit). */
export const IN_PROCESS_BODY_LIMIT = 25_000_000;

/**
 * The GraphQL body limit, in place of yoga's own (`maxRequestBodySize`), which pipes every
 * body through a counting TransformStream even when its Content-Length is known and
 * small — a stream pipeline, an AbortController and a DOMException per request, a sixth
 * of the CPU time of a small query.
 *
 * A request from the HTTP server (`bodyLengthChecked`, set by app.ts) has already been
 * refused there without a Content-Length or over the limit, and Node's HTTP parser
 * delivers exactly Content-Length bytes of body; nothing is left to count. Any other
 * request (yoga.fetch in tests, another integration) is checked as yoga does: by its
 * Content-Length, and with none, by counting the bytes as they are read.
 */

export function useBodyLimit(limit: number): Plugin<object, { bodyLengthChecked?: boolean }> {
  return {
    onRequestParse({ request, serverContext, requestParser, setRequestParser, fetchAPI }) {
      if (serverContext.bodyLengthChecked) return;
      const contentLength = request.headers.get('content-length');
      if (contentLength != null) {
        if (!/^\d+$/.test(contentLength)) throw createGraphQLError('Content-Length header is invalid.', { extensions: { http: { status: 400 }, code: 'BAD_REQUEST' } });
        if (Number(contentLength) > limit) throw tooLarge();
      }
      const body = request.body;
      if (!requestParser || !body) return;
      const original = requestParser;
      setRequestParser((req) => {
        // A native ReadableStream needs the native TransformStream (graphql-yoga#4583).
        const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
        let bytesRead = 0;
        const counted = body.pipeThrough(
          new Transform<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              bytesRead += chunk.byteLength;
              if (bytesRead > limit) controller.error(tooLarge());
              else controller.enqueue(chunk);
            },
          }),
        );
        return original(new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, signal: req.signal, body: counted, duplex: 'half' } as RequestInit));
      });
    },
  };
}

function tooLarge() {
  return createGraphQLError('Request body too large', { extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' } });
}
