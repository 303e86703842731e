// Issue 23 points 10 and 11, what can be checked deterministically in a real browser against the
// real server (the timings themselves are measured in bench/phone-load.ts, never asserted here):
//  - the built assets go out as brotli or gzip with the right caching, index.html never cached;
//  - the shell has the browser fetch the session, the screen's code and its first read at once,
//    and the app then uses those fetches instead of asking again;
//  - a police officer's first load fetches the report form's code, never the hub's or the
//    admin's, and the English catalogue is not in the main chunk;
//  - the language: switched to English on the start page, kept over a reload and in another
//    session of the same user (saved on the user), with dates in English; axe clean.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Browser, BrowserContext } from 'playwright-core';
import { axeViolations, chromiumAvailable, launchBrowser, logInThroughPage, screenshot, watchCspViolations } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;

interface ManifestChunk {
  file: string;
  imports?: string[];
  isEntry?: boolean;
}
const manifest = JSON.parse(readFileSync('dist/web/.vite/manifest.json', 'utf8')) as Record<string, ManifestChunk>;
const entry = Object.values(manifest).find((c) => c.isEntry)!;
const fileOf = (module: string) => {
  const chunk = manifest[module];
  assert.ok(chunk, `${module} is a chunk of its own in the build`);
  return `/${chunk.file}`;
};

