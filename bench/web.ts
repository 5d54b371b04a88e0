import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { median } from './measure';

/**
 * The web app as a browser gets it, from the production build (`npm run build`):
 * - the JavaScript and CSS each main route downloads on a first visit (empty cache), gzip
 *   computed here over every fetched asset so the figure does not depend on the server's
 *   compression;
 * - the flow editor on 50, 500 and 800 nodes: time from clicking the campaign in the list to
 *   its nodes on screen with the diagnostics computed, and the frame times while a node is
 *   dragged (requestAnimationFrame timestamps). Every editor figure is the median of 3 runs.
 * The built server runs in its own process on a free port (fresh SQLite, demo seed), driven
 * by Chromium through Playwright.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MARKETER = { email: 'marketer@demo.patron.local', password: 'patron-demo-marketer' };
const MEMBER = { email: 'anna@demo.patron.local', password: 'patron-demo' };
const DEMO_CAMPAIGN = 'Двойные баллы от 1 000 ₽';
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const RUNS = 3;
const DRAG_STEPS = 60;
const log = (line: string) => process.stderr.write(`[web] ${line}\n`);

export interface RouteLoad {
  route: string;
  path: string;
  area: 'portal' | 'console';
  jsGzipKB: number;
  cssGzipKB: number;
  jsRawKB: number;
  scripts: number;
  stylesheets: number;
}

export interface EditorRun {
  nodes: number;
  renderedNodes: number;
  loadMs: number;
  dragFrameMeanMs: number;
  dragFrameP95Ms: number;
  dragStepMs: number;
  loadRunsMs: number[];
  dragMeanRunsMs: number[];
}

const kb = (bytes: number) => Number((bytes / 1024).toFixed(1));
const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const percentile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The built server on a free port, fresh SQLite with the demo seed; `webDist` for another build of the web app (profiling). */
export async function startServer(webDist = 'web/dist'): Promise<{ url: string; stop: () => Promise<void> }> {
  for (const built of ['server/dist/main.js', join(webDist, 'index.html')])
    if (!existsSync(resolve(root, built))) throw new Error(`${built} is missing: run \`npm run build\` before the web benchmark`);
  const dir = mkdtempSync(join(tmpdir(), 'patron-bench-web-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['server/dist/main.js'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
      HOST: '127.0.0.1',
      PORT: String(port),
      ADMIN_EMAIL: 'admin@patron.local',
      ADMIN_PASSWORD: 'bench-admin-password',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      WEB_DIST: webDist,
      JOBS_POLL_MS: '1000',
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was ready`);
    const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ok) return { url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the server was not ready within 2 minutes');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function graphql<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Cookies of a session signed in through the browser context's own request client. */
export async function sessionState(browser: Browser, url: string, mutation: 'login' | 'memberSignIn', who: { email: string; password: string }) {
  const context = await browser.newContext({ baseURL: url });
  const res = await context.request.post('/graphql', {
    headers: { 'content-type': 'application/json', 'x-graphql-yoga-csrf': '1' },
    data: { query: `mutation($input: SignInInput!) { ${mutation}(input: $input) { __typename } }`, variables: { input: who } },
  });
  const body = await res.json();
  if (!/Session$/.test(body?.data?.[mutation]?.__typename ?? '')) throw new Error(`${mutation} failed: ${JSON.stringify(body)}`);
  const state = await context.storageState();
  await context.close();
  return state;
}

type State = Awaited<ReturnType<typeof sessionState>>;

/** A chain of amount conditions, each with an award on its false branch, as in the e2e 800-node test. */
export function chainGraph(total: number) {
  const pairs = Math.max(1, Math.floor((total - 2) / 2));
  const nodes: { id: string; kind: string; params: Record<string, unknown>; position: { x: number; y: number } }[] = [
    { id: 't', kind: 'trigger.purchase', params: {}, position: { x: 0, y: 0 } },
  ];
  const edges: { id: string; source: string; sourcePort: string; target: string }[] = [{ id: 'e-t', source: 't', sourcePort: 'out', target: 'c0' }];
  for (let i = 0; i < pairs; i++) {
    const x = 280 * (1 + (i % 20));
    const y = 320 * Math.floor(i / 20);
    nodes.push({ id: `c${i}`, kind: 'condition.amount', params: { op: 'gte', value: 1000 * (i + 1) }, position: { x, y } });
    nodes.push({ id: `a${i}`, kind: 'action.awardPoints', params: { mode: 'fixed', amount: i + 1 }, position: { x, y: y + 150 } });
    edges.push({ id: `f${i}`, source: `c${i}`, sourcePort: 'false', target: `a${i}` });
    if (i < pairs - 1) edges.push({ id: `n${i}`, source: `c${i}`, sourcePort: 'true', target: `c${i + 1}` });
  }
  nodes.push({ id: 'last', kind: 'action.awardPoints', params: { mode: 'fixed', amount: 1 }, position: { x: 0, y: 320 * Math.ceil(pairs / 20) + 300 } });
  edges.push({ id: 'e-last', source: `c${pairs - 1}`, sourcePort: 'true', target: 'last' });
  return { nodes, edges };
}

/** The JS and CSS one first visit downloads, from an empty cache, until the page is drawn and the network is quiet. */
async function measureRoute(browser: Browser, url: string, route: { route: string; path: string; area: RouteLoad['area']; state?: State; ready: string }): Promise<RouteLoad> {
  const context = await browser.newContext({ baseURL: url, locale: 'en-US', viewport: { width: 1440, height: 1000 }, storageState: route.state });
  try {
    const page = await context.newPage();
    const assets: Promise<{ type: string; raw: number; gzip: number }>[] = [];
    page.on('response', (response) => {
      const type = response.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      assets.push(response.body().then((body) => ({ type, raw: body.length, gzip: gzipSync(body).length })));
    });
    await page.goto(route.path);
    await page.locator(route.ready).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const landed = new URL(page.url()).pathname;
    if (landed !== route.path) throw new Error(`${route.path} landed on ${landed}`);
    const all = await Promise.all(assets);
    const sum = (type: string, key: 'raw' | 'gzip') => all.filter((a) => a.type === type).reduce((total, a) => total + a[key], 0);
    return {
      route: route.route,
      path: route.path.replace(/\/campaigns\/[^/]+$/, '/campaigns/:id'),
      area: route.area,
      jsGzipKB: kb(sum('script', 'gzip')),
      cssGzipKB: kb(sum('stylesheet', 'gzip')),
      jsRawKB: kb(sum('script', 'raw')),
      scripts: all.filter((a) => a.type === 'script').length,
      stylesheets: all.filter((a) => a.type === 'stylesheet').length,
    };
  } finally {
    await context.close();
  }
}

/** Clicks the campaign in the list; resolves once its nodes are visible and the diagnostics say it is ready, on the frame after. */
async function openFromList(page: Page, name: string): Promise<number> {
  await page.goto('/admin/campaigns');
  await page.getByRole('link', { name, exact: true }).waitFor();
  // In-page code as text: tsx would wrap named functions in a helper the page does not have.
  return page.evaluate(`new Promise((resolve, reject) => {
    const name = ${JSON.stringify(name)};
    const link = [...document.querySelectorAll('a')].find((a) => a.textContent?.trim() === name);
    if (!link) return reject(new Error('no link to ' + name));
    const started = performance.now();
    link.click();
    let seen = false;
    const check = () => {
      if (performance.now() - started > 60000) return reject(new Error('the editor did not open within 60 s'));
      if (seen) return resolve(performance.now() - started);
      const node = document.querySelector('.vue-flow__node');
      const counts = document.querySelector('.diagnostics__counts')?.textContent ?? '';
      // Visible (Vue Flow hides nodes until it has measured them) and the diagnostics computed.
      seen = !!node && node.checkVisibility({ visibilityProperty: true }) && /None/.test(counts);
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })`) as Promise<number>;
}

/** Drags node c0 by DRAG_STEPS mouse moves, recording requestAnimationFrame timestamps meanwhile. */
async function dragOnce(page: Page, direction: 1 | -1) {
  const target = page.locator('.vue-flow__node[data-id="c0"] .flow-node__label');
  const box = (await target.boundingBox())!;
  const before = (await page.locator('.vue-flow__node[data-id="c0"]').boundingBox())!;
  await page.evaluate(`(() => {
    window.benchFrames = [];
    window.benchStop = false;
    const tick = (t) => {
      window.benchFrames.push(t);
      if (!window.benchStop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const x0 = box.x + box.width / 2;
  const y0 = box.y + box.height / 2;
  const started = Date.now();
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= DRAG_STEPS; i++) await page.mouse.move(x0 + direction * i * 4, y0 + direction * i * 2);
  await page.mouse.up();
  const dragMs = Date.now() - started;
  const frames = (await page.evaluate('(window.benchStop = true, window.benchFrames)')) as number[];
  const after = (await page.locator('.vue-flow__node[data-id="c0"]').boundingBox())!;
  if (Math.abs(after.x - before.x) < 100) throw new Error(`the drag did not move the node (${before.x} → ${after.x})`);
  const intervals = frames.slice(1).map((t, i) => t - frames[i]);
  return { mean: (frames[frames.length - 1] - frames[0]) / intervals.length, p95: percentile(intervals, 95), stepMs: dragMs / DRAG_STEPS };
}

async function measureEditor(context: BrowserContext, name: string, nodes: number): Promise<EditorRun> {
  const loads: number[] = [];
  let page: Page | undefined;
  for (let run = 0; run < RUNS; run++) {
    await page?.close();
    page = await context.newPage();
    loads.push(await openFromList(page, name));
  }
  page = page!;
  await page.getByTestId('save-state').waitFor();
  const renderedNodes = await page.locator('.vue-flow__node').count();
  const drags: { mean: number; p95: number; stepMs: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    drags.push(await dragOnce(page, run % 2 ? -1 : 1));
    // The drop saves the draft: let that finish before the next drag.
    await page.getByText('All changes saved').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(300);
  }
  await page.close();
  return {
    nodes,
    renderedNodes,
    loadMs: Math.round(median(loads)),
    dragFrameMeanMs: round(median(drags.map((d) => d.mean))),
    dragFrameP95Ms: round(median(drags.map((d) => d.p95))),
    dragStepMs: round(median(drags.map((d) => d.stepMs))),
    loadRunsMs: loads.map(Math.round),
    dragMeanRunsMs: drags.map((d) => round(d.mean)),
  };
}

export async function webBench(options: { sizes?: number[] } = {}) {
  const sizes = options.sizes ?? [50, 500, 800];
  const server = await startServer();
  const browser = await chromium.launch(
    existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] } : {},
  );
  try {
    const { url } = server;
    log(`server ready at ${url}`);
    const staff = await sessionState(browser, url, 'login', MARKETER);
    const member = await sessionState(browser, url, 'memberSignIn', MEMBER);
    const token = (await graphql<{ login: { token: string } }>(url, 'mutation($input: SignInInput!) { login(input: $input) { ... on StaffSession { token } } }', { input: MARKETER })).login.token;
    const list = await graphql<{ campaigns: { edges: { node: { id: string; name: string } }[] } }>(url, '{ campaigns(first: 100) { edges { node { id name } } } }', {}, token);
    const demo = list.campaigns.edges.find((e) => e.node.name === DEMO_CAMPAIGN)?.node.id;
    if (!demo) throw new Error(`the demo campaign "${DEMO_CAMPAIGN}" is not in the seed`);

    const routes = [
      { route: 'portal sign-in', path: '/signin', area: 'portal' as const, ready: 'form button[type="submit"]' },
      { route: 'portal home (wallet)', path: '/', area: 'portal' as const, state: member, ready: '[data-test="qr"]' },
      { route: 'portal community', path: '/community', area: 'portal' as const, state: member, ready: '[data-test="category"]' },
      { route: 'console sign-in', path: '/admin/login', area: 'console' as const, ready: 'form button[type="submit"]' },
      { route: 'console dashboard', path: '/admin', area: 'console' as const, state: staff, ready: '[data-kpi="membersTotal"] [data-testid="kpi-value"]' },
      { route: 'campaign editor (demo, 5 nodes)', path: `/admin/campaigns/${encodeURIComponent(demo)}`, area: 'console' as const, state: staff, ready: '.vue-flow__node' },
    ];
    const loads: RouteLoad[] = [];
    for (const route of routes) {
      loads.push(await measureRoute(browser, url, route));
      log(`${route.route}: ${loads.at(-1)!.jsGzipKB} KB JS gzip`);
    }

    const editorContext = await browser.newContext({ baseURL: url, locale: 'en-US', viewport: { width: 1600, height: 1000 }, storageState: staff });
    const editor: EditorRun[] = [];
    try {
      // Warm-up, not timed: the editor's code comes from the HTTP cache in the timed runs, as after a first visit.
      const warm = await editorContext.newPage();
      await openFromList(warm, DEMO_CAMPAIGN);
      await warm.close();
      for (const nodes of sizes) {
        const name = `Bench ${nodes} nodes`;
        const graph = chainGraph(nodes);
        const created = await graphql<{ createCampaign: { __typename: string } }>(
          url,
          'mutation($input: CampaignInput!) { createCampaign(input: $input) { __typename } }',
          { input: { name, graph } },
          token,
        );
        if (created.createCampaign.__typename !== 'Campaign') throw new Error(`createCampaign: ${JSON.stringify(created)}`);
        editor.push(await measureEditor(editorContext, name, graph.nodes.length));
        log(`${nodes} nodes: open ${editor.at(-1)!.loadRunsMs.join(', ')} ms; drag frames ${editor.at(-1)!.dragMeanRunsMs.join(', ')} ms`);
      }
    } finally {
      await editorContext.close();
    }

    const portalFirstLoad = Math.max(...loads.filter((l) => l.area === 'portal').map((l) => l.jsGzipKB));
    const at = (n: number) => editor.find((e) => e.nodes === n);
    const small = at(sizes[0]);
    const mid = at(500);
    const big = at(800);
    return {
      browser: `Chromium ${browser.version()} headless, --disable-gpu (software rendering)`,
      runs: RUNS,
      dragSteps: DRAG_STEPS,
      routes: loads,
      editor,
      goals: {
        portalFirstLoadKB: { limit: 150, value: portalFirstLoad, met: portalFirstLoad <= 150 },
        load800Ms: big ? { limit: 1800, value: big.loadMs, met: big.loadMs <= 1800 } : null,
        drag500vs50: small && mid ? { limit: 2, value: round(mid.dragFrameMeanMs / small.dragFrameMeanMs, 2), met: mid.dragFrameMeanMs <= 2 * small.dragFrameMeanMs } : null,
      },
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export type WebBench = Awaited<ReturnType<typeof webBench>>;
