// Benchmark (issue 7): cold load of the hub's queue page (/ko) in Chromium, and the JavaScript
// the police report form (/ny-anmalan) needs.
//  1. The real server (`envagin serve`, PostgreSQL) with QUEUE_CASES open reports in the queue.
//     `hub` logs in once (API); then N fresh browser contexts, each with that session cookie and
//     the cache disabled, navigate to /ko. Measured per load, from navigation start:
//     domInteractive and loadEventEnd (Navigation Timing), and "ready": the queue table's first
//     "Ta ärendet" button present and enabled, or the empty state (recorded in the page by a
//     MutationObserver, so not subject to the driver's polling), then awaited as visible.
//  2. Baseline, same run, loads interleaved with the envagin ones: a static HTML page of the same
//     size served by a bare node http server: the /ko page as rendered (scripts removed, the
//     stylesheet inlined), padded with an HTML comment to the bytes the real /ko load transfers.
//     The ratio is what the single-page app costs over "the same bytes, already rendered".
//  3. The police form: `polis` opens /ny-anmalan in a fresh context; every script response is
//     counted (bytes as transferred, and gzip -6 with zlib, each file on its own).
// Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/page-load.ts
// Knobs: BENCH_LOADS (20), QUEUE_CASES (25).
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { validReport } from '../src/test/reports.ts';
import { chromiumAvailable, launchBrowser } from '../test/support/browser.ts';
import { startServer } from '../test/support/server.ts';
import { busyText, machineBusy } from './support/cpu.ts';

const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const QUEUE_CASES = Number(process.env.QUEUE_CASES ?? 25);
const READY_SELECTOR = 'button.claim:enabled, p.empty';
const log = (msg: string) => process.stderr.write(`${msg}\n`);

if (!chromiumAvailable()) throw new Error('Chromium not found (apt-get install -y chromium)');
if (!existsSync('dist/web/index.html')) throw new Error('dist/web missing: run npm run build:web first');

interface LoadSample {
  domInteractive: number;
  loadEventEnd: number;
  ready: number;
  /** From page.goto being called to the navigation's start (driver, browser process, new renderer). */
  navDelay: number;
  /** From the button entering the DOM to waitForSelector returning in the driver. */
  seenDelay: number;
  /** The next animation frame after ready. */
  painted: number;
  /** Milestones of the request chain (ms from navigation start): name → [start, responseEnd]. */
  chain: Record<string, [number, number]>;
  wall: number;
  bytes: number;
  requests: number;
}

// Runs in the page before any of its scripts: notes when the first enabled claim button (or the
// empty state) enters the DOM, relative to navigation start. A string, not a function: tsx would
// wrap named inner functions in a helper that does not exist in the page.
const READY_PROBE = `(() => {
  const check = () => {
    if (window.__ready !== undefined) return;
    const button = document.querySelector('button.claim');
    if ((button && !button.disabled) || document.querySelector('p.empty')) {
      window.__ready = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => (window.__painted = performance.now()));
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
})();`;

async function coldLoad(browser: Browser, url: string, cookie: { name: string; value: string; url: string } | null): Promise<{ sample: LoadSample; page: Page; context: BrowserContext }> {
  const context = await browser.newContext();
  if (cookie) await context.addCookies([{ ...cookie, httpOnly: true, sameSite: 'Strict' }]);
  await context.addInitScript(READY_PROBE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests++;
  });
  const t0 = performance.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector(READY_SELECTOR, { state: 'visible', timeout: 30_000 });
  const t1 = performance.now();
  const wall = t1 - t0;
  await page.waitForFunction(() => (window as unknown as { __painted?: number }).__painted !== undefined);
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const w = window as unknown as { __ready: number; __painted: number };
    const chain: Record<string, [number, number]> = {};
    for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      const path = new URL(e.name).pathname;
      const key = path.startsWith('/assets/') ? path.replace(/^\/assets\/([A-Za-z]+)-.*\.(\w+)$/, '$1.$2') : path;
      if (!(key in chain)) chain[key] = [e.startTime, e.responseEnd];
    }
    return { domInteractive: nav.domInteractive, loadEventEnd: nav.loadEventEnd, ready: w.__ready, painted: w.__painted, chain, origin: performance.timeOrigin };
  });
  const { origin, ...rest } = timing;
  const navDelay = origin - (performance.timeOrigin + t0);
  const seenDelay = performance.timeOrigin + t1 - (origin + timing.ready);
  return { sample: { ...rest, navDelay, seenDelay, wall, bytes, requests }, page, context };
}

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

