// Starts the built server for the e2e journeys: a fresh SQLite database seeded with the
// demo brand, a known admin password, port 4400.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'patron-e2e-'));
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
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
