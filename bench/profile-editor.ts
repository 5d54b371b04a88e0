// Profiling aid for the flow editor's open time (not part of `npm run bench`):
//   npx tsx bench/profile-editor.ts [nodes...]      open times (RUNS, default 5) per size
//   PROFILE=1 npx tsx bench/profile-editor.ts 50    also the network requests, long tasks,
//     a CPU profile (/tmp/editor.cpuprofile) and a Chromium trace (/tmp/editor-trace.json) of the last run
// WEB_DIST=web/dist-prof serves another build (e.g. `vite build --minify false --outDir dist-prof`).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chainGraph, graphql, sessionState, startServer } from './web';

/** CPU time (thread clock) of the renderer's main-thread tasks in the last `ms` of the trace: robust to a busy machine. */
function mainThreadCpu(path: string, ms: number) {
  const events = JSON.parse(readFileSync(path, 'utf8')).traceEvents as { ph: string; name: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; args?: { name?: string } }[];
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const taskOf = (m: (typeof events)[number]) => events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && e.pid === m.pid && e.tid === m.tid);
  const tasks = mains.map(taskOf).sort((a, b) => b.length - a.length)[0] ?? [];
  const end = Math.max(...tasks.map((e) => e.ts + (e.dur ?? 0)));
  return Math.round(tasks.filter((e) => e.ts >= end - ms * 1000 - 50_000).reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000);
}

const sizes = process.argv.slice(2).map(Number);
const runs = Number(process.env.RUNS ?? 5);
const profiling = process.env.PROFILE === '1';
const server = await startServer(process.env.WEB_DIST ?? 'web/dist');
const browser = await chromium.launch(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu'] } : {});
try {
  const { url } = server;
  const who = { email: 'marketer@demo.patron.local', password: 'patron-demo-marketer' };
  const staff = await sessionState(browser, url, 'login', who);
  const token = (await graphql<{ login: { token: string } }>(url, 'mutation($input: SignInInput!) { login(input: $input) { ... on StaffSession { token } } }', { input: who })).login.token;
  const context = await browser.newContext({ baseURL: url, locale: 'en-US', viewport: { width: 1600, height: 1000 }, storageState: staff });
  for (const nodes of sizes.length ? sizes : [50, 800]) {
    const name = `Profile ${nodes}`;
    await graphql(url, 'mutation($input: CampaignInput!) { createCampaign(input: $input) { __typename } }', { input: { name, graph: chainGraph(nodes) } }, token);
    const times: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < runs; run++) {
      const page = await context.newPage();
      await page.goto('/admin/campaigns');
      await page.getByRole('link', { name, exact: true }).waitFor();
      const last = profiling && run === runs - 1;
      const cdp = last ? await context.newCDPSession(page) : null;
      if (!last) await browser.startTracing(page, { path: '/tmp/editor-cpu.json', categories: ['toplevel'] });
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
        await cdp.send('Profiler.start');
        await browser.startTracing(page, { path: '/tmp/editor-trace.json', categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
      }
      const t0 = Date.now();
      const requests: string[] = [];
      page.on('requestfinished', (r) => {
        const op = /"operationName":"(\w+)"/.exec(r.postData() ?? '')?.[1] ?? '';
        requests.push(`${Date.now() - t0} ms: ${r.url().replace(url, '')} ${op}`);
      });
      const ms = (await page.evaluate(`new Promise((resolve) => {
        new PerformanceObserver((list) => { for (const e of list.getEntries()) (window.longTasks ??= []).push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask' });
        const link = [...document.querySelectorAll('a')].find((a) => a.textContent?.trim() === ${JSON.stringify(name)});
        const started = performance.now();
        window.clickAt = started;
        link.click();
        let seen = false;
        const check = () => {
          if (seen) return resolve(performance.now() - started);
          const node = document.querySelector('.vue-flow__node');
          const counts = document.querySelector('.diagnostics__counts')?.textContent ?? '';
          seen = !!node && node.checkVisibility({ visibilityProperty: true }) && /None/.test(counts);
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      })`)) as number;
      times.push(Math.round(ms));
      if (!last) {
        await browser.stopTracing();
        cpu.push(mainThreadCpu('/tmp/editor-cpu.json', ms));
      }
      if (cdp) {
        const { profile } = await cdp.send('Profiler.stop');
        await browser.stopTracing();
        writeFileSync('/tmp/editor.cpuprofile', JSON.stringify(profile));
        const longTasks = await page.evaluate('(window.longTasks ?? []).map(([s, d]) => [Math.round(s - window.clickAt), d])');
        console.log('  long tasks [start after click, duration]:', JSON.stringify(longTasks));
        for (const r of requests) console.log('  ' + r);
      }
      await page.close();
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`${nodes} nodes: main-thread CPU ms ${cpu.join(', ')}`);
    console.log(`${nodes} nodes: min ${sorted[0]} median ${sorted[Math.floor(sorted.length / 2)]} ms (${times.join(', ')})`);
  }
} finally {
  await browser.close();
  await server.stop();
}