async function login(url: string, username: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'envagin-demo' }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const [name, value] = res.headers.getSetCookie()[0]!.split(';')[0]!.split('=') as [string, string];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { name, value, csrf: csrfToken };
}

const load0 = loadavg()[0]!;
const server = await startServer({ LOG_LEVEL: 'warn' });
const browser = await launchBrowser();
let staticServer: ReturnType<typeof createServer> | null = null;
try {
  const polis = await login(server.url, 'polis');
  const report = JSON.stringify(validReport());
  for (let i = 0; i < QUEUE_CASES; i++) {
    const res = await fetch(`${server.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${polis.name}=${polis.value}`, 'x-csrf-token': polis.csrf, 'idempotency-key': `bench-page-${i}` },
      body: report,
    });
    if (res.status !== 201) throw new Error(`filing report: ${res.status} ${await res.text()}`);
  }
  const hub = await login(server.url, 'hub');
  const hubCookie = { name: hub.name, value: hub.value, url: server.url };

  // Warm-up (server JIT, Chromium's process pool) and the material for the static baseline.
  let envBytes = 0;
  let rendered = '';
  for (let i = 0; i < 3; i++) {
    const { sample, page, context } = await coldLoad(browser, `${server.url}/ko`, hubCookie);
    envBytes = sample.bytes;
    rendered = await page.evaluate(() => {
      const doc = document.documentElement.cloneNode(true) as HTMLElement;
      for (const s of doc.querySelectorAll('script, link[rel="stylesheet"], link[rel="modulepreload"]')) s.remove();
      return doc.outerHTML;
    });
    await context.close();
  }
  const cssFile = /href="(\/assets\/[^"]+\.css)"/.exec(readFileSync('dist/web/index.html', 'utf8'))?.[1];
  const css = cssFile ? readFileSync(`dist/web${cssFile}`, 'utf8') : '';
  let html = `<!doctype html>\n${rendered.replace('</head>', `<style>${css}</style></head>`)}`;
  const pad = Math.max(0, envBytes - Buffer.byteLength(html) - 200);
  html = html.replace('</body>', `<!-- ${'x'.repeat(pad)} --></body>`);
  staticServer = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(html);
  });
  await new Promise<void>((resolve) => staticServer!.listen(0, '127.0.0.1', resolve));
  const address = staticServer.address();
  const staticUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/ko`;
  for (let i = 0; i < 3; i++) await (await coldLoad(browser, staticUrl, null)).context.close();

  const env: LoadSample[] = [];
  const base: LoadSample[] = [];
  const busy = machineBusy();
  for (let i = 0; i < LOADS; i++) {
    const e = await coldLoad(browser, `${server.url}/ko`, hubCookie);
    env.push(e.sample);
    await e.context.close();
    const b = await coldLoad(browser, staticUrl, null);
    base.push(b.sample);
    await b.context.close();
  }
  const busyLoads = busy();
  log(`envagin: ${JSON.stringify(env)}`);
  log(`baseline: ${JSON.stringify(base)}`);

  // 3. The police form's JavaScript.
  const polisCtx = await browser.newContext();
  await polisCtx.addCookies([{ name: polis.name, value: polis.value, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
  const formPage = await polisCtx.newPage();
  const cdp = await polisCtx.newCDPSession(formPage);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const transferred = new Map<string, number>();
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string; response: { url: string } }) => {
    if (e.type === 'Script') transferred.set(e.requestId, -1);
    urls.set(e.requestId, e.response.url);
  });
  const urls = new Map<string, string>();
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    if (transferred.has(e.requestId)) transferred.set(e.requestId, e.encodedDataLength);
  });
  const bodies = new Map<string, Buffer>();
  formPage.on('response', (r) => {
    if (r.request().resourceType() === 'script') void r.body().then((b) => bodies.set(r.url(), b), () => {});
  });
  await formPage.goto(`${server.url}/ny-anmalan`, { waitUntil: 'load' });
  await formPage.waitForSelector('form.report-form input:enabled', { state: 'visible' });
  await new Promise((r) => setTimeout(r, 1500));
  const encoding = await fetch(`${server.url}${/src="(\/assets\/[^"]+\.js)"/.exec(readFileSync('dist/web/index.html', 'utf8'))?.[1]}`, { headers: { 'accept-encoding': 'gzip, br' } }).then((r) => r.headers.get('content-encoding') ?? 'none');
  await polisCtx.close();
  const scripts = [...bodies.entries()].map(([url, body]) => ({ name: new URL(url).pathname.replace('/assets/', ''), raw: body.length, gzip: gzipSync(body).length }));
  scripts.sort((a, b) => b.raw - a.raw);
  const wire = [...transferred.entries()].reduce((sum, [, n]) => sum + Math.max(0, n), 0);
  const totalRaw = scripts.reduce((s, x) => s + x.raw, 0);
  const totalGzip = scripts.reduce((s, x) => s + x.gzip, 0);
  const load1 = loadavg()[0]!;

  const ms = (v: number) => `${Math.round(v)} ms`;
  const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
  const p = (s: LoadSample[], f: (x: LoadSample) => number, q: number) => pct(s.map(f), q);
  const row = (name: string, s: LoadSample[], ref: LoadSample[]) =>
    `| ${name} | ${kb(p(s, (x) => x.bytes, 0.5))} / ${p(s, (x) => x.requests, 0.5)} | ${ms(p(s, (x) => x.domInteractive, 0.5))} | ${ms(p(s, (x) => x.loadEventEnd, 0.5))} | ${ms(p(s, (x) => x.ready, 0.5))} | ${ms(p(s, (x) => x.ready, 0.95))} | ${ms(p(s, (x) => x.painted, 0.95))} | ${(p(s, (x) => x.ready, 0.5) / p(ref, (x) => x.ready, 0.5)).toFixed(1)}× |`;
  const chainKeys = Object.keys(env[0]!.chain).filter((k) => k !== '/api/v1/events');
  const chain = chainKeys
    .map((k) => ({ k, start: p(env, (x) => x.chain[k]?.[0] ?? NaN, 0.5), end: p(env, (x) => x.chain[k]?.[1] ?? NaN, 0.5) }))
    .sort((a, b) => a.start - b.start)
    .map((c) => `${c.k} ${Math.round(c.start)}–${Math.round(c.end)}`)
    .join(', ');
  process.stdout.write(
    [
      `${LOADS} cold loads each (fresh context, cache disabled via DevTools), envagin and baseline interleaved; ${QUEUE_CASES} open reports in the queue; Chromium ${browser.version()} headless, flags as in test/support/browser.ts; whole-machine CPU busy during the timed loads ${busyText(busyLoads)} (2 cores, all processes, this benchmark's server and browser included); 1-min load average ${load0.toFixed(1)} before, ${load1.toFixed(1)} after. Times from navigation start; "ready" = first enabled "Ta ärendet" button (or the empty state) in the DOM, "painted" = the next animation frame.`,
      '',
      '| page | transferred / requests (p50) | domInteractive p50 | loadEventEnd p50 | ready p50 | ready p95 | painted p95 | ready p50 ratio |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
      row('baseline: static HTML of the same size (the rendered /ko, scripts removed, CSS inlined), bare node http', base, base),
      row('envagin: /ko as `hub`', env, base),
      '',
      `Where envagin's time goes (p50 of each request's start–end, ms from navigation start): ${chain}; ready ${ms(p(env, (x) => x.ready, 0.5))}.`,
      '',
      `Wall time from \`page.goto\` to \`waitForSelector\` returning (driver side; Playwright re-checks with back-off, up to 500 ms apart, so this overstates what a user sees): envagin p50 ${ms(p(env, (x) => x.wall, 0.5))}, p95 ${ms(p(env, (x) => x.wall, 0.95))}; baseline p50 ${ms(p(base, (x) => x.wall, 0.5))}. Of that, \`page.goto\` → navigation start p50 ${ms(p(env, (x) => x.navDelay, 0.5))} (baseline ${ms(p(base, (x) => x.navDelay, 0.5))}), and button in the DOM → driver sees it p50 ${ms(p(env, (x) => x.seenDelay, 0.5))} (baseline ${ms(p(base, (x) => x.seenDelay, 0.5))}). Issue #7 asks < 1 s.`,
      '',
      `Police form (/ny-anmalan as \`polis\`, fresh context, cache disabled): ${scripts.length} script files, ${kb(wire)} transferred (server content-encoding: ${encoding}), ${kb(totalRaw)} raw, **${kb(totalGzip)} gzip** (zlib level 6, each file on its own; issue #7 asks < 200 kB gzip):`,
      '',
      '| script | raw | gzip |',
      '|---|---:|---:|',
      ...scripts.map((s) => `| ${s.name} | ${kb(s.raw)} | ${kb(s.gzip)} |`),
      '',
    ].join('\n'),
  );
} finally {
  await browser.close();
  staticServer?.close();
  await server.stop();
}
