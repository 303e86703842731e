// The whole life of a report in real browsers against the real server, one browser context per
// person: the police officer files on a phone → the hub sees it in the queue without reloading
// (live stream or the polling fallback) → claims → decides → logs a failed call and is shown the
// next contact → the receiving municipality (Nacka's intake in office hours, Sydostjouren
// otherwise: the test reads which from the page, so it passes at any hour) acknowledges with the
// keyboard → records skyddsbedömning and förhandsbedömning → sends feedback → the officer sees
// the feedback. Every page visited is WCAG 2.1 AA clean (axe); screenshots at phone and laptop
// (the queue, the empty form and the incoming list are taken by pressure.test.ts, with more work).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_CHILD_PNR } from '../../src/test/reports.ts';
import { axeViolations, chromiumAvailable, launchBrowser, logInThroughPage, screenshot } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

const phone = { width: 390, height: 844 };
const laptop = { width: 1366, height: 768 };

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

async function personPage(username: string, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  contexts.push(context);
  const page = await context.newPage();
  await logInThroughPage(page, server.url, username);
  assert.deepEqual(await axeViolations(page), [], `start page of ${username}`);
  return page;
}

async function openMenu(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  assert.match(await page.title(), new RegExp(`^${name} – envagin$`));
}

async function clean(page: Page, where: string) {
  assert.deepEqual(await axeViolations(page), [], where);
}