async function apiLogin(username: string): Promise<{ name: string; value: string; csrf: string }> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'envagin-demo' }) });
  assert.equal(res.status, 200);
  const [name, value] = res.headers.getSetCookie()[0]!.split(';')[0]!.split('=') as [string, string];
  return { name, value, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function contextAs(username: string): Promise<BrowserContext> {
  const cookie = await apiLogin(username);
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  await context.addCookies([{ name: cookie.name, value: cookie.value, url: server.url, httpOnly: true, sameSite: 'Strict' }]);
  return context;
}

before(async () => {
  assert.ok(chromiumAvailable(), 'Chromium is needed: apt-get install -y chromium');
  server = await startServer({ LOG_LEVEL: 'warn' }, { prism: false });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('speed on a phone (issue 23 point 10)', () => {
  test('assets are sent precompressed (brotli, else gzip) and cached for ever; index.html is never cached', async () => {
    const path = `/${entry.file}`;
    const raw = readFileSync(`dist/web${path}`);
    const br = await fetch(`${server.url}${path}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.equal(br.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(br.headers.get('vary') ?? '', /accept-encoding/i);
    assert.match(br.headers.get('content-type') ?? '', /javascript/);
    // fetch() would decode it: read the bytes as sent through node:http instead.
    const { request } = await import('node:http');
    const sent = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      request(`${server.url}${path}`, { headers: { 'accept-encoding': 'br' } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
      })
        .on('error', reject)
        .end();
    });
    assert.ok(sent.body.length < raw.length / 3, `brotli: ${sent.body.length} bytes for ${raw.length}`);
    assert.ok(brotliDecompressSync(sent.body).equals(raw), 'the brotli file is the asset');
    const gz = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      request(`${server.url}${path}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(parts) }));
      })
        .on('error', reject)
        .end();
    });
    assert.equal(gz.encoding, 'gzip');
    assert.ok(gunzipSync(gz.body).equals(raw), 'the gzip file is the asset');
    const plain = await new Promise<{ encoding: string | undefined; length: number }>((resolve, reject) => {
      request(`${server.url}${path}`, (res) => {
        let length = 0;
        res.on('data', (d: Buffer) => (length += d.length));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], length }));
      })
        .on('error', reject)
        .end();
    });
    assert.deepEqual(plain, { encoding: undefined, length: raw.length }, 'without accept-encoding: the file as built');
    const css = await fetch(`${server.url}/${readFileSync('dist/web/index.html', 'utf8').match(/href="\/(assets\/[^"]+\.css)"/)![1]}`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(css.headers.get('content-encoding'), 'br');

    const shell = await fetch(`${server.url}/ny-anmalan`, { headers: { accept: 'text/html', 'accept-encoding': 'br' } });
    assert.equal(shell.status, 200);
    assert.equal(shell.headers.get('cache-control'), 'no-cache');
  });

  test("the shell starts the session and, for the user's role, the screen's code and first read", async () => {
    const shellAs = async (path: string, username: string | null) => {
      const cookie = username ? await apiLogin(username) : null;
      const res = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html', ...(cookie ? { cookie: `${cookie.name}=${cookie.value}` } : {}) } });
      return res.text();
    };
    const police = await shellAs('/ny-anmalan', 'polis');
    assert.match(police, /<link rel="preload" as="fetch" crossorigin href="\/api\/v1\/auth\/me">/);
    assert.ok(police.includes(`<link rel="modulepreload" href="${fileOf('src/police/ReportForm.tsx')}">`), police);
    assert.ok(!police.includes(fileOf('src/hub/QueuePage.tsx')));
    const hub = await shellAs('/ko', 'hub');
    assert.ok(hub.includes(`<link rel="modulepreload" href="${fileOf('src/hub/QueuePage.tsx')}">`), hub);
    assert.ok(hub.includes('<link rel="preload" as="fetch" crossorigin href="/api/v1/cases?status=open&amp;order=attention&amp;limit=200">'), hub);
    // The address alone opens nothing: the police may not open the hub's queue, a visitor nothing.
    assert.ok(!(await shellAs('/ko', 'polis')).includes('modulepreload'));
    const visitor = await shellAs('/ko', null);
    assert.ok(!visitor.includes('modulepreload') && !visitor.includes('/api/v1/cases'));
  });

  test("a police officer's first load fetches the report form, not the hub's or the admin's code, and asks for the session once", async () => {
    const context = await contextAs('polis');
    const page = await context.newPage();
    const seen: string[] = [];
    page.on('request', (r) => seen.push(new URL(r.url()).pathname + new URL(r.url()).search));
    await page.goto(`${server.url}/ny-anmalan`);
    await page.locator('form.report-form input:enabled').first().waitFor();
    const scripts = seen.filter((u) => u.startsWith('/assets/') && u.endsWith('.js'));
    assert.ok(scripts.includes(fileOf('src/police/ReportForm.tsx')), scripts.join(' '));
    const others = Object.keys(manifest).filter((m) => /^src\/(hub|admin|audit|statistics|municipality)\//.test(m) || m.includes('messages-en'));
    assert.ok(others.length >= 8, 'the hub, admin and English chunks are found in the manifest');
    for (const m of others) assert.ok(!scripts.includes(fileOf(m)), `${m} is not fetched by the police form: ${scripts.join(' ')}`);
    // The preloaded session and the app's own request are one and the same.
    assert.equal(seen.filter((u) => u === '/api/v1/auth/me').length, 1, seen.join(' '));
    await context.close();
  });

  test("the hub's queue is read once, by the preload the shell started", async () => {
    const context = await contextAs('hub');
    const page = await context.newPage();
    const seen: string[] = [];
    page.on('request', (r) => seen.push(new URL(r.url()).pathname + new URL(r.url()).search));
    await page.goto(`${server.url}/ko`);
    await page.locator('button.claim:enabled, p.empty').first().waitFor();
    assert.equal(seen.filter((u) => u === '/api/v1/cases?status=open&order=attention&limit=200').length, 1, seen.join(' '));
    assert.equal(seen.filter((u) => u === '/api/v1/auth/me').length, 1, seen.join(' '));
    assert.ok(!seen.includes('/api/v1/me/notification-preferences'), 'the start page is not drawn on the way to the queue');
    await context.close();
  });

  test('the main chunk holds neither the English catalogue nor zod', () => {
    const main = readFileSync(`dist/web/${entry.file}`, 'utf8');
    assert.ok(main.includes('En väg in – från Polisens ROC till socialtjänsten i Stockholms län'), 'the Swedish catalogue is there');
    assert.ok(!main.includes('One way in – from the Police ROC'), 'the English catalogue is not');
    assert.ok(!main.includes('Wrong username or password.'), 'nor the English error texts');
    assert.ok(!main.includes('_zod'), 'zod is not in the main chunk');
    const en = Object.entries(manifest).find(([k]) => k.endsWith('shared/messages-en.ts'));
    assert.ok(en, 'the English catalogue is a chunk of its own');
    assert.ok(readFileSync(`dist/web/${en[1].file}`, 'utf8').includes('One way in – from the Police ROC'));
  });
});

