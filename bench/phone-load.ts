// Benchmark (issue 23 point 10): cold loads of the hub's queue (/ko as `hub`) and the police
// report form (/ny-anmalan as `polis`) on a laptop and on a phone profile, this checkout against
// a baseline build of another commit (default: main) measured in the same run.
//  - Baseline: `git archive <BENCH_BASELINE_REF>` into a temporary directory, built there
//    (`npm run build`, node_modules linked from this checkout), and served by its own server.
//  - Each server on its own fresh database (PostgreSQL with DATABASE_URL, else PGlite) with
//    QUEUE_CASES open reports filed by `polis`; `hub` and `polis` log in through the API once.
//  - A load: a fresh Chromium context (headless, flags of test/support/browser.ts) holding the
//    session cookie, the cache disabled (cold), navigating to the page. "Ready" is noted in the
//    page by a MutationObserver, from navigation start: /ko the first enabled "Ta ärendet" button
//    (or the empty state), /ny-anmalan the form's first enabled input.
//  - Laptop: no throttling. Phone: Chromium's "Fast 3G" preset (DevTools' own numbers: 1.44 Mbit/s
//    down, 675 kbit/s up, 562.5 ms latency = 150 ms × 3.75) through
//    Network.emulateNetworkConditions, and Emulation.setCPUThrottlingRate 4.
//  - Loads of the two builds alternate; p50 and p95 over BENCH_LOADS loads each.
// Run: npm run build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test node --import tsx bench/phone-load.ts
// Knobs: BENCH_LOADS (7), QUEUE_CASES (25), BENCH_BASELINE_REF (main), BENCH_BASELINE_DIR (an
// already built checkout to use instead; BENCH_KEEP_BASELINE=1 keeps the one built here).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { validReport } from '../src/test/reports.ts';
import { chromiumAvailable, launchBrowser } from '../test/support/browser.ts';
import { startServer, type RunningServer } from '../test/support/server.ts';

const LOADS = Number(process.env.BENCH_LOADS ?? 7);
const QUEUE_CASES = Number(process.env.QUEUE_CASES ?? 25);
const BASELINE_REF = process.env.BENCH_BASELINE_REF ?? 'main';
const log = (msg: string) => process.stderr.write(`${msg}\n`);

if (!chromiumAvailable()) throw new Error('Chromium not found (apt-get install -y chromium)');
if (!existsSync('dist/web/.vite/manifest.json')) throw new Error('dist/web missing or old: run npm run build first');

/** Chromium DevTools' "Fast 3G" (front_end/core/sdk/NetworkManager.ts: Fast3GConditions). */
const FAST_3G = { offline: false, downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((750 * 1000) / 8) * 0.9, latency: 150 * 3.75 };
const PROFILES = { laptop: null, phone: { network: FAST_3G, cpu: 4 } } as const;
type Profile = keyof typeof PROFILES;

const PAGES = {
  queue: { path: '/ko', user: 'hub', ready: 'button.claim:enabled, p.empty', target: { laptop: 1000, phone: 2500 } },
  form: { path: '/ny-anmalan', user: 'polis', ready: 'form.report-form input:enabled', target: { laptop: 1000, phone: 2500 } },
} as const;
type PageName = keyof typeof PAGES;

// In the page before its scripts: when the ready selector first matches, from navigation start.
// A string, not a function: tsx would wrap inner functions in a helper the page does not have.
const probe = (selector: string) => `(() => {
  const check = () => {
    if (window.__ready !== undefined) return;
    if (document.querySelector(${JSON.stringify(selector)})) {
      window.__ready = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
})();`;

interface Sample {
  ready: number;
  bytes: number;
  requests: number;
}

interface Target {
  name: string;
  server: RunningServer;
  cookies: Record<string, { name: string; value: string }>;
}

async function login(url: string, username: string): Promise<{ name: string; value: string; csrf: string }> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'envagin-demo' }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  const [name, value] = res.headers.getSetCookie()[0]!.split(';')[0]!.split('=') as [string, string];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { name, value, csrf: csrfToken };
}

async function prepare(name: string, root: string | undefined): Promise<Target> {
  const server = await startServer({ LOG_LEVEL: 'warn' }, root ? { root } : {});
  const polis = await login(server.url, 'polis');
  const body = JSON.stringify(validReport());
  for (let i = 0; i < QUEUE_CASES; i++) {
    const res = await fetch(`${server.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${polis.name}=${polis.value}`, 'x-csrf-token': polis.csrf, 'idempotency-key': `bench-phone-${i}` },
      body,
    });
    if (res.status !== 201) throw new Error(`${name}: filing report: ${res.status} ${await res.text()}`);
  }
  const hub = await login(server.url, 'hub');
  return { name, server, cookies: { polis, hub } };
}

async function coldLoad(browser: Browser, target: Target, page: PageName, profile: Profile): Promise<Sample> {
  const spec = PAGES[page];
  const context = await browser.newContext();
  const cookie = target.cookies[spec.user]!;
  await context.addCookies([{ name: cookie.name, value: cookie.value, url: target.server.url, httpOnly: true, sameSite: 'Strict' }]);
  await context.addInitScript(probe(spec.ready));
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const throttle = PROFILES[profile];
  if (throttle) {
    await cdp.send('Network.emulateNetworkConditions', throttle.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle.cpu });
  }
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests += 1;
  });
  await tab.goto(`${target.server.url}${spec.path}`, { waitUntil: 'commit' });
  await tab.waitForFunction(() => (window as unknown as { __ready?: number }).__ready !== undefined, null, { timeout: 60_000, polling: 100 });
  const ready = await tab.evaluate(() => (window as unknown as { __ready: number }).__ready);
  await context.close();
  return { ready, bytes, requests };
}

