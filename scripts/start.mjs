// `npm start`: builds what is missing or out of date, then runs the server (which migrates,
// seeds the demo brand on first run and prints where to go and how to sign in).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from './server-node-flags.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const at = (...parts) => join(root, ...parts);

function newest(paths) {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules' && entry !== 'dist' && entry !== 'generated') visit(join(path, entry));
    } else latest = Math.max(latest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return latest;
}

function builtAfter(output, sources) {
  return existsSync(output) && statSync(output).mtimeMs >= newest(sources);
}

function run(workspace) {
  console.log(`building ${workspace}…`);
  const result = spawnSync('npm', ['run', 'build', '-w', workspace], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!builtAfter(at('server/dist/main.js'), [at('server/src'), at('migrations'), at('schema/src')])) run('@patron/server');
if (!builtAfter(at('web/dist/index.html'), [at('web/src'), at('web/index.html'), at('schema/src')])) run('@patron/web');

const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--enable-source-maps', at('server/dist/main.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
