// "Rättsliga grunder" in a real browser against the real server (issue 20): the admin keeps the
// list an information request may cite — adds a ground (the server's Swedish message at the field
// for a bad id), corrects its texts, retires it — and Nacka's request form offers the change at
// once: the corrected citation while in force, nothing once retired. Only the admin has the
// screen. axe reports no violations, at a laptop and on a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, chromiumAvailable, launchBrowser, logInThroughPage, screenshot } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

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

async function personPage(username: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  contexts.push(context);
  const page = await context.newPage();
  await logInThroughPage(page, server.url, username);
  return page;
}

async function clean(page: Page, where: string) {
  assert.deepEqual(await axeViolations(page), [], where);
}

/** The citations the legal-ground list offers to someone who asks (the API the request form reads). */
async function offered(page: Page): Promise<{ citation: string; retiredAt: string | null }[]> {
  return page.evaluate(async () => {
    const res = await fetch('/api/v1/legal-grounds');
    return ((await res.json()) as { legalGrounds: { citation: string; retiredAt: string | null }[] }).legalGrounds;
  });
}

test('the admin adds, corrects and retires a legal ground; only the admin has the screen', async () => {
  const admin = await personPage('admin');
  await admin.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Rättsliga grunder', exact: true }).click();
  await admin.getByRole('heading', { level: 1, name: 'Rättsliga grunder' }).waitFor();
  assert.match(await admin.title(), /^Rättsliga grunder – envagin$/);
  const table = admin.getByRole('table', { name: 'Rättsliga grunder' });
  await table.getByRole('row', { name: /10 kap\. 28 § OSL/ }).waitFor();
  await clean(admin, 'legal grounds, the demo list');

  // A bad id: the server's message at the field, nothing added.
  const add = admin.getByRole('region', { name: 'Lägg till en rättslig grund' });
  await add.getByRole('textbox', { name: 'Id', exact: true }).fill('LVU 43');
  await add.getByRole('textbox', { name: 'Lagrum', exact: true }).fill('43 § LVU');
  await add.getByRole('textbox', { name: 'Beskrivning', exact: true }).fill('Polisens biträde vid omhändertagande.');
  await add.getByRole('button', { name: 'Lägg till' }).click();
  await admin.locator('#legal-ground-add-id[aria-invalid="true"]').waitFor();
  await admin.getByRole('alert').filter({ hasText: 'Rätta de markerade fälten.' }).waitFor();
  await clean(admin, 'legal grounds with a field error');
  assert.equal((await offered(admin)).filter((g) => g.citation === '43 § LVU').length, 0);

  await add.getByRole('textbox', { name: 'Id', exact: true }).fill('lvu-43');
  await add.getByRole('button', { name: 'Lägg till' }).click();
  await admin.getByRole('status').filter({ hasText: '43 § LVU är tillagd.' }).waitFor();
  const row = table.getByRole('row', { name: /lvu-43/ });
  await row.getByText('Gäller', { exact: true }).waitFor();
  assert.equal(await add.getByRole('textbox', { name: 'Id', exact: true }).inputValue(), '', 'the form is emptied for the next one');

  // Correct the citation: the id stays.
  await row.getByRole('button', { name: 'Ändra 43 § LVU' }).click();
  const edit = admin.getByRole('region', { name: 'Ändra grunden lvu-43' });
  await edit.waitFor();
  assert.equal(await edit.getByRole('textbox', { name: 'Id', exact: true }).count(), 0, 'the id is not editable');
  await edit.getByRole('textbox', { name: 'Lagrum', exact: true }).fill('43 § lagen med särskilda bestämmelser om vård av unga');
  await clean(admin, 'legal grounds, editing');
  await edit.getByRole('button', { name: 'Spara ändringen' }).click();
  await admin.getByRole('status').filter({ hasText: 'är sparad.' }).waitFor();
  await table.getByRole('row', { name: /43 § lagen med särskilda bestämmelser/ }).waitFor();
  assert.ok((await offered(admin)).some((g) => g.citation === '43 § lagen med särskilda bestämmelser om vård av unga' && g.retiredAt === null));

  // Retire, after a confirmation.
  await row.getByRole('button', { name: /^Låt upphöra 43 §/ }).click();
  await row.getByRole('button', { name: /^Ja, låt upphöra/ }).click();
  await admin.getByRole('status').filter({ hasText: 'har upphört' }).waitFor();
  await row.getByText(/^Upphörde /).waitFor();
  assert.equal(await row.getByRole('button', { name: /Låt upphöra/ }).count(), 0);
  assert.ok((await offered(admin)).some((g) => g.citation.startsWith('43 § lagen') && g.retiredAt !== null));
  await clean(admin, 'legal grounds after retiring one');
  await screenshot(admin, 'admin-legal-grounds-laptop');

  // On a phone: each ground a card, no sideways scrolling.
  await admin.setViewportSize({ width: 390, height: 844 });
  await row.waitFor();
  const boxes = await admin.evaluate(() => [
    { name: 'page', scroll: document.documentElement.scrollWidth, client: window.innerWidth },
    ...[...document.querySelectorAll('main .scroll, main table')].map((e) => ({ name: e.className, scroll: e.scrollWidth, client: e.clientWidth })),
  ]);
  for (const b of boxes) assert.ok(b.scroll <= b.client + 1, `${b.name} scrolls sideways on a phone (${b.scroll} px in ${b.client} px)`);
  await clean(admin, 'legal grounds on a phone');
  await screenshot(admin, 'admin-legal-grounds-phone');

  // Nacka may read the list (to cite it) but has no screen to keep it.
  const nacka = await personPage('nacka');
  assert.equal(await nacka.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Rättsliga grunder' }).count(), 0);
  await nacka.goto(`${server.url}/rattsliga-grunder`);
  await nacka.getByRole('heading', { name: 'Startsida' }).waitFor();
});
