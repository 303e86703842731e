// Oversight in real browsers against the real server: the administrator shortens the claim
// deadline to one minute (Eskalering, with the server's validation message for a bad value
// first); the police file a report (through the API); the hub's supervisor sees it unassigned
// in "Översikt" with a running countdown and opens it (the case's "Tidsfrister"); the auditor
// runs "who has seen the child's data" (the personnummer only in a POST body, masked on blur),
// verifies the log's chain, searches the log and creates a register extract; once the minute
// has passed the supervisor sees the case among the overdue ones; the administrator reads the
// deliveries ("Utskick"). Every page is WCAG 2.1 AA clean (axe); screenshots at laptop width
// (and the overview on a phone).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_CHILD_PNR, validReport } from '../../src/test/reports.ts';
import { axeViolations, chromiumAvailable, launchBrowser, logInThroughPage, screenshot } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const laptop = { width: 1280, height: 800 };
const phone = { width: 390, height: 844 };

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
  const context = await browser.newContext({ viewport: laptop, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  contexts.push(context);
  const page = await context.newPage();
  await logInThroughPage(page, server.url, username);
  await page.getByRole('heading', { name: 'Mina aviseringar' }).waitFor();
  await clean(page, `start page of ${username}`);
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

/** The police file a report through the API, as the ROC's system would. */
async function fileReport(): Promise<string> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'polis', password: 'envagin-demo' }),
  });
  assert.equal(login.status, 200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await fetch(`${server.url}/api/v1/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken, 'idempotency-key': 'oversight-test-0001' },
    body: JSON.stringify(validReport({ found: { at: new Date(Date.now() - 10 * 60_000).toISOString(), municipalityCode: '0180', place: 'Sergels torg' } })),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { number: string }).number;
}

test('escalation policy → overview with countdowns → auditor sees who has seen the child → overdue → deliveries', async () => {
  // The administrator shortens the claim deadline to one minute.
  const admin = await personPage('admin');
  await openMenu(admin, 'Eskalering');
  const policies = admin.getByRole('table', { name: 'Eskaleringspolicyer per klocka' });
  const claimRow = policies.getByRole('row', { name: /Socialjouren tar ärendet/ });
  assert.match(await claimRow.innerText(), /Ta ärendet[\s\S]*10 min från start[\s\S]*Vid fristen: Arbetsledare, socialjouren, upprepas var 5 min/);
  await admin.getByRole('heading', { name: /Kontroll: larmsteg som inte når någon/ }).waitFor();
  await admin.locator('.check-problems, .empty').first().waitFor();
  await clean(admin, 'escalation policies');
  await claimRow.getByRole('button', { name: 'Ändra Socialjouren tar ärendet' }).click();
  const editor = admin.getByRole('region', { name: 'Ändra: Socialjouren tar ärendet' });
  await editor.waitFor();
  // A value the server refuses: its message lands at the field.
  await editor.getByLabel('Antal minuter').fill('0');
  await editor.getByLabel('Anledning').fill('Test: kort frist för att se eskalering.');
  await editor.getByRole('button', { name: 'Spara policyn' }).click();
  await editor.getByRole('alert').getByText('Uppgifterna är inte giltiga. Kontrollera de markerade fälten.').waitFor();
  assert.equal(await editor.getByLabel('Antal minuter').getAttribute('aria-invalid'), 'true');
  await clean(admin, 'policy editor with a server error');
  await screenshot(admin, 'admin-escalation-edit-laptop');
  await editor.getByLabel('Antal minuter').fill('1');
  await editor.getByRole('button', { name: 'Spara policyn' }).click();
  await admin.getByText('Policyn Socialjouren tar ärendet är sparad.').waitFor();
  await claimRow.getByText('1 min från start').waitFor();
  await clean(admin, 'escalation policies after saving');
  await screenshot(admin, 'admin-escalation-laptop');

  // The report arrives; its claim clock now runs for one minute.
  const number = await fileReport();
  const filedAt = Date.now();

  // The supervisor's overview: unassigned, with a countdown in words.
  const chef = await personPage('hubchef');
  await openMenu(chef, 'Översikt');
  const unassigned = chef.getByRole('region', { name: /^Utan handläggare \(\d+\)$/ });
  const row = unassigned.getByRole('row', { name: new RegExp(number) });
  await row.waitFor({ timeout: 15_000 });
  assert.match(await row.innerText(), /Ta ärendet: (1 min kvar|Försenad)/);
  await clean(chef, 'supervisor overview');

  // The case page lists its running clocks.
  await row.getByRole('link', { name: number }).click();
  await chef.getByRole('heading', { level: 1, name: `Ärende ${number}` }).waitFor();
  const clocks = chef.getByRole('region', { name: 'Tidsfrister' });
  await clocks.getByText('Ta ärendet').waitFor();
  assert.match(await clocks.innerText(), /Ta ärendet\s*(1 min kvar|Försenad \d+ min)/);
  await clean(chef, 'case with clocks');
  await screenshot(chef, 'case-clocks-laptop');
  assert.ok(!chef.url().includes(TEST_CHILD_PNR.slice(2, 8)), 'no personnummer in the address');

  // The auditor: who has seen the child's data (the hub's supervisor just did; the police filed it).
  const auditor = await personPage('revisor');
  // Every address the auditor's browser asks for from here on (pages, API calls, assets): a
  // personnummer typed into any field must travel in a body, never in a URL (access logs, history).
  const requested: { method: string; url: string; body: string }[] = [];
  auditor.on('request', (r) => requested.push({ method: r.method(), url: r.url(), body: r.postData() ?? '' }));
  await openMenu(auditor, 'Granskning');
  await clean(auditor, 'audit page');
  const who = auditor.getByRole('region', { name: 'Vem har sett barnets uppgifter?' });
  const pnr = who.getByLabel('Personnummer eller samordningsnummer');
  await pnr.fill(`${TEST_CHILD_PNR.slice(0, 8)}-${TEST_CHILD_PNR.slice(8)}`);
  assert.equal(await pnr.getAttribute('type'), 'text', 'readable while typing');
  await who.getByRole('button', { name: 'Visa vem som sett uppgifterna' }).click();
  await who.getByText(/åtkomster av \d+ personer/).waitFor();
  assert.equal(await pnr.getAttribute('type'), 'password', 'masked once the field is left');
  const accesses = await who.innerText();
  assert.match(accesses, /Stockholms stads socialjour[\s\S]*Arbetsledare Demo \(socialjouren\)[\s\S]*Öppnade ärendet/);
  assert.match(accesses, /Polisen, regionalt operativt center[\s\S]*Anmälan mottagen/);
  assert.match(accesses, new RegExp(`ärende ${number}`));
  assert.ok(!auditor.url().includes(TEST_CHILD_PNR.slice(2, 8)), 'no personnummer in the address');
  assert.ok(!(await auditor.title()).includes(TEST_CHILD_PNR.slice(2, 8)), 'no personnummer in the title');
  await clean(auditor, 'who has seen');
  await screenshot(auditor, 'auditor-person-laptop');

  // The chain is intact.
  const verify = auditor.getByRole('region', { name: 'Kontrollera loggens kedja' });
  await verify.getByRole('button', { name: 'Kontrollera loggens kedja' }).click();
  await verify.getByText(/Loggens kedja är intakt\. \d+ rader kontrollerade\./).waitFor();

  // Search the log for cases.
  const search = auditor.getByRole('region', { name: 'Sök i loggen' });
  await search.getByLabel('Gäller').selectOption({ label: 'Ärende' });
  await search.getByLabel('Från (svensk tid)').fill('2020-01-01 00:00');
  await search.getByRole('button', { name: 'Sök i loggen' }).click();
  const log = search.getByRole('table', { name: 'Logghändelser, senaste först' });
  await log.waitFor();
  assert.match(await log.innerText(), new RegExp(`Öppnade ärendet[\\s\\S]*Ärende\\s*${number}`));
  await search.getByLabel('Vem (namn eller användarnamn)').fill('ingen sådan person');
  await search.getByRole('button', { name: 'Sök i loggen' }).click();
  await search.getByText('Inga logghändelser matchar sökningen.').waitFor();
  // A personnummer typed into the log search goes in the search's POST body.
  await search.getByRole('button', { name: 'Rensa' }).click();
  await search.getByLabel('Ärendenummer', { exact: true }).fill(TEST_CHILD_PNR);
  const searched = auditor.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit/search');
  await search.getByRole('button', { name: 'Sök i loggen' }).click();
  assert.equal((await searched).status(), 200);
  await search.getByText('Inga logghändelser matchar sökningen.').waitFor();
  const logSearches = requested.filter((r) => new URL(r.url).pathname.startsWith('/api/v1/audit/search'));
  assert.ok(logSearches.length >= 3 && logSearches.every((r) => r.method === 'POST'), 'the log is searched by POST');
  assert.ok(logSearches.some((r) => r.body.includes(TEST_CHILD_PNR)), 'the typed number was sent, in the body');
  await clean(auditor, 'audit log search');
  await screenshot(auditor, 'auditor-log-laptop');

  // The register extract, with the secrecy note.
  const extract = auditor.getByRole('region', { name: 'Registerutdrag' });
  await extract.getByLabel('Personnummer eller samordningsnummer').fill(TEST_CHILD_PNR);
  await extract.getByRole('button', { name: 'Ta fram registerutdrag' }).click();
  await extract.getByText('1 ärende om personen.').waitFor();
  assert.match(await extract.innerText(), new RegExp(`${number}[\\s\\S]*sekretessprövning`));
  await clean(auditor, 'register extract');
  await screenshot(auditor, 'auditor-extract-laptop');
  // Not in any address the browser asked for, as typed or otherwise (with or without the century, dash or plus).
  const tenDigits = TEST_CHILD_PNR.slice(2);
  assert.deepEqual(
    requested.filter((r) => decodeURIComponent(r.url).replace(/[-+\s]/g, '').includes(tenDigits)).map((r) => `${r.method} ${r.url}`),
    [],
    'no personnummer in a URL',
  );

  // Once the minute has passed, the supervisor sees the case as overdue (the engine raises the alert).
  await openMenu(chef, 'Översikt');
  const overdue = chef.getByRole('region', { name: /^Eskalerade och försenade \(\d+\)$/ });
  const late = overdue.getByRole('row', { name: new RegExp(number) });
  await late.waitFor({ timeout: Math.max(15_000, filedAt + 90_000 - Date.now()) });
  await late.getByText(/Försenad \d+ min, larm \d+/).waitFor({ timeout: 30_000 });
  await clean(chef, 'supervisor overview with an overdue case');
  await screenshot(chef, 'supervisor-overview-laptop');
  await chef.setViewportSize(phone);
  await clean(chef, 'supervisor overview on a phone');
  await screenshot(chef, 'supervisor-overview-phone');

  // The administrator sees the deliveries, and filters them.
  await openMenu(admin, 'Utskick');
  const deliveries = admin.getByRole('table', { name: 'Utskick, senaste först' });
  await deliveries.or(admin.getByText('Inga utskick.')).first().waitFor();
  await clean(admin, 'deliveries');
  await screenshot(admin, 'admin-deliveries-laptop');
  await admin.getByLabel('Visa status').selectOption('dead');
  await deliveries.or(admin.getByText('Inga utskick.')).first().waitFor();
  await clean(admin, 'deliveries filtered');

  // Users: the list with roles, and a new user created through the form.
  await openMenu(admin, 'Användare');
  const users = admin.getByRole('table', { name: 'Användare' });
  assert.match(await users.getByRole('row', { name: /Granskare Demo/ }).innerText(), /revisor[\s\S]*Granskare[\s\S]*Engångskod kopplad/);
  await clean(admin, 'users');
  await admin.getByRole('button', { name: 'Ny användare' }).click();
  const form = admin.getByRole('region', { name: 'Ny användare' });
  await form.getByLabel('Användarnamn').fill('ny.handlaggare');
  await form.getByRole('textbox', { name: 'Namn', exact: true }).fill('Ny Handläggare');
  await form.getByLabel('Roll', { exact: true }).selectOption({ label: 'Handläggare, socialjouren' });
  await form.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Stockholms stads socialjour' });
  await form.getByLabel(/^E-post/).fill('inte-en-adress');
  await form.getByRole('button', { name: 'Skapa användare' }).click();
  await form.getByText('Ange en giltig e-postadress').waitFor();
  await clean(admin, 'new user with an error');
  await form.getByLabel(/^E-post/).fill('ny.handlaggare@example.se');
  await form.getByRole('button', { name: 'Skapa användare' }).click();
  // A role that reads case content waits for a second person; nobody chose a password.
  await admin.getByText('Begäran om Ny Handläggare väntar på godkännande av en andra person.', { exact: false }).waitFor();
  assert.equal(await users.getByRole('row', { name: /Ny Handläggare/ }).count(), 0);
  await openMenu(admin, 'Godkännanden');
  const mine = admin.getByRole('table', { name: 'Väntar på godkännande' }).getByRole('row', { name: /Ny Handläggare/ });
  await mine.getByText('Din egen begäran: en annan person avgör den.').waitFor();
  assert.equal(await mine.getByRole('button', { name: /Godkänn/ }).count(), 0, 'never the requester');
  await clean(admin, 'approvals, own request');
  // The hub's supervisor approves it.
  await openMenu(chef, 'Godkännanden');
  const pending = chef.getByRole('table', { name: 'Väntar på godkännande' }).getByRole('row', { name: /Ny Handläggare/ });
  await pending.getByRole('button', { name: 'Godkänn Ny Handläggare' }).click();
  await chef.getByText('Godkänt: Ny Handläggare.', { exact: false }).waitFor();
  await clean(chef, 'approvals after approving');
  await openMenu(admin, 'Användare');
  await users.getByRole('row', { name: /Ny Handläggare/ }).waitFor();
  await admin.getByRole('heading', { name: 'Inbjudningar och lösenordslänkar' }).waitFor();
  await screenshot(admin, 'admin-users-laptop');
});