test('police files → hub sees it live, claims, calls → municipality acknowledges, assesses, gives feedback → police sees it', async () => {
  // The hub has its queue open before the report exists.
  const hub = await personPage('hub', laptop);
  await openMenu(hub, 'Kö');
  await hub.getByText(/Kön är tom|öppna ärenden/).first().waitFor();
  await hub.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  // The officer, on a phone.
  const police = await personPage('polis', phone);
  await openMenu(police, 'Ny anmälan');
  await clean(police, 'empty report form');
  await police.getByLabel('Akut nu').check();

  // The identity number is checked as it is typed, with the server's words.
  const pnr = police.getByRole('textbox', { name: 'Personnummer eller samordningsnummer' });
  await pnr.fill(`${TEST_CHILD_PNR.slice(0, 8)}-${TEST_CHILD_PNR.slice(8, 11)}9`);
  await police.getByText('Kontrollsiffran stämmer inte. Kontrollera att numret är rätt inskrivet.').waitFor();
  assert.equal(await pnr.getAttribute('aria-invalid'), 'true');
  await pnr.fill(`${TEST_CHILD_PNR.slice(0, 8)}-${TEST_CHILD_PNR.slice(8)}`);
  await police.getByText(/Giltigt personnummer\. Född 2010-01-01/).waitFor();
  assert.equal(await pnr.getAttribute('aria-invalid'), null);

  await police.getByLabel('Folkbokföringskommun').selectOption('0182');
  await police.getByLabel('Kommun där barnet påträffades').selectOption('0180');
  await police.getByRole('textbox', { name: 'Plats', exact: true }).fill('Sergels torg');
  await police.getByRole('group', { name: /^När påträffades barnet\?/ }).getByLabel('Nu').check();
  await police.getByLabel('Var är barnet nu?').fill('Citypolisen');
  await police.getByLabel('Vad har hänt och varför finns det oro?').fill('Påträffad sent med personer med koppling till ett kriminellt nätverk.');
  await police.getByLabel('Rekryteras').check();
  await police.getByLabel('Polisens diarienummer').fill('5000-K123456-26');
  await police.getByLabel('Telefon där du nås').fill('070-174 06 10');

  // The draft survives a reload (it lives in this browser's storage only).
  await police.reload();
  await police.getByRole('heading', { level: 1, name: 'Ny anmälan' }).waitFor();
  await police.getByText('Ett osparat utkast har återställts.').waitFor();
  assert.equal(await police.getByLabel('Polisens diarienummer').inputValue(), '5000-K123456-26');
  assert.ok(await police.getByLabel('Rekryteras').isChecked());
  await clean(police, 'filled report form');
  await screenshot(police, 'police-form-filled-phone');

  // A server-side field error lands beside its field (a phone number that is not one).
  await police.getByLabel('Telefon där du nås').fill('inget nummer');
  await police.getByRole('button', { name: 'Skicka anmälan' }).click();
  await police.getByRole('alert').getByText('Uppgifterna är inte giltiga. Kontrollera de markerade fälten.').waitFor();
  assert.equal(await police.getByLabel('Telefon där du nås').getAttribute('aria-invalid'), 'true');
  await clean(police, 'report form with errors');
  await police.getByLabel('Telefon där du nås').fill('070-174 06 10');

  await police.getByRole('button', { name: 'Skicka anmälan' }).click();
  await police.getByRole('heading', { name: 'Anmälan är mottagen' }).waitFor();
  const receipt = await police.locator('.receipt').innerText();
  const number = /ENV-\d{4}-\d{6}/.exec(receipt)?.[0];
  assert.ok(number, receipt);
  assert.match(receipt, /Socialjouren kontaktar: .+ \(Nacka\)/);
  assert.equal(await police.evaluate(() => localStorage.getItem('envagin.reportDraft')), null, 'the draft is gone after submit');
  assert.doesNotMatch(police.url(), /\d{8}/, 'no personnummer in the address');
  await clean(police, 'receipt');
  await screenshot(police, 'police-receipt-phone');

  // The hub sees it without reloading (live, or the 10 s polling fallback).
  const row = hub.getByRole('row', { name: new RegExp(number) });
  await row.waitFor({ timeout: 15_000 });
  assert.equal(await hub.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument), true, 'the queue page was not reloaded');
  assert.match(await row.innerText(), /Akut nu[\s\S]*sedan mottagning/);
  await clean(hub, 'hub queue');

  // Claim with one click, then decide by the rules.
  await row.getByRole('button', { name: `Ta ärendet ${number}` }).click();
  await hub.getByRole('heading', { level: 1, name: `Ärende ${number}` }).waitFor();
  assert.match(hub.url(), /\/arende\/[0-9a-f-]{36}$/);
  await hub.getByRole('button', { name: 'Fatta beslut enligt reglerna' }).click();
  const callNow = hub.locator('section.call-now');
  await callNow.getByRole('heading', { name: 'Ring nu' }).waitFor();
  const receiver = await callNow.locator('.call-org strong').innerText();
  const username = /Sydostjouren/.test(receiver) ? 'sydost' : 'nacka';
  const firstNumber = await callNow.locator('a.big-phone').innerText();
  assert.ok((await callNow.locator('a.big-phone').getAttribute('href'))?.startsWith('tel:+46'));
  await clean(hub, 'hub case, call now');

  // No answer: the call is logged and "Ring nu" moves on to the next contact.
  const hadNext = (await callNow.getByRole('heading', { name: 'Därefter' }).count()) > 0;
  await callNow.getByRole('button', { name: 'Inget svar' }).click();
  await hub.getByRole('region', { name: 'Samtal' }).getByText(/Inget svar/).waitFor();
  if (hadNext) {
    await hub.waitForFunction((before) => document.querySelector('section.call-now a.big-phone')?.textContent !== before, firstNumber);
  }
  await clean(hub, 'hub case after a failed call');
  await screenshot(hub, 'hub-case-callnow-laptop');

  // The receiving municipality acknowledges: the Kvittera button is the first stop of Tab.
  const muni = await personPage(username, laptop);
  await openMenu(muni, 'Inkommande');
  const card = muni.locator('li.case-card').getByRole('link', { name: number });
  await card.waitFor({ timeout: 15_000 });
  await muni.getByText('Väntar på kvittens', { exact: true }).first().waitFor();
  await clean(muni, 'incoming list');
  await card.click();
  await muni.getByRole('heading', { level: 1, name: `Ärende ${number}` }).waitFor();
  const ack = muni.getByRole('button', { name: 'Kvittera' });
  await ack.waitFor();
  await clean(muni, 'municipality case before acknowledging');
  await screenshot(muni, 'municipality-ack-laptop');
  await muni.keyboard.press('Tab');
  assert.equal(await muni.evaluate(() => document.activeElement?.textContent), 'Kvittera', 'Kvittera is first in tab order');
  await muni.keyboard.press('Enter');
  await muni.getByRole('heading', { name: 'Skyddsbedömning' }).waitFor();
  assert.equal(await ack.count(), 0);

  await muni.getByLabel('Inget omedelbart skyddsbehov').check();
  await muni.getByLabel('Omedelbara åtgärder').fill('Samtal med vårdnadshavare.');
  await muni.getByRole('button', { name: 'Registrera skyddsbedömning' }).click();
  await muni.getByRole('radio', { name: 'Inleda utredning', exact: true }).waitFor();
  await muni.getByRole('radio', { name: 'Inleda utredning', exact: true }).check();
  await muni.getByRole('button', { name: 'Registrera förhandsbedömning' }).click();
  await muni.getByRole('button', { name: 'Skicka återkoppling' }).waitFor();
  await clean(muni, 'municipality case, feedback form');
  await muni.getByLabel('Meddelande till polisen (frivilligt)').fill('Tack för anmälan.');
  await muni.getByRole('button', { name: 'Skicka återkoppling' }).click();
  await muni.getByRole('button', { name: 'Avsluta ärendet' }).waitFor();
  const recorded = await muni.getByRole('region', { name: 'Registrerat i ärendet' }).innerText();
  assert.match(recorded, /Inget omedelbart skyddsbehov/);
  assert.match(recorded, /Inleda utredning/);
  assert.match(recorded, /Utredning har inletts\. Tack för anmälan\./);
  await clean(muni, 'municipality case after feedback');
  await screenshot(muni, 'municipality-case-laptop');

  // The hub sees the handover accepted; it is not offered the municipality's assessments (rule 4).
  await hub.reload();
  await hub.getByRole('heading', { level: 1, name: `Ärende ${number}` }).waitFor();
  assert.equal(await hub.getByRole('button', { name: 'Registrera skyddsbedömning' }).count(), 0);

  // The officer sees the feedback in "Mina anmälningar" and on the case.
  await openMenu(police, 'Mina anmälningar');
  const mine = police.locator('li.case-card', { hasText: number });
  await mine.getByText(/Utredning har inletts\./).waitFor({ timeout: 15_000 });
  await clean(police, 'my reports');
  await screenshot(police, 'police-myreports-phone');
  await mine.getByRole('link', { name: number }).click();
  await police.getByRole('heading', { level: 1, name: `Ärende ${number}` }).waitFor();
  await police.getByRole('region', { name: 'Registrerat i ärendet' }).getByText(/Utredning har inletts\./).waitFor();
  await clean(police, 'police case view');
  await screenshot(police, 'police-case-phone');

  // The other main pages at the other width.
  await hub.setViewportSize(phone);
  await openMenu(hub, 'Kö');
  await clean(hub, 'hub queue on a phone');
  await muni.setViewportSize(phone);
  await clean(muni, 'municipality case on a phone');
  await screenshot(muni, 'municipality-case-phone');
  await police.setViewportSize(laptop);
  await openMenu(police, 'Ny anmälan');
  await clean(police, 'report form on a laptop');

  // Logging out removes any draft from the browser.
  await police.getByRole('textbox', { name: 'Plats', exact: true }).fill('Utkast');
  await police.waitForFunction(() => localStorage.getItem('envagin.reportDraft') !== null);
  await police.getByRole('button', { name: 'Logga ut' }).click();
  await police.getByRole('heading', { name: 'Logga in' }).waitFor();
  assert.equal(await police.evaluate(() => localStorage.getItem('envagin.reportDraft')), null, 'the draft is gone after logout');
});
