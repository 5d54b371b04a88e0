#!/usr/bin/env node
// Runs docker/Dockerfile's steps without a Docker engine, to prove the image would build and
// start: each stage is a folder; COPY copies from the repository (or from an earlier stage's
// folder), RUN runs in the stage's folder with its ENV. The `build` stage is the checkout
// itself (CI has just run its `npm ci` and `npm run build`), and where the machine has no
// `node` user the server runs as `nobody` (what the image's USER is for: no root). Then the
// runtime stage's CMD starts in production mode, its HEALTHCHECK must pass, /readyz must say
// ready, the web app must be served, and SIGTERM must stop it cleanly.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'patron-docker-steps-'));
const log = (...args) => console.log('[docker-steps]', ...args);

/** The Dockerfile as logical instructions: comments dropped, continuations joined. */
function instructions() {
  const logical = [];
  let current = '';
  for (const line of readFileSync(join(repo, 'docker/Dockerfile'), 'utf8').split(/\r?\n/)) {
    if (/^\s*#/.test(line) || (line.trim() === '' && current === '')) continue;
    current += `${line.replace(/\\\s*$/, '')} `;
    if (!/\\\s*$/.test(line)) {
      if (current.trim()) logical.push(current.trim());
      current = '';
    }
  }
  return logical.map((text) => ({ op: text.split(/\s+/)[0].toUpperCase(), args: text.slice(text.split(/\s+/)[0].length).trim() }));
}

const stages = new Map(); // name -> { dir, env }
let stage = null;
let workdir = '/';
let runtimeUser = null;
let cmd = null;
let healthcheck = null;
const hasNodeUser = (() => {
  try {
    execFileSync('id', ['node'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

for (const { op, args } of instructions()) {
  if (op === 'ARG' || op === 'EXPOSE') continue;
  if (op === 'WORKDIR') {
    workdir = args.replace(/\/$/, '');
    continue;
  }
  if (op === 'FROM') {
    const [, parent, name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(args);
    const from = stages.get(parent);
    const dir = join(work, name);
    if (name === 'build') {
      // The checkout is the build stage: CI ran its npm ci and npm run build already.
      stages.set(name, { dir: repo, env: {}, skip: true });
      stage = stages.get(name);
      continue;
    }
    if (from?.dir && existsSync(from.dir) && from.dir !== repo) cpSync(from.dir, dir, { recursive: true });
    mkdirSync(dir, { recursive: true });
    stage = { dir, env: { ...(from?.env ?? {}) } };
    stages.set(name, stage);
    log(`stage ${name}${from ? ` (from ${parent})` : ''}`);
    continue;
  }
  if (stage.skip) continue;
  if (op === 'ENV') {
    for (const [, key, value] of args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) stage.env[key] = value.replace(/^"|"$/g, '');
  } else if (op === 'COPY') {
    const parts = args.split(/\s+/);
    const from = parts[0].startsWith('--from=') ? stages.get(parts.shift().slice(7)) : null;
    const target = parts.pop();
    for (const source of parts) {
      const destination = target.endsWith('/') ? join(stage.dir, target, source.endsWith('/') ? '' : source.split('/').pop()) : join(stage.dir, target);
      // Every stage's folder is its WORKDIR: an absolute path in another stage is relative to it.
      const relative = source.startsWith(`${workdir}/`) ? source.slice(workdir.length + 1) : source;
      cpSync(join(from ? from.dir : repo, relative), destination, { recursive: true });
    }
  } else if (op === 'RUN') {
    let command = args.replace(/--mount=\S+\s*/g, '');
    if (/apt-get/.test(command)) {
      log('skip (the machine has the toolchain):', command.slice(0, 60));
      continue;
    }
    if (!hasNodeUser) command = command.replace(/chown node:node/g, 'chown nobody:nogroup');
    log('run:', command);
    execFileSync('sh', ['-c', command], { cwd: stage.dir, stdio: 'inherit', env: { ...process.env, ...stage.env } });
  } else if (op === 'USER') {
    runtimeUser = hasNodeUser ? args : 'nobody';
  } else if (op === 'HEALTHCHECK') {
    healthcheck = JSON.parse(args.slice(args.indexOf('CMD') + 3).trim());
  } else if (op === 'CMD') {
    cmd = JSON.parse(args);
  } else {
    throw new Error(`docker-steps: no rule for ${op}`);
  }
}

const runtime = stages.get('runtime');
if (!runtime || !cmd || !healthcheck) throw new Error('docker-steps: the Dockerfile needs a runtime stage with CMD and HEALTHCHECK');
const port = String(4500 + Math.floor(Math.random() * 400));
const env = { PATH: process.env.PATH, HOME: runtime.dir, ...runtime.env, PORT: port, SESSION_SECRET: 'docker-steps-session-secret-0123456789abcdef', ADMIN_PASSWORD: 'docker-steps-admin-1' };
// setpriv execs the server in place (runuser would stand between it and the signals).
const asUser = runtimeUser && process.getuid?.() === 0 ? ['setpriv', [`--reuid=${runtimeUser}`, `--regid=${runtimeUser === 'nobody' ? 'nogroup' : runtimeUser}`, '--clear-groups', ...cmd]] : [cmd[0], cmd.slice(1)];
if (runtimeUser && process.getuid?.() === 0) execFileSync('chmod', ['-R', 'a+rX', work]);
log(`start: ${asUser[0]} ${asUser[1].join(' ')} (port ${port})`);
const server = spawn(asUser[0], asUser[1], { cwd: runtime.dir, env, stdio: ['ignore', 'pipe', 'inherit'] });
let output = '';
server.stdout.on('data', (chunk) => (output += chunk));

async function check() {
  for (let i = 0; i < 120; i++) {
    try {
      execFileSync(healthcheck[0], healthcheck.slice(1), { env, stdio: 'ignore' });
      break;
    } catch {
      if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}):\n${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 500));
      if (i === 119) throw new Error(`HEALTHCHECK never passed:\n${output.slice(-2000)}`);
    }
  }
  log('HEALTHCHECK passed');
  const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
  if (!ready.ok) throw new Error(`/readyz answered ${ready.status}`);
  const page = await fetch(`http://127.0.0.1:${port}/`);
  if (!page.ok || !(await page.text()).includes('<div id="app"')) throw new Error('the web app is not served');
  const introspection = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }) });
  if (!JSON.stringify(await introspection.json()).includes('error')) throw new Error('introspection is on in production');
  log('/readyz ready, web app served, production mode');
  server.kill('SIGTERM');
  const code = await new Promise((r) => server.on('exit', (c) => r(c)));
  if (code !== 0) throw new Error(`SIGTERM ended the server with ${code}`);
  log('stopped cleanly on SIGTERM');
}

try {
  await check();
} finally {
  if (server.exitCode === null) server.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
}
