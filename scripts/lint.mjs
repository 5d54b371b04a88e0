// Project rules that a generic linter does not know (STYLE.md, STACK.md). Prints every
// breach as file:line and exits non-zero when there is one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = new Set(['node_modules', 'dist', 'generated', '.vite']);
const MAX_LINES = 400;

function files(dir, extensions) {
  const out = [];
  const walk = (path) => {
    for (const entry of readdirSync(path)) {
      if (SKIP.has(entry)) continue;
      const full = join(path, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (extensions.some((ext) => entry.endsWith(ext))) out.push(full);
    }
  };
  walk(join(root, dir));
  return out;
}

const problems = [];
const report = (file, line, message) => problems.push(`${relative(root, file)}:${line}: ${message}`);

function eachLine(file, check) {
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => check(text, index + 1));
}

const serverFiles = files('server/src', ['.ts']);
const schemaFiles = files('schema/src', ['.ts']);
const migrationFiles = files('migrations', ['.ts']);
const webFiles = files('web/src', ['.ts', '.vue']);

for (const file of [...serverFiles, ...schemaFiles, ...migrationFiles, ...webFiles]) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length;
  if (lines > MAX_LINES) report(file, 1, `${lines} lines: split it by concept (at most ${MAX_LINES})`);
  const name = basename(file);
  if (file.endsWith('.vue')) {
    if (!/^[A-Z][A-Za-z0-9]*\.vue$/.test(name)) report(file, 1, 'Vue components are PascalCase');
  } else if (file.includes('/web/src/') && /^(use[A-Z][A-Za-z0-9]*\.ts|[A-Z][A-Za-z0-9]*\.test\.ts)$/.test(name)) {
    // Web: composables are useX.ts; a component's test is named after the component.
  } else if (!/^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*\.ts$/.test(name)) {
    report(file, 1, 'file names are kebab-case with a role suffix (ledger.service.ts)');
  }
  eachLine(file, (line, n) => {
    if (/synchronize:\s*true/.test(line)) report(file, n, 'synchronize is never on: change the schema with a migration');
    if (/\beval\(|new Function\(/.test(line)) report(file, n, 'no eval or code strings');
  });
}

for (const file of serverFiles) {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.service.ts') && /from ['"](graphql|graphql-yoga|@pothos\/[\w-]+|\.\.?\/(\.\.\/)*graphql\/[\w-]+)['"]/.test(text)) {
    report(file, 1, 'services know no GraphQL: move GraphQL types to <domain>.graphql.ts');
  }
  if (file.endsWith('.entity.ts')) {
    // tsx/esbuild emit no decorator metadata: a column without an explicit type breaks at run time.
    const columns = text.match(/@(Column|PrimaryColumn|PrimaryGeneratedColumn)\(([^)]*)\)/g) ?? [];
    for (const column of columns) if (!/type:/.test(column)) report(file, 1, `give every column an explicit type: ${column}`);
  }
  if (!file.endsWith('/main.ts')) {
    eachLine(file, (line, n) => {
      if (/console\.log\(/.test(line)) report(file, n, 'log through pino (logger.ts), not console.log');
    });
  }
}

for (const file of schemaFiles) {
  if (/from ['"](\.\.\/)+(server|web)\//.test(readFileSync(file, 'utf8'))) report(file, 1, '@patron/schema imports nothing from server or web');
}
for (const file of webFiles) {
  if (/from ['"](\.\.\/)+(server)\//.test(readFileSync(file, 'utf8'))) report(file, 1, 'the web app talks to the server over GraphQL only');
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`lint: ${serverFiles.length + schemaFiles.length + migrationFiles.length + webFiles.length} files follow the project rules`);
