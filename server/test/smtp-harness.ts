import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { TestApp } from './harness';

/** A real SMTP server on a free port: it keeps what it receives, or refuses every message. */
export async function startSmtp() {
  const received: ParsedMail[] = [];
  const state = { refuse: false, refused: 0 };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth: (auth, _session, callback) => (auth.username === 'mailer' && auth.password === 's3cret' ? callback(null, { user: auth.username }) : callback(new Error('bad credentials'))),
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.refuse) {
          state.refused++;
          return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 451 }));
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push(mail);
          callback();
        });
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, state, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Runs the due jobs (and the retries they schedule) until nothing is left, attempts included. */
export async function drain(t: TestApp) {
  for (let pass = 0; pass < 20; pass++) {
    const ran = await t.app.runJobs(new Date(Date.now() + 3_600_000));
    await t.app.services.notifications.settled();
    if (ran === 0) return;
  }
}