describe('both languages (issue 23 point 11)', () => {
  test('English chosen on the start page stays over a reload and in another session of the same user', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'sv-SE', timezoneId: 'America/New_York' });
    const page = await context.newPage();
    const csp = await watchCspViolations(page);
    await logInThroughPage(page, server.url, 'polis');
    const clock = page.locator('header time');
    assert.match(await clock.innerText(), /^(mån|tis|ons|tors|fre|lör|sön)/, 'Swedish by default');
    await page.getByRole('combobox', { name: /^Språk/ }).selectOption('en');
    await page.getByRole('heading', { name: 'Start page' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    // Focus comes back to the choice after the redraw (within a frame or two).
    await page.waitForFunction(() => document.activeElement?.id === 'language-choice', null, { timeout: 5000 });
    assert.match(await page.locator('body').innerText(), /Police \(ROC\)/);
    assert.match(await clock.innerText(), /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/, 'dates in English');
    // Stockholm's time, not the browser's (New York here): the clock shows the same hour as the server's Stockholm time.
    const hour = () => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: '2-digit', hourCycle: 'h23' }).format(new Date());
    const before = hour();
    const shown = await clock.innerText();
    assert.ok([before, hour()].some((h) => new RegExp(`\\b${h}:\\d\\d$`).test(shown)), `${shown}: Stockholm's hour`);
    assert.deepEqual(await axeViolations(page), []);
    await screenshot(page, 'start-english-phone');

    await page.reload();
    await page.getByRole('heading', { name: 'Start page' }).waitFor();
    await page.getByRole('link', { name: 'New report' }).first().click();
    await page.locator('form.report-form input:enabled').first().waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.deepEqual(await axeViolations(page), []);

    // Another device: a fresh browser, the login page in Swedish, then the user's English.
    const other = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'sv-SE' });
    const second = await other.newPage();
    await second.goto(server.url);
    await second.getByRole('heading', { name: 'Logga in' }).waitFor();
    await second.getByLabel('Användarnamn').fill('polis');
    await second.getByLabel('Lösenord').fill('envagin-demo');
    await second.getByRole('button', { name: 'Logga in' }).click();
    await second.getByRole('heading', { name: 'Start page' }).waitFor();
    assert.equal(await second.getAttribute('html', 'lang'), 'en');
    assert.deepEqual(await axeViolations(second), []);

    // Back to Swedish, for every device again.
    await second.getByRole('combobox', { name: 'Language' }).selectOption('sv');
    await second.getByRole('heading', { name: 'Startsida' }).waitFor();
    await page.reload();
    await page.locator('form.report-form').waitFor();
    await page.getByRole('heading', { name: 'Ny anmälan' }).waitFor();
    assert.deepEqual(await csp(), []);
    await other.close();
    await context.close();
  });

  test('a language outside the two is refused with 400, not stored', async () => {
    const cookie = await apiLogin('hub');
    const res = await fetch(`${server.url}/api/v1/me/language`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: `${cookie.name}=${cookie.value}`, 'x-csrf-token': cookie.csrf },
      body: JSON.stringify({ language: 'de' }),
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { code: string }).code, 'VALIDATION_FAILED');
    const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie: `${cookie.name}=${cookie.value}` } });
    assert.equal(((await me.json()) as { language: string }).language, 'sv');
  });
});
