// Bundles the server (its source, @patron/schema and migrations/) into dist/main.js.
// npm packages stay external and are loaded from node_modules at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => !name.startsWith('@patron/'));

await build({
  entryPoints: [join(here, 'src/main.ts')],
  outfile: join(here, 'dist/main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  keepNames: true,
  tsconfig: join(here, '../tsconfig.json'),
  external,
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __patronRequire } from 'node:module'; const require = __patronRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log('built server/dist/main.js');
