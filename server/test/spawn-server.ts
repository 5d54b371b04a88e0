import { spawn, type ChildProcess } from 'node:child_process';

/**
 * The server as a process of its own (node with tsx's loader, so that SIGKILL kills the
 * server itself, not a wrapper); resolves once it prints its address.
 */
export async function spawnServer(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', `${__dirname}/../src/main.ts`], {
    cwd: `${__dirname}/../..`,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'warn', WEB_DIST: '', JOBS_INTERVAL_SECONDS: '0', ...env },
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  for (let i = 0; i < 600 && !/running at (http:\/\/\S+)/.test(output); i++) await new Promise((r) => setTimeout(r, 100));
  const match = /running at (http:\/\/\S+)/.exec(output);
  if (!match) throw new Error(`the server did not start: ${output}`);
  return { child, url: match[1] };
}
