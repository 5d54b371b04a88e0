/** Types of http-client.mjs (plain JavaScript, so that the load generator's worker runs without a TypeScript loader). */
export interface Answer {
  status: number;
  body: string;
  close: boolean;
}
export function httpClient(url: string, headers: Record<string, string>): { post(body: string): Promise<Answer>; close(): void };
export class ResponseParser {
  buffer: Buffer;
  push(chunk: Buffer): Answer | null;
}
