// Starts the built server for the e2e journeys: a fresh SQLite database seeded with the
// demo brand, a known admin password, port 4400, and a local SMTP server standing in for
// the mail relay: each mail it receives is written as JSON to MAIL_DIR, where a journey
// reads it (the password-reset link).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const MAIL_DIR = join(tmpdir(), 'patron-e2e-mail');
const SMTP_PORT = 4425;

const dir = mkdtempSync(join(tmpdir(), 'patron-e2e-'));
rmSync(MAIL_DIR, { recursive: true, force: true });
mkdirSync(MAIL_DIR, { recursive: true });
let received = 0;
const smtp = new SMTPServer({
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData: (stream, _session, callback) => {
    simpleParser(stream)
      .then((mail) => {
        const to = [mail.to].flat().map((a) => a?.text ?? '').join(', ');
        writeFileSync(join(MAIL_DIR, `${String(++received).padStart(5, '0')}.json`), JSON.stringify({ to, subject: mail.subject, text: mail.text }));
        callback();
      })
      .catch(callback);
  },
});
await new Promise((resolve) => smtp.listen(SMTP_PORT, '127.0.0.1', resolve));
const server = spawn(process.execPath, ['server/dist/main.js'], {
  stdio: 'inherit',
  env: {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    DATABASE_URL: `sqlite:${join(dir, 'e2e.sqlite')}`,
    HOST: '127.0.0.1',
    PORT: '4400',
    ADMIN_EMAIL: 'admin@patron.local',
    ADMIN_PASSWORD: 'e2e-admin-password',
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    WEB_DIST: 'web/dist',
    SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
    MAIL_FROM: 'Patron e2e <noreply@patron.local>',
    JOBS_POLL_MS: '300',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => smtp.close(() => process.exit(code ?? 0)));
