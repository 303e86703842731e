// Information requests in real Chromium against the real application on a real port (issue 20):
// Nacka's intake asks the ROC for a risk assessment from the case page; the police officer, on a
// 390×844 phone, finds it in "Förfrågningar", acknowledges it and answers with the structured
// risk assessment; Nacka reads the answer on the case page, live, and makes SiS party to the case
// on a legal ground it picks; the auditor, on a 1366×768
// laptop, finds the answer in the disclosure register ("Utlämnanden") by the child's number, from
// the ROC to Nacka on the ground the request cited (and SiS's party-making beside it), in a table
// that fits the screen. axe reports
// no violations on the new pages; screenshots go to docs/screenshots/ with UPDATE_SCREENSHOTS=1.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildTestApp, fileTestReport, logInAs, type TestApp } from '../../src/test/app.ts';
import { TEST_CHILD_PNR } from '../../src/test/reports.ts';
import { axeViolations, chromiumAvailable, launchBrowser, logInThroughPage, screenshot } from '../support/browser.ts';

// A Tuesday in office hours: the hub hands the Nacka child's case to Nacka's intake.
const now = new Date('2026-03-03T10:00:00+01:00');
let t: TestApp;
let url: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
let caseId: string;
let caseNumber: string;

before(async () => {
  assert.ok(chromiumAvailable(), 'Chromium is needed: apt-get install -y chromium');
  t = await buildTestApp({}, () => now);
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  const polis = await logInAs(t.app, 'polis');
  caseId = await fileTestReport(t.app, polis, 'browser-inforeq-1', '0182');
  const hub = await logInAs(t.app, 'hub');
  const nacka = await logInAs(t.app, 'nacka');
  for (const [who, step] of [[hub, 'claim'], [hub, 'decision'], [nacka, 'acknowledge']] as const) {
    const res = await who.request('POST', `/api/v1/cases/${caseId}/${step}`, {});
    assert.equal(res.statusCode, 200, res.body);
    caseNumber = res.json().number as string;
  }
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await t?.close();
});

async function personPage(username: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'sv-SE', timezoneId: 'Europe/Stockholm', ...(viewport.width < 500 ? { isMobile: true, hasTouch: true } : {}) });
  contexts.push(context);
  const page = await context.newPage();
  // The browser's clock is the app's, so the countdowns read as they would that Tuesday.
  await page.clock.install({ time: now });
  await logInThroughPage(page, url, username);
  return page;
}

async function clean(page: Page, where: string) {
  assert.deepEqual(await axeViolations(page), [], where);
}