/** Builds `ref` in a temporary directory (node_modules linked from here). */
function buildBaseline(ref: string): { dir: string; commit: string; cleanup(): void } {
  const given = process.env.BENCH_BASELINE_DIR;
  // A directory built by an earlier run names its commit in .baseline-commit.
  if (given) return { dir: resolve(given), commit: existsSync(join(given, '.baseline-commit')) ? readFileSync(join(given, '.baseline-commit'), 'utf8').trim() : 'unknown commit', cleanup() {} };
  const commit = execFileSync('git', ['rev-parse', '--short', ref], { encoding: 'utf8' }).trim();
  const dir = mkdtempSync(join(tmpdir(), 'envagin-baseline-'));
  log(`building baseline ${ref} (${commit}) in ${dir}`);
  execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C ${dir}`]);
  writeFileSync(join(dir, '.baseline-commit'), commit);
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  execFileSync('npm', ['run', 'build'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return { dir, commit, cleanup: () => (process.env.BENCH_KEEP_BASELINE ? log(`baseline kept in ${dir}`) : rmSync(dir, { recursive: true, force: true })) };
}

const pct = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};

const baseline = buildBaseline(BASELINE_REF);
const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
const load0 = loadavg()[0]!;
const targets: Target[] = [];
const browser = await launchBrowser();
try {
  targets.push(await prepare(`baseline (${BASELINE_REF} ${baseline.commit})`, baseline.dir));
  targets.push(await prepare(`this build (${head}${dirty ? '+changes' : ''})`, undefined));
  const results = new Map<string, Sample[]>();
  const key = (t: Target, page: PageName, profile: Profile) => `${t.name}|${page}|${profile}`;
  for (const profile of Object.keys(PROFILES) as Profile[]) {
    for (const page of Object.keys(PAGES) as PageName[]) {
      // One warm-up load each (server JIT, Chromium's process pool), not counted.
      for (const t of targets) await coldLoad(browser, t, page, profile);
      for (let i = 0; i < LOADS; i++) {
        for (const t of i % 2 === 0 ? targets : [...targets].reverse()) {
          const sample = await coldLoad(browser, t, page, profile);
          const list = results.get(key(t, page, profile)) ?? [];
          list.push(sample);
          results.set(key(t, page, profile), list);
        }
      }
      log(`${profile} ${page}: ${targets.map((t) => `${t.name} ${JSON.stringify(results.get(key(t, page, profile))!.map((s) => Math.round(s.ready)))}`).join('; ')}`);
    }
  }
  const load1 = loadavg()[0]!;
  const ms = (v: number) => `${(v / 1000).toFixed(2)} s`;
  const rows: string[] = [];
  for (const profile of Object.keys(PROFILES) as Profile[]) {
    for (const page of Object.keys(PAGES) as PageName[]) {
      const spec = PAGES[page];
      const [base, mine] = targets.map((t) => results.get(key(t, page, profile))!) as [Sample[], Sample[]];
      const p50 = pct(mine.map((s) => s.ready), 0.5);
      for (const [t, samples] of [
        [targets[0]!, base],
        [targets[1]!, mine],
      ] as const) {
        const r = samples.map((s) => s.ready);
        const isMine = samples === mine;
        rows.push(
          `| ${profile} | ${spec.path} as \`${spec.user}\` | ${t.name} | ${(pct(samples.map((s) => s.bytes), 0.5) / 1000).toFixed(1)} kB / ${pct(samples.map((s) => s.requests), 0.5)} | ${ms(pct(r, 0.5))} | ${ms(pct(r, 0.95))} | ${isMine ? `${(pct(base.map((s) => s.ready), 0.5) / p50).toFixed(1)}× faster; target < ${ms(spec.target[profile])}: ${pct(r, 0.95) < spec.target[profile] ? 'met (p95)' : p50 < spec.target[profile] ? 'met at p50, not p95' : '**not met**'}` : ''} |`,
        );
      }
    }
  }
  process.stdout.write(
    [
      `${LOADS} cold loads per build, page and profile (after one warm-up each), the two builds alternating; ${QUEUE_CASES} open reports in each queue; Chromium ${browser.version()} headless; phone = Fast 3G (1.44 Mbit/s down, 562.5 ms latency) + 4× CPU slowdown; 1-min load average ${load0.toFixed(1)} before, ${load1.toFixed(1)} after. "Ready" from navigation start to the page's content usable (first enabled "Ta ärendet" / the form's first enabled input).`,
      '',
      '| profile | page | build | transferred / requests (p50) | ready p50 | ready p95 | |',
      '|---|---|---|---:|---:|---:|---|',
      ...rows,
      '',
    ].join('\n'),
  );
} finally {
  await browser.close();
  for (const t of targets) await t.server.stop();
  baseline.cleanup();
}
