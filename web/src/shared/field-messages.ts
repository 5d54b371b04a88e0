type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * The server's field messages are English sentences with no code (FieldError has only
 * path and message). Until it sends codes, the ones it is known to send are shown in the
 * reader's language; anything else is shown as the server wrote it.
 */
const KNOWN: [RegExp, (match: RegExpMatchArray) => [string, Record<string, unknown>?]][] = [
  [/^must be an email address$/i, () => ['validation.email']],
  [/^must be at least (\d+) characters?$/i, (m) => ['validation.minLength', { count: Number(m[1]) }]],
  [/^must be at most (\d+) characters?$/i, (m) => ['validation.maxLength', { count: Number(m[1]) }]],
  [/^is required$/i, () => ['validation.required']],
  [/^give the key at least one scope$/i, () => ['validation.scopes']],
];

export function localizeFieldMessage(message: string, t: Translate): string {
  for (const [pattern, toKey] of KNOWN) {
    const match = message.match(pattern);
    if (match) {
      const [key, values] = toKey(match);
      return values ? t(key, values) : t(key);
    }
  }
  return message;
}
