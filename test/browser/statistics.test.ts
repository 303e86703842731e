// The statistics dashboard in a real browser against the real server: the police file reports
// (through the API) and the hub takes some of them; the analyst opens "Statistik", sees the
// county's figures with a chart and the table behind it, filters by municipality and downloads
// the CSV, the Excel workbook and the PDF report; the municipality manager (solna) sees Solna beside the county and no municipality
// picker. No case number or personnummer appears. Every page is WCAG 2.1 AA clean (axe);
// screenshots at laptop width.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testPersonnummer, validReport } from '../../src/test/reports.ts';
import { axeViolations, chromiumAvailable, launchBrowser, logInThroughPage, screenshot } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const laptop = { width: 1280, height: 800 };
const numbers: string[] = [];

async function apiLogin(username: string) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'envagin-demo' }),
  });
  assert.equal(login.status, 200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return (path: string, body: unknown, extra: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken, ...extra }, body: JSON.stringify(body) });
}

before(async () => {
  assert.ok(chromiumAvailable(), 'Chromium is needed: apt-get install -y chromium');
  server = await startServer({}, { prism: false });
  browser = await launchBrowser();
  const polis = await apiLogin('polis');
  const hub = await apiLogin('hub');
  for (let i = 0; i < 6; i++) {
    const res = await polis('/api/v1/cases', validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(900 + i) } }), { 'idempotency-key': `statistics-browser-${i}` });
    assert.equal(res.status, 201, await res.clone().text());
    const kase = (await res.json()) as { id: string; number: string };
    numbers.push(kase.number);
    if (i < 5) assert.equal((await hub(`/api/v1/cases/${kase.id}/claim`, {})).status, 200);
  }
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function statisticsAs(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: laptop, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  await logInThroughPage(page, server.url, username);
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Statistik', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Statistik' }).waitFor();
  await page.locator('.stats-total').waitFor();
  // The demo's fictional history fills the past months (a newcomer sees charts); this test's own
  // six cases are this month's (published rounded to 5: "5").
  const history = Number(/(\d+) ärenden/.exec(await page.locator('.stats-total').innerText())?.[1]);
  assert.ok(history > 6, `the demo history shows on the first view: ${history}`);
  const month = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit' }).format(new Date());
  await page.getByLabel('Från månad').fill(month);
  await page.getByLabel('Till och med månad').fill(month);
  await page.getByRole('button', { name: 'Visa' }).click();
  await page.locator('.stats-total').getByText(/Länet: 5 ärenden|\(länet: 5\)/).waitFor();
  return page;
}

async function noPersonalData(page: Page) {
  const text = await page.locator('body').innerText();
  for (const n of numbers) assert.ok(!text.includes(n), `case number ${n} on the statistics page`);
  assert.ok(!text.includes(testPersonnummer(900).slice(2, 8)));
}

test('the analyst sees the county, a chart with its table, filters and exports CSV', async () => {
  const page = await statisticsAs('analytiker');
  assert.match(await page.locator('.stats-total').innerText(), /Länet: 5 ärenden/);
  // report → claim from 5 cases: shown; report → kvittens from none: not shown.
  const row = page.getByRole('row', { name: /Anmälan → tagen av socialjouren/ });
  assert.match(await row.innerText(), /\b5\b/);
  await page.getByRole('heading', { name: /Ärenden per månad/ }).waitFor();
  await page.locator('#stats-month-h').locator('..').getByText('Tabell').click();
  assert.deepEqual(await axeViolations(page), [], 'analyst dashboard');
  await noPersonalData(page);
  await screenshot(page, 'statistics-analyst-laptop');

  await page.getByLabel('Kommun', { exact: true }).selectOption('0182');
  await page.getByRole('button', { name: 'Visa' }).click();
  await page.getByText(/Nacka: .* ärenden \(länet: 5\)/).waitFor();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner CSV' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  assert.ok(csv.includes('county;total;;5'), csv.slice(0, 200)); // six cases, rounded to 5
  assert.ok(csv.includes('0182;total;;'));
  for (const n of numbers) assert.ok(!csv.includes(n));

  // The workbook and the committee's PDF report, downloaded as a user would.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner Excel' }).click()]);
  assert.match(xlsx.suggestedFilename(), /^envagin-statistik-.*-0182\.xlsx$/);
  assert.equal(readFileSync((await xlsx.path())!).subarray(0, 2).toString(), 'PK', 'an xlsx is a zip');
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Pilotrapport (PDF)' }).click()]);
  assert.match(pdf.suggestedFilename(), /^envagin-pilotrapport-.*-0182\.pdf$/);
  assert.equal(readFileSync((await pdf.path())!).subarray(0, 5).toString(), '%PDF-');
});

test('the municipality manager sees its own municipality beside the county, and picks no other', async () => {
  const page = await statisticsAs('solna');
  assert.match(await page.locator('.stats-total').innerText(), /Solna: 0 ärenden \(länet: 5\)/);
  assert.equal(await page.getByLabel('Kommun', { exact: true }).count(), 0);
  assert.ok(await page.getByRole('columnheader', { name: 'Solna' }).first().isVisible());
  assert.deepEqual(await axeViolations(page), [], 'manager dashboard');
  await noPersonalData(page);
  await screenshot(page, 'statistics-manager-laptop');
});