test('nacka asks the ROC for a risk assessment, polis answers on a phone, nacka reads it, revisor finds the disclosure', async () => {
  // Nacka, on the case page: the request form offers the ROC only.
  const nacka = await personPage('nacka');
  await nacka.goto(`${url}/arende/${caseId}`);
  const section = nacka.locator('section.case-requests');
  await section.getByRole('heading', { name: 'Förfrågningar om uppgifter' }).waitFor();
  const form = section.locator('form.ask-form');
  // The heading comes first, the form once the section's data has loaded.
  await form.getByLabel('Till', { exact: true }).waitFor();
  assert.equal(await form.getByLabel('Till').locator('option').count(), 1);
  await form.getByLabel('Riskbedömning av barnet').check();
  await form.getByLabel('Gängtillhörighet eller koppling').check();
  await form.getByLabel('Vad behöver ni veta och varför').fill('Finns en aktuell riskbedömning av pojken och känd koppling till nätverk?');
  await form.getByLabel('Rättslig grund').selectOption({ label: '10 kap. 18 a § OSL' });
  // The deadline in Swedish form whatever the browser's locale: what it cannot read stops the
  // request rather than being dropped; a time it can is Stockholm time.
  const due = form.getByLabel('Svar senast (frivilligt)');
  await due.fill('5 mars kl 16');
  await form.getByRole('button', { name: 'Skicka förfrågan' }).click();
  await form.getByRole('alert').filter({ hasText: 'Svar senast är inte en tidpunkt' }).waitFor();
  await due.fill('2026-03-05 16:00');
  await clean(nacka, 'the case page with its request form');
  await form.getByRole('button', { name: 'Skicka förfrågan' }).click();
  await form.getByRole('status').filter({ hasText: 'Förfrågan är skickad.' }).waitFor();
  await section.locator('.request-card', { hasText: 'Skickad, inte kvitterad' }).waitFor();

  // The police officer, on a phone: the inbox, acknowledge, answer.
  const polis = await personPage('polis', { width: 390, height: 844 });
  await polis.goto(`${url}/forfragningar`);
  await polis.getByRole('heading', { level: 1, name: 'Förfrågningar' }).waitFor();
  const card = polis.locator('.request-card', { hasText: caseNumber });
  await card.waitFor();
  await card.getByText('5 mars 16:00', { exact: false }).waitFor();
  await clean(polis, 'the police inbox on a phone');
  await screenshot(polis, 'information-request-police-inbox-phone');
  const width = await polis.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling on the phone (${width}px)`);
  await card.getByRole('button', { name: 'Kvittera' }).click();
  await card.getByText('Kvitterad, väntar på svar').waitFor();
  await card.getByRole('button', { name: 'Besvara' }).click();
  await card.getByLabel('Förhöjd').check();
  await card.getByLabel('Datum för polisens bedömning').fill('2026-03-01');
  await card.getByRole('group', { name: 'Känd tillhörighet' }).getByLabel('Ja').check();
  await card.getByLabel('Gruppering (om känd)').fill('Nätverk X');
  await card.getByLabel('Svar (fritext)').fill('ROC:s bedömning: förhöjd risk, kopplad till nätverk X sedan hösten.');
  await clean(polis, 'the answer form on a phone');
  await screenshot(polis, 'information-request-police-answer-phone');
  await card.getByRole('button', { name: 'Besvara' }).click();
  await card.getByText('Besvarad', { exact: true }).waitFor();

  // Nacka's case page follows live (or on its reload) and shows the structured answer.
  await nacka.reload();
  const answered = nacka.locator('section.case-requests .request-card', { hasText: 'Besvarad' });
  await answered.waitFor();
  await answered.getByText('Förhöjd', { exact: true }).waitFor();
  await answered.getByText('Nätverk X', { exact: false }).first().waitFor();
  await clean(nacka, 'the case page with the answer');
  await screenshot(nacka, 'information-request-answered-case-page');
  // Nacka makes SiS party: a disclosure of the case's identity, so a legal ground is chosen first.
  const partyForm = nacka.locator('form.party-form');
  await partyForm.getByRole('button', { name: 'Gör till part' }).click();
  await partyForm.getByRole('alert').filter({ hasText: 'Välj en rättslig grund' }).waitFor();
  await clean(nacka, 'the party form with its error');
  await partyForm.getByLabel('Rättslig grund för utlämnandet').selectOption({ label: '10 kap. 28 § OSL' });
  await partyForm.getByRole('button', { name: 'Gör till part' }).click();
  await nacka.locator('section.case-requests li', { hasText: 'Statens institutionsstyrelse (SiS)' }).waitFor();
  await nacka.goto(`${url}/forfragningar`);
  await nacka.getByRole('heading', { level: 1, name: 'Förfrågningar' }).waitFor();
  await clean(nacka, 'the municipality inbox');

  // The auditor, on a laptop: the answer is a disclosure from the ROC to Nacka, on the cited ground.
  const revisor = await personPage('revisor');
  await revisor.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Utlämnanden', exact: true }).click();
  await revisor.getByRole('heading', { level: 1, name: 'Utlämnanden' }).waitFor();
  await revisor.getByLabel('Barnets personnummer eller samordningsnummer (frivilligt)').fill(`${TEST_CHILD_PNR.slice(2, 8)}-${TEST_CHILD_PNR.slice(8)}`);
  await revisor.getByRole('button', { name: 'Sök utlämnanden' }).click();
  const table = revisor.getByRole('table', { name: 'Utlämnanden, senaste först' });
  const row = table.getByRole('row').filter({ hasText: 'Svar på informationsförfrågan' });
  await row.waitFor();
  assert.equal(await row.count(), 1);
  const cells = await row.getByRole('cell').allInnerTexts();
  assert.ok(cells.some((c) => c.includes(caseNumber)), cells.join(' | '));
  assert.ok(cells.some((c) => c.includes('Polisregion Stockholm, Regionalt operativt center (ROC)')), cells.join(' | '));
  assert.ok(cells.some((c) => /Nacka/.test(c)), cells.join(' | '));
  assert.ok(cells.some((c) => c.includes('10 kap. 18 a § OSL')), cells.join(' | '));
  const partyRow = table.getByRole('row').filter({ hasText: 'Myndighet gjord till part i ärendet' });
  assert.equal(await partyRow.count(), 1);
  const partyCells = (await partyRow.getByRole('cell').allInnerTexts()).join(' | ');
  assert.ok(partyCells.includes('Statens institutionsstyrelse (SiS)') && partyCells.includes('10 kap. 28 § OSL'), partyCells);
  await clean(revisor, 'the disclosure register with the answered request');
  // The register fits a 1366×768 laptop: no sideways scrolling inside its box or on the page.
  const fit = await table.evaluate((el) => {
    const box = el.closest('.scroll') ?? el;
    return { scroll: box.scrollWidth, client: box.clientWidth, page: document.documentElement.scrollWidth };
  });
  assert.ok(fit.scroll <= fit.client, `the table fits its box (${fit.scroll} > ${fit.client})`);
  assert.ok(fit.page <= 1366, `no sideways scrolling on the page (${fit.page}px)`);
  await screenshot(revisor, 'information-request-disclosure-laptop');
  // And on a phone each row is a card, still without sideways scrolling.
  await revisor.setViewportSize({ width: 390, height: 844 });
  await row.waitFor();
  const phoneWidth = await revisor.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(phoneWidth <= 390, `no sideways scrolling on the phone (${phoneWidth}px)`);
  await screenshot(revisor, 'information-request-disclosure-phone');
});
