// Screens for work under pressure (issue 23, points 4, 5, 6 and 8), in real browsers against the
// real server, in a Chromium that speaks American English (--lang=en-US), as an unconfigured
// laptop would:
//   4. two receivers share one picture: when the jour group and the municipality's intake can
//      both take a case and one acknowledges, every open screen of the case (the other
//      receiver's, the same user's second device, the police's) updates live, with no reload,
//      and says who holds it; the lists say who acknowledged;
//   5. the auditor searches the log by name and organisation and reads events, fields and times
//      in Swedish (Stockholm time), never event codes, field names or uuids to type;
//   6. the admin's "Utskick" speaks Swedish (events and organisations by name), its tables read
//      on a phone without sideways scrolling, and in demo mode the e-mails reach a built-in
//      outbox an admin can read instead of failing for want of SMTP;
//   8. date and time fields show and accept ÅÅÅÅ-MM-DD TT:MM (24 h) whatever the browser's locale.
// Every changed screen is WCAG 2.1 AA clean (axe); screenshots at 1366×768 and 390×844.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { validReport } from '../../src/test/reports.ts';
import type { ReportBody } from '../../src/shared/api/cases.ts';
import { axeViolations, chromiumAvailable, launchBrowser, logInThroughPage, screenshot } from '../support/browser.ts';
import { apiUser as apiUserAt } from '../support/api-user.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const laptop = { width: 1366, height: 768 };
const phone = { width: 390, height: 844 };

