// The handover document and the disclosure register in a real browser against the real server:
// the police file a report and the hub hands it over to Nacka (through the API, as their systems
// would); Nacka's intake opens the case and downloads the handover document as PDF and JSON from
// the case page; the auditor finds that download in "Utlämnanden" by the child's personnummer
// (typed in a POST body, never in the address) and downloads the register as CSV. Every page is
// WCAG 2.1 AA clean (axe); screenshots at laptop width.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
const PNR = testPersonnummer(4242);

before(async () => {
  assert.ok(chromiumAvailable(), 'Chromium is needed: apt-get install -y chromium');
  server = await startServer({}, { prism: false });
  browser = await launchBrowser();
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function personPage(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: laptop, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', acceptDownloads: true });
  contexts.push(context);
  const page = await context.newPage();
  await logInThroughPage(page, server.url, username);
  await page.getByRole('heading', { name: 'Mina aviseringar' }).waitFor();
  return page;
}

async function clean(page: Page, where: string) {
  assert.deepEqual(await axeViolations(page), [], where);
}

/** Logged in through the API, as another system would: a cookie and a CSRF token. */
async function apiAs(username: string) {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'envagin-demo' }),
  });
  assert.equal(login.status, 200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (path: string, body: unknown = {}, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken, ...headers }, body: JSON.stringify(body) });
    assert.ok(res.status < 300, `${path}: ${res.status} ${await res.clone().text()}`);
    return (await res.json()) as { id: string; number: string };
  };
}

function pdfText(file: string): string {
  const out = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout;
}

test('Nacka downloads the handover document from the case page; the auditor finds the disclosure in "Utlämnanden"', async () => {
  const polis = await apiAs('polis');
  const filed = await polis(
    '/api/v1/cases',
    validReport({
      child: { identityKind: 'known', identityNumber: PNR, name: 'Åke Örn' },
      found: { at: new Date(Date.now() - 10 * 60_000).toISOString(), municipalityCode: '0180', place: 'Sergels torg' },
    }),
    { 'idempotency-key': 'disclosures-browser-0001' },
  );
  const hub = await apiAs('hub');
  await hub(`/api/v1/cases/${filed.id}/claim`);
  await hub(`/api/v1/cases/${filed.id}/decision`);

  // Nacka's intake: the case page offers the document.
  const nacka = await personPage('nacka');
  await nacka.goto(`${server.url}/arende/${filed.id}`);
  await nacka.getByRole('heading', { level: 1, name: `Ärende ${filed.number}` }).waitFor();
  const panel = nacka.getByRole('region', { name: 'Överlämnandedokument' });
  await panel.waitFor();
  await clean(nacka, 'case page with the handover document');
  await screenshot(nacka, 'case-handover-document-laptop');
  const [pdf] = await Promise.all([nacka.waitForEvent('download'), panel.getByRole('link', { name: 'Hämta PDF' }).click()]);
  assert.equal(pdf.suggestedFilename(), `overlamnande-${filed.number}.pdf`);
  const text = pdfText((await pdf.path())!);
  assert.ok(text.includes('Överlämnande av orosanmälan') && text.includes(filed.number) && text.includes('Åke Örn'), text);
  const [json] = await Promise.all([nacka.waitForEvent('download'), panel.getByRole('link', { name: 'Hämta JSON' }).click()]);
  const doc = JSON.parse(readFileSync((await json.path())!, 'utf8')) as { case: { number: string }; documentType: string };
  assert.equal(doc.case.number, filed.number);
  assert.equal(doc.documentType, 'overlamnande_av_orosanmalan');

  // The auditor: the register by the child's personnummer.
  const auditor = await personPage('revisor');
  await auditor.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Utlämnanden', exact: true }).click();
  await auditor.getByRole('heading', { level: 1, name: 'Utlämnanden' }).waitFor();
  assert.match(await auditor.title(), /^Utlämnanden – envagin$/);
  await clean(auditor, 'disclosures, empty');
  await auditor.getByLabel('Barnets personnummer eller samordningsnummer (frivilligt)').fill(`${PNR.slice(2, 8)}-${PNR.slice(8)}`);
  await auditor.getByRole('button', { name: 'Sök utlämnanden' }).click();
  const table = auditor.getByRole('table', { name: 'Utlämnanden, senaste först' });
  await table.waitFor();
  const rows = table.getByRole('row', { name: new RegExp(filed.number) });
  // The handover itself, and Nacka's two downloads.
  await rows.nth(2).waitFor();
  assert.equal(await rows.count(), 3);
  const all = await table.innerText();
  assert.match(all, /Överlämnandedokument hämtat/);
  assert.match(all, /Överlämnande\b/);
  assert.match(all, /Stockholms stads socialjour/);
  assert.match(all, /Avtalssamverkan \(9 kap\. 37 § kommunallagen\)/);
  // What was disclosed: counted, the names on demand.
  const fields = rows.first().getByRole('group').or(rows.first().locator('details'));
  await rows.first().getByText(/^\d+ uppgifter$/).click();
  assert.match(await fields.innerText(), /child\.identityNumber/);
  assert.ok(!all.includes('kommun-0182') && !all.includes('intake-0182'), 'organisations by name, not id');
  await clean(auditor, 'disclosures found');
  await screenshot(auditor, 'auditor-disclosures-laptop');
  assert.ok(!auditor.url().includes(PNR.slice(2, 8)), 'no personnummer in the address');

  const [csv] = await Promise.all([auditor.waitForEvent('download'), auditor.getByRole('button', { name: 'Hämta som CSV' }).click()]);
  assert.match(csv.suggestedFilename(), /^envagin-utlamnanden-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = readFileSync((await csv.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(lines[0], 'Tidpunkt;Ärende;Typ;Från;Till;Uppgifter;Rättslig grund;Utlämnat av;Roll');
  assert.equal(lines.length, 4);
  assert.ok(lines.slice(1).every((l) => l.includes(filed.number)));

  // A number that is not a personnummer: the server's message at the field.
  await auditor.getByLabel('Barnets personnummer eller samordningsnummer (frivilligt)').fill('201001012381');
  await auditor.getByRole('button', { name: 'Sök utlämnanden' }).click();
  await auditor.locator('#disclosures-pnr[aria-invalid="true"]').waitFor();
  await clean(auditor, 'disclosures with a field error');
});
