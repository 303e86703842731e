// The morning handover (issue 19, "Jour → office"), in real Chromium against the real
// application listening on a real port. Its clock is the injected one, so the night and the
// morning are minutes apart: on a Friday night Sydostjouren kvitterar a Nacka child's case in
// its incoming list and sees when it will pass to Nacka; on Monday at 08:00 the engine passes it;
// Nacka's intake sees it marked "Från jouren" in its incoming list and gives its own kvittens;
// the jour then sees that the office has it, and only its own entries. axe-clean pages.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ManualClock } from '../../src/jobs/clock-source.ts';
import type { Engine } from '../../src/jobs/engine.ts';
import { createEngine } from '../../src/jobs/start-engine.ts';
import { buildTestApp, logInAs, type TestApp } from '../../src/test/app.ts';
import { TEST_CHILD_NAME, validReport } from '../../src/test/reports.ts';
import { axeViolations, chromiumAvailable, launchBrowser, logInThroughPage, screenshot } from '../support/browser.ts';

const FRIDAY_NIGHT = new Date('2026-11-27T23:00:00+01:00');
const MONDAY_0800 = new Date('2026-11-30T08:00:00+01:00');
let now = FRIDAY_NIGHT;
let t: TestApp;
let engine: Engine;
let url: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
let caseId: string;
let caseNumber: string;

before(async () => {
  assert.ok(chromiumAvailable(), 'Chromium is needed: apt-get install -y chromium');
  t = await buildTestApp({}, () => now);
  engine = createEngine(t.app, { clock: new ManualClock(FRIDAY_NIGHT), databaseUrl: null });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
  // The police report and the hub's handover, as their own screens would make them.
  const polis = await logInAs(t.app, 'polis');
  const filed = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': 'browser-jour-office-1' },
    payload: validReport(),
  });
  assert.equal(filed.statusCode, 201, filed.body);
  ({ id: caseId, number: caseNumber } = filed.json() as { id: string; number: string });
  const hub = await logInAs(t.app, 'hub');
  assert.equal((await hub.request('POST', `/api/v1/cases/${caseId}/claim`, {})).statusCode, 200);
  const decided = await hub.request('POST', `/api/v1/cases/${caseId}/decision`, {});
  assert.equal(decided.json().handover.orgId, 'jour-sydost');
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await t?.close();
});

async function personPage(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  contexts.push(context);
  const page = await context.newPage();
  await logInThroughPage(page, url, username);
  return page;
}

async function openIncoming(page: Page) {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Inkommande', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Inkommande' }).waitFor();
}

async function clean(page: Page, where: string) {
  assert.deepEqual(await axeViolations(page), [], where);
}

const card = (page: Page) => page.locator('.case-card', { hasText: caseNumber });

test('the morning handover, seen by the jour and by the office', async () => {
  // Friday 23:20: the jour kvitterar in its incoming list's case and is told when it passes on.
  now = new Date(FRIDAY_NIGHT.getTime() + 20 * 60_000);
  const jour = await personPage('sydost');
  await openIncoming(jour);
  await card(jour).getByRole('link', { name: caseNumber }).click();
  await jour.getByRole('button', { name: 'Kvittera', exact: true }).click();
  const planned = jour.getByText('Överlämnas till Nacka kontorstid kl 30 nov. 08:00');
  await planned.waitFor();
  await clean(jour, 'jour case page after its kvittens');

  // Monday 08:00: the office opens and the engine passes the case to Nacka's intake.
  now = MONDAY_0800;
  const cycle = await engine.runOnce(MONDAY_0800);
  assert.equal(cycle.handovers, 1);

  const office = await personPage('nacka');
  await openIncoming(office);
  await card(office).getByText('Från jouren', { exact: true }).waitFor();
  assert.ok(await card(office).getByText('Väntar på er kvittens').isVisible(), 'the office’s kvittens is awaited');
  assert.ok(await card(office).getByText(/Från Sydostjouren, kvitterat av jouren/).isVisible());
  assert.match((await card(office).getAttribute('class')) ?? '', /pending/, 'marked as waiting, like a handover');
  await clean(office, 'office incoming list with a case from the jour');
  await screenshot(office, 'jour-to-office-incoming');

  await card(office).getByRole('link', { name: caseNumber }).click();
  await office.getByRole('heading', { name: 'Kvittera ärendet från jouren' }).waitFor();
  assert.ok(await office.getByText(/Sydostjouren tog emot ärendet när ni hade stängt/).isVisible());
  assert.ok(await office.getByText(TEST_CHILD_NAME).first().isVisible(), 'the office has the whole case, the report included');
  const timeline = office.locator('.history');
  assert.ok(await timeline.getByText('Överlämnad från jouren till mottagningen (kontorstid)').isVisible(), 'the pass is on the timeline');
  await clean(office, 'office case page awaiting its kvittens');
  now = new Date(MONDAY_0800.getTime() + 7 * 60_000);
  await office.getByRole('button', { name: 'Kvittera från jouren' }).click();
  await office.getByText(/Kvitterad av mottagningen i Nacka/).first().waitFor();
  assert.ok(await timeline.getByText('Kvitterad av mottagningen från jouren').isVisible());
  assert.equal(await office.getByRole('button', { name: 'Kvittera från jouren' }).count(), 0);
  await screenshot(office, 'jour-to-office-office-case');

  // The jour's next shift: the case is with Nacka now, and the jour sees only what it wrote.
  const jourMorning = await personPage('sydost');
  await openIncoming(jourMorning);
  // The list loads after its heading: wait for the case's line before reading the rest of it.
  await card(jourMorning).getByText('Överlämnad till Nacka kontorstid kl 30 nov. 08:00').waitFor();
  assert.ok(await card(jourMorning).getByText(/Kvitterad av mottagningen i Nacka 30 nov. 08:07/).isVisible());
  assert.equal(await card(jourMorning).getByText('Från jouren', { exact: true }).count(), 0, 'the jour’s own list does not call it "från jouren"');
  await clean(jourMorning, 'jour incoming list after the office’s kvittens');
  await card(jourMorning).getByRole('link', { name: caseNumber }).click();
  await jourMorning.getByText(/Jouren ser nu bara sina egna uppgifter/).waitFor();
  assert.equal(await jourMorning.getByText(TEST_CHILD_NAME).count(), 0, 'not the report');
  assert.ok(await jourMorning.locator('.history').getByText('Överlämnad från jouren till mottagningen (kontorstid)').isVisible());
  assert.ok(await jourMorning.locator('.history').getByText('Kvitterad av mottagningen från jouren').isVisible());
  assert.equal(await jourMorning.getByRole('button', { name: 'Kvittera från jouren' }).count(), 0);
  await clean(jourMorning, 'jour case page, own entries only');
  await screenshot(jourMorning, 'jour-to-office-jour-case');
});
