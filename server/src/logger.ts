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
      redact: {
        paths: ['email', 'phone', 'password', 'token', '*.email', '*.phone', '*.password', '*.token', 'req.headers.authorization', 'req.headers.cookie'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
