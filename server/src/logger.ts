import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs. Personal data never goes in: emails, phones, passwords, tokens and cookies
 * are redacted wherever they appear under these keys.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'patron' },
      // SQL errors carry their bound parameters (emails, phones): never log those.
      serializers: { err: serializeError },
      redact: {
        paths: ['email', 'phone', 'password', 'token', '*.email', '*.phone', '*.password', '*.token', 'req.headers.authorization', 'req.headers.cookie'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** Emails and phone numbers inside free text (a database's "Duplicate entry 'x@y.z'" message). */
const scrub = (text: unknown) => (typeof text === 'string' ? text.replace(/[^\s'"`<>(),;:@]+@[^\s'"`<>(),;:@]+\.[a-z]{2,}/gi, '[email]').replace(/\+?\d[\d ()-]{9,17}\d/g, '[phone]') : text);

/** pino's error serializer, without the SQL parameters a failed query carries and with contacts scrubbed from its text. */
function serializeError(error: unknown) {
  // TypeORM hands a failed query's error to its logger as text at times.
  if (typeof error !== 'object' || error === null) return scrub(String(error));
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  for (const key of ['parameters', 'driverError']) delete serialized[key];
  for (const key of ['message', 'stack', 'sqlMessage']) if (key in serialized) serialized[key] = scrub(serialized[key]);
  return serialized;
}