before(async () => {
  assert.ok(chromiumAvailable(), 'Chromium is needed: apt-get install -y chromium');
  server = await startServer({}, { prism: false });
  browser = await launchBrowser(['--lang=en-US']);
});
after(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

/** A logged-in page; the browser's own locale is American English unless a test says otherwise. */
async function personPage(username: string, viewport: { width: number; height: number }, locale = 'en-US'): Promise<Page> {
  const context = await browser.newContext({ viewport, locale, timezoneId: 'Europe/Stockholm' });
  contexts.push(context);
  const page = await context.newPage();
  await logInThroughPage(page, server.url, username);
  return page;
}

async function openMenu(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function clean(page: Page, where: string) {
  assert.deepEqual(await axeViolations(page), [], where);
}

/** The API as the page's own session (its cookie and CSRF token): an admin's change put in quickly. */
async function asPage(page: Page) {
  const request = page.context().request;
  const me = await request.get(`${server.url}/api/v1/auth/me`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  return async (method: 'PUT' | 'POST', path: string, data: unknown) => {
    const res = await request.fetch(`${server.url}/api/v1${path}`, { method, data, headers: { 'x-csrf-token': csrfToken } });
    assert.ok(res.status() < 300, `${method} ${path}: ${res.status()} ${await res.text()}`);
  };
}

const apiUser = (username: string) => apiUserAt(server.url, username);

let admin: Page;
let acknowledged: { id: string; number: string };
let key = 0;
async function fileAndHandOver(): Promise<{ id: string; number: string }> {
  const polis = await apiUser('polis');
  const hubApi = await apiUser('hub');
  const filed = await polis<{ id: string; number: string }>('POST', '/cases', validReport({ urgency: 'acute' }) satisfies ReportBody, {
    'idempotency-key': `pressure-shared-${++key}`,
  });
  await hubApi('POST', `/cases/${filed.id}/claim`, {});
  await hubApi('POST', `/cases/${filed.id}/decision`, {});
  return filed;
}

test('4: two receivers share one picture: every open screen of the case updates live and says who holds it', async () => {
  // Nacka's intake is closed (the admin says so), so the case goes to Sydostjouren, and Nacka's
  // intake may take it too: two receivers, whatever the hour the test runs.
  admin = await personPage('admin', laptop);
  const put = await asPage(admin);
  await put('PUT', '/directory/organisations/intake-0182/hours', {
    hours: { weekly: {}, closedOnPublicHolidays: true, closedOnEves: false, dayBeforeHoliday: null, exceptions: [] },
    reason: 'Stängt under test',
  });
  const kase = await fileAndHandOver();
  acknowledged = kase;

  const jour = await personPage('sydost', laptop);
  const intake = await personPage('nacka', laptop);
  const intakePhone = await personPage('nacka', phone);
  const police = await personPage('polis', phone);
  const hub = await personPage('hub', laptop);
  const head = (p: Page) => p.locator('.case-head .status');
  for (const p of [jour, intake, intakePhone, police]) {
    await p.goto(`${server.url}/arende/${kase.id}`);
    await p.getByRole('heading', { level: 1, name: `Ärende ${kase.number}` }).waitFor();
  }
  for (const p of [jour, intake, intakePhone]) {
    assert.equal(await head(p).innerText(), 'Väntar på överlämning');
    await p.getByRole('button', { name: 'Kvittera' }).waitFor();
  }
  await openMenu(hub, 'Kö');
  await hub.locator('table.queue').first().waitFor();

  // Nacka's intake acknowledges on the laptop; nobody else touches a thing.
  await intake.getByRole('button', { name: 'Kvittera' }).click();
  const holder = /^Kvitterad av Mottagningen barn och unga, Nacka \(Mottagningssekreterare Demo \(Nacka\)\) \d\d:\d\d$/;
  await intake.waitForFunction(() => document.querySelector('.case-head .status')?.textContent?.startsWith('Kvitterad'));
  assert.match(await head(intake).innerText(), holder);

  // The jour group's open page and the intake's phone follow within seconds, without a reload.
  for (const [p, who] of [
    [jour, 'Sydostjouren'],
    [intakePhone, 'Nacka on the second device'],
  ] as const) {
    await p.waitForFunction(() => document.querySelector('.case-head .status')?.textContent?.startsWith('Kvitterad'), undefined, { timeout: 8_000 }).catch(() => {
      throw new Error(`${who}: the open case page still says "${'Väntar på överlämning'}" after the other receiver acknowledged`);
    });
    assert.match(await head(p).innerText(), holder, who);
    assert.equal(await p.getByRole('button', { name: 'Kvittera' }).count(), 0, `${who}: no Kvittera once someone holds the case`);
  }
  assert.match(await jour.locator('.held-elsewhere').innerText(), /^Mottagningen barn och unga, Nacka har kvitterat ärendet och håller det nu\./);
  // The police see the unit, not the person.
  await police.waitForFunction(() => document.querySelector('.case-head .status')?.textContent?.startsWith('Kvitterad'), undefined, { timeout: 8_000 });
  assert.match(await head(police).innerText(), /^Kvitterad av Mottagningen barn och unga, Nacka \d\d:\d\d$/);

  await clean(jour, 'case held by the other receiver');
  await screenshot(jour, 'jour-case-held-elsewhere-laptop');
  await jour.setViewportSize(phone);
  await clean(jour, 'case held by the other receiver, on a phone');
  await screenshot(jour, 'jour-case-held-elsewhere-phone');
  await jour.setViewportSize(laptop);
  await clean(intakePhone, 'case acknowledged, second device');
  await screenshot(intakePhone, 'municipality-case-ack-phone');

  // The lists say who acknowledged: the jour group's incoming list, the hub's queue.
  await openMenu(jour, 'Inkommande');
  const row = jour.getByRole('row', { name: new RegExp(kase.number) });
  await row.waitFor({ timeout: 15_000 });
  assert.match(await row.innerText(), /Kvitterad av Mottagningen barn och unga, Nacka \(Mottagningssekreterare Demo \(Nacka\)\)/);
  await clean(jour, 'incoming list, held elsewhere');
  const rest = hub.getByRole('region', { name: 'Hos kommunen – inget för socialjouren just nu' });
  const hubRow = rest.getByRole('row', { name: new RegExp(kase.number) });
  await hubRow.waitFor({ timeout: 15_000 });
  assert.match(await hubRow.innerText(), /Kvitterad av Mottagningen barn och unga, Nacka \(Mottagningssekreterare Demo \(Nacka\)\)/);
});

/** Yesterday in Stockholm, as ÅÅÅÅ-MM-DD (the found time must not lie in the future). */
function yesterday(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(Date.now() - 86_400_000);
}

test('8: date and time fields show and accept ÅÅÅÅ-MM-DD TT:MM in an American browser', async () => {
  const officer = await personPage('polis', phone);
  assert.equal(await officer.evaluate(() => navigator.language), 'en-US', 'the browser speaks American English');
  await openMenu(officer, 'Ny anmälan');
  await officer.getByLabel('Akut nu').check();
  await officer.getByLabel('Var är barnet nu?').fill('Citypolisen');
  await officer.getByRole('textbox', { name: 'Personnummer eller samordningsnummer' }).fill('20100101-2382');
  await officer.getByLabel('Folkbokföringskommun').selectOption('0182');
  await officer.getByLabel('Kommun där barnet påträffades').selectOption('0180');
  await officer.getByRole('textbox', { name: 'Plats', exact: true }).fill('Sergels torg');
  await officer.getByLabel('Vad har hänt och varför finns det oro?').fill('Påträffad sent med personer med koppling till ett kriminellt nätverk.');
  await officer.getByLabel('Rekryteras').check();
  await officer.getByLabel('Polisens diarienummer').fill('5000-K123457-26');
  await officer.getByLabel('Telefon där du nås').fill('070-174 06 10');
  await officer.getByRole('group', { name: /^När påträffades barnet\?/ }).getByLabel('Annan tidpunkt').check();
  const foundAt = officer.getByLabel('Tidpunkt då barnet påträffades');
  // Typed the Swedish way, 24 h, and shown back exactly so: no "MM/DD/YYYY, hh:mm AM".
  await foundAt.pressSequentially(`${yesterday()} 23:05`);
  await foundAt.blur();
  assert.equal(await foundAt.inputValue(), `${yesterday()} 23:05`);
  assert.match(await officer.locator(`#${await foundAt.getAttribute('aria-describedby').then((d) => d!.split(' ')[0])}`).innerText(), /ÅÅÅÅ-MM-DD TT:MM \(24 timmar\)/);
  assert.equal(await officer.locator('input[type="date"], input[type="datetime-local"], input[type="time"]').count(), 0, 'no field drawn in the browser’s own locale');
  await clean(officer, 'report form with the time found, en-US browser');
  await screenshot(officer, 'police-form-time-found-phone');
  // A time that is not one is refused in Swedish, not sent.
  await foundAt.fill('12/04/2026, 04:09 AM');
  await officer.getByRole('button', { name: 'Skicka anmälan' }).click();
  await officer.getByRole('alert').getByRole('link', { name: 'Ange datum och klockslag då barnet påträffades.' }).waitFor();
  await foundAt.fill(`${yesterday()} 23:05`);
  await officer.getByRole('button', { name: 'Skicka anmälan' }).click();
  await officer.getByRole('heading', { name: 'Anmälan är mottagen' }).waitFor();
  // The case shows the time found as it was given, in Stockholm time.
  await openMenu(officer, 'Mina anmälningar');
  await officer.locator('li.case-card').first().getByRole('link').first().click();
  await officer.getByRole('heading', { level: 1, name: /^Ärende ENV-/ }).waitFor();
  assert.match(await officer.locator('main').innerText(), /Tidpunkt då barnet påträffades\s*\d{1,2} [a-z]+\.? 23:05/);

  // The auditor's time window: the same Swedish form.
  const auditor = await personPage('revisor', laptop);
  await openMenu(auditor, 'Granskning');
  const from = auditor.getByLabel('Från (svensk tid)');
  await from.fill(`${yesterday()} 7:30`);
  await from.blur();
  assert.equal(await from.inputValue(), `${yesterday()} 07:30`);
  assert.equal(await auditor.locator('input[type="date"], input[type="datetime-local"]').count(), 0);
});

/** Every table box and the page itself fit the phone: nothing scrolls sideways. */
async function fitsPhone(page: Page, where: string) {
  const boxes = await page.evaluate(() => [
    { name: 'page', scroll: document.documentElement.scrollWidth, client: window.innerWidth },
    ...[...document.querySelectorAll('main .scroll, main table')].map((e) => ({ name: e.getAttribute('aria-label') ?? e.className, scroll: e.scrollWidth, client: e.clientWidth })),
  ]);
  for (const b of boxes) assert.ok(b.scroll <= b.client + 1, `${where}: ${b.name} scrolls sideways (${b.scroll} px in ${b.client} px)`);
}

test('6: "Utskick" in Swedish with a demo outbox instead of "SMTP_URL är inte konfigurerad"; admin tables read on a phone', async () => {
  admin ??= await personPage('admin', laptop);
  await openMenu(admin, 'Utskick');
  const deliveries = admin.getByRole('table', { name: 'Utskick, senaste först' });
  await deliveries.getByRole('row', { name: /Ärende överlämnat, väntar på kvittens/ }).first().waitFor({ timeout: 15_000 });
  const text = await admin.locator('main').innerText();
  assert.doesNotMatch(text, /\b(case|deadline)\.[a-z_]+/, 'no raw event codes');
  assert.doesNotMatch(text, /\b(intake|jour|kommun|police)-[a-z0-9]+\b/, 'no organisation ids');
  assert.match(await deliveries.getByRole('row', { name: /Ärende överlämnat/ }).first().innerText(), /Sydostjouren|Mottagningen barn och unga, Nacka/);
  // In demo mode the e-mails reach the built-in outbox: delivered there, readable by the admin.
  await admin.getByLabel('Visa status').selectOption('dead');
  await deliveries.or(admin.getByText('Inga utskick.')).first().waitFor();
  assert.doesNotMatch(await admin.locator('main').innerText(), /SMTP_URL är inte konfigurerad/);
  await admin.getByLabel('Visa status').selectOption('');
  const outbox = admin.getByRole('region', { name: 'Demo-utkorg: e-post som skulle ha skickats' });
  const mail = outbox.getByRole('listitem').filter({ hasText: /Ärende ENV-\d{4}-\d{6} överlämnas till er/ }).first();
  await mail.waitFor({ timeout: 15_000 });
  assert.match(await mail.innerText(), /Ämne\s*envagin: ENV-\d{4}-\d{6}[\s\S]*Öppna ärendet: http[^\s]+\/arende\//);
  assert.match(await mail.innerText(), /Till\s*\w\*\*\*@[\w.]*demo\.envagin\.se/, 'the address masked');
  await clean(admin, 'deliveries with the demo outbox');
  await screenshot(admin, 'admin-deliveries-demo-outbox-laptop');

  // On a phone the admin's tables read as stacked rows: nothing scrolls sideways.
  await admin.setViewportSize(phone);
  for (const [menu, table] of [
    ['Utskick', 'Utskick, senaste först'],
    ['Användare', 'Användare'],
    ['Avtal', null],
    ['Eskalering', null],
    ['Katalog', null],
  ] as const) {
    await openMenu(admin, menu);
    if (table) await admin.getByRole('table', { name: table }).waitFor();
    await admin.locator('main table').first().waitFor();
    await fitsPhone(admin, menu);
    await clean(admin, `${menu} on a phone`);
  }
  await openMenu(admin, 'Utskick');
  await admin.getByRole('table', { name: 'Utskick, senaste först' }).waitFor();
  const first = admin.getByRole('table', { name: 'Utskick, senaste först' }).locator('tbody tr').first();
  const labels = await first.evaluate((row) => [...row.children].map((c) => [c.getAttribute('data-label'), getComputedStyle(c, '::before').content]));
  assert.deepEqual(
    labels.map(([label]) => label),
    ['Tid', 'Ärende', 'Händelse', 'Kanal', 'Mottagare', 'Status', 'Försök', 'Historik'],
    'each cell under its column’s name',
  );
  assert.ok(labels.every(([label, shown]) => shown === `"${label}"`), `the names are shown: ${JSON.stringify(labels)}`);
  await screenshot(admin, 'admin-deliveries-phone');
  await openMenu(admin, 'Användare');
  await screenshot(admin, 'admin-users-phone');
});

test('5: the auditor searches by name and organisation and reads the log in Swedish, in Stockholm time', async () => {
  const auditor = await personPage('revisor', laptop);
  await openMenu(auditor, 'Granskning');
  const search = auditor.getByRole('region', { name: 'Sök i loggen' });
  const results = auditor.getByRole('table', { name: 'Logghändelser, senaste först' });
  const stockholm = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' });
  const readsSwedish = async (where: string) => {
    const text = await results.innerText();
    assert.doesNotMatch(text, /\b[a-z_]+\.[a-z_]+\b/, `${where}: no event codes`);
    assert.doesNotMatch(text, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/, `${where}: no uuids`);
    assert.doesNotMatch(text, /\b(reason|clock|filters|returned|acceptedByOrgId|caseIds|count)\b/, `${where}: no English field names`);
    for (const time of await results.locator('tbody time').all()) {
      const at = (await time.getAttribute('datetime'))!;
      assert.ok((await time.innerText()).includes(stockholm.format(new Date(at))), `${where}: ${await time.innerText()} is Stockholm time for ${at}`);
    }
  };

  // By name: who acknowledged the case from test 4.
  await search.getByLabel('Vem (namn eller användarnamn)').fill('mottagningssekreterare');
  await search.getByRole('button', { name: 'Sök i loggen' }).click();
  const ack = results.getByRole('row', { name: /Kvitter/ }).first();
  await ack.waitFor();
  assert.match(await ack.innerText(), /Mottagningssekreterare Demo \(Nacka\)[\s\S]*Mottagningen barn och unga, Nacka/);
  assert.match(await ack.innerText(), new RegExp(`Ärende\\s*${acknowledged.number}`));
  assert.match(await ack.innerText(), /Till: Kvitterad; Från: Väntar på överlämning; Uppgifter: [^;]*Kvitterad av/);
  await readsSwedish('by name');
  await clean(auditor, 'audit search by name');
  await screenshot(auditor, 'auditor-log-by-name-laptop');

  // By organisation and kind: the hub's reads of case lists, in words.
  await search.getByRole('button', { name: 'Rensa' }).click();
  await search.getByLabel('Organisation').fill('socialjour');
  await search.getByRole('button', { name: 'Sök i loggen' }).click();
  await results.getByRole('row', { name: /Läste en ärendelista/ }).first().waitFor();
  await readsSwedish('by organisation');
  // By case number, narrowed to cases.
  await search.getByRole('button', { name: 'Rensa' }).click();
  await search.getByLabel('Gäller').selectOption({ label: 'Ärende' });
  await search.getByLabel('Ärendenummer').fill(acknowledged.number);
  await search.getByRole('button', { name: 'Sök i loggen' }).click();
  await results.getByRole('row', { name: /Öppnade ärendet/ }).first().waitFor();
  for (const row of await results.locator('tbody tr').all()) assert.match(await row.innerText(), new RegExp(acknowledged.number));
  await readsSwedish('by case number');
  await auditor.setViewportSize(phone);
  await fitsPhone(auditor, 'audit log');
  await clean(auditor, 'audit search on a phone');
  await screenshot(auditor, 'auditor-log-by-case-phone');
});
