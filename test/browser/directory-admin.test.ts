// The administrator edits the directory in a real browser against the real server: opening hours
// (a dated exception closing Nacka's intake early), a jour group's members (Tyresö leaves
// Sydostjouren and Täckning shows the hole, then it comes back) and the agreement register
// (register, refuse bad input with Swedish messages, terminate). Every form is WCAG 2.1 AA clean
// at laptop and phone width.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { axeViolations, chromiumAvailable, launchBrowser, logInThroughPage, screenshot } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const NACKA = 'Mottagningen barn och unga, Nacka';

/** Today in Stockholm plus n days, as YYYY-MM-DD. */
function stockholmDatePlus(n: number): string {
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}

async function noAxeViolations(width: { width: number; height: number }) {
  await page.setViewportSize(width);
  assert.deepEqual(await axeViolations(page), [], `axe at ${width.width}px`);
}

async function openView(name: string) {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function openOrganisation(name: string): Promise<Locator> {
  await openView('Katalog');
  await page.getByRole('table', { name: 'Kommuner i Stockholms län' }).waitFor();
  await page.getByRole('button', { name, exact: true }).first().click();
  const detail = page.locator('section.detail');
  await detail.getByRole('heading', { level: 2, name }).waitFor();
  return detail;
}

before(async () => {
  assert.ok(chromiumAvailable(), 'Chromium is needed: apt-get install -y chromium');
  server = await startServer({}, { prism: false });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: LAPTOP, locale: 'sv-SE', timezoneId: 'UTC' });
  await logInThroughPage(page, server.url, 'admin');
});
after(async () => {
  await page?.close();
  await browser?.close();
  await server?.stop();
});

describe('opening hours', () => {
  test('Nacka closes early on a date: checked in the browser, refused fields shown, saved, in the week and the history', async () => {
    const detail = await openOrganisation(NACKA);
    await detail.getByRole('button', { name: 'Ändra öppettider' }).click();
    const form = detail.getByRole('form', { name: 'Ändra öppettider' });
    await form.waitFor();
    assert.equal(await detail.getByRole('button', { name: 'Ändra öppettider' }).getAttribute('aria-expanded'), 'true');

    // The current calendar is in the fields.
    const monday = form.getByRole('group', { name: 'Måndag, tid 1' });
    assert.equal(await monday.getByLabel('Från').inputValue(), '08:00');
    assert.equal(await monday.getByLabel('Till').inputValue(), '17:00');
    await form.getByRole('group', { name: 'Söndag', exact: true }).getByText('Stängt hela dagen.').waitFor();
    assert.equal(await form.getByLabel('Stängt på helgdagar').isChecked(), true);
    assert.equal(await form.getByLabel('Stängt på midsommarafton, julafton och nyårsafton').isChecked(), true);
    assert.equal(await form.getByLabel('Andra tider dag före helgdag').isChecked(), true);
    assert.equal(await form.getByRole('group', { name: 'Dag före helgdag, tid 1' }).getByLabel('Till').inputValue(), '13:00');
    await noAxeViolations(LAPTOP);
    await noAxeViolations(PHONE);
    await page.setViewportSize(LAPTOP);

    // A dated exception: 08:00–12:00 on a day ten days from now.
    const date = stockholmDatePlus(10);
    await form.getByRole('button', { name: 'Lägg till avvikande dag' }).click();
    const exception = form.getByRole('group', { name: 'Avvikande dag 1', exact: true });
    await exception.getByLabel('Datum').fill(date);
    await exception.getByLabel('Anteckning (frivilligt)').fill('Personaldag, stänger tidigt');
    await exception.getByText('Stängt hela dagen.').waitFor();
    await exception.getByRole('button', { name: 'Lägg till tid' }).click();
    const range = form.getByRole('group', { name: 'Avvikande dag 1, tid 1' });

    // The browser's own checks: format and order, beside the field; the reason is required.
    await range.getByLabel('Från').fill('8.00');
    await range.getByLabel('Till').fill('07:00');
    await form.getByRole('button', { name: 'Spara öppettider' }).click();
    await form.getByRole('alert').getByText('Kontrollera de markerade fälten.').waitFor();
    await range.getByText('Ange tid som HH:MM, t.ex. 08:00.').waitFor();
    assert.equal(await range.getByLabel('Från').getAttribute('aria-invalid'), 'true');
    await form.getByText('Fältet måste fyllas i.').waitFor();
    await range.getByLabel('Från').fill('08:00');
    await form.getByRole('button', { name: 'Spara öppettider' }).click();
    await range.getByText('Starttiden måste vara före sluttiden.').waitFor();
    await noAxeViolations(LAPTOP);
    await page.setViewportSize(LAPTOP);

    // The server's verdict: a field's message beside it, the rest and the general text at the top.
    await range.getByLabel('Till').fill('12:00');
    await form.getByLabel('Anledning').fill('Personaldag');
    await page.route('**/api/v1/directory/organisations/intake-0182/hours', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'urn:envagin:problem:validation-failed',
          title: 'Bad Request',
          status: 400,
          detail: 'x',
          code: 'VALIDATION_FAILED',
          errors: [
            { path: 'body.hours.weekly.1.0.start', message: 'Ange tid som HH:MM' },
            { path: 'body.hours', message: 'Ogiltigt tidsintervall (veckodag 1)' },
          ],
        }),
      }),
    );
    await form.getByRole('button', { name: 'Spara öppettider' }).click();
    const alert = form.getByRole('alert');
    await alert.getByText('Uppgifterna är inte giltiga. Kontrollera de markerade fälten.').waitFor();
    await alert.getByText('Ogiltigt tidsintervall (veckodag 1)').waitFor();
    await monday.getByText('Ange tid som HH:MM').waitFor();
    assert.equal(await monday.getByLabel('Från').getAttribute('aria-invalid'), 'true');
    await page.unroute('**/api/v1/directory/organisations/intake-0182/hours');

    // Saved for real: the week view and the history follow.
    await form.getByRole('button', { name: 'Spara öppettider' }).click();
    await form.getByRole('status').getByText('Öppettiderna är sparade.').waitFor();
    assert.equal(await form.getByRole('alert').count(), 0);
    await detail.getByText(`${date}: 08:00–12:00 (Personaldag, stänger tidigt)`).waitFor();
    const history = detail.getByRole('region', { name: 'Ändringshistorik' });
    await history.getByText('Personaldag', { exact: true }).waitFor();
    assert.match(await history.getByRole('listitem').first().innerText(), /Öppettider ändrade/);
    await noAxeViolations(LAPTOP);
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-hours-laptop');

    // Reopened, the editor shows the saved exception.
    await detail.getByRole('button', { name: 'Ändra öppettider' }).click();
    await detail.getByRole('button', { name: 'Ändra öppettider' }).click();
    assert.equal(await detail.getByRole('group', { name: 'Avvikande dag 1', exact: true }).getByLabel('Datum').inputValue(), date);
  });

  test('a jour group may answer whenever its members are closed, or only in its own hours', async () => {
    const detail = await openOrganisation('Sydostjouren');
    await detail.getByRole('button', { name: 'Ändra öppettider' }).click();
    const form = detail.getByRole('form', { name: 'Ändra öppettider' });
    const members = form.getByLabel('Svarar när medlemmarnas mottagning är stängd');
    assert.equal(await members.isChecked(), true);
    assert.equal(await form.getByRole('group', { name: 'Veckoschema' }).count(), 0);
    await form.getByLabel('Bara under egna tider').check();
    await form.getByRole('group', { name: 'Veckoschema' }).waitFor();
    await noAxeViolations(PHONE);
    await noAxeViolations(LAPTOP);
    await members.check();
    await detail.getByRole('button', { name: 'Ändra öppettider' }).click();
    assert.equal(await detail.getByRole('form', { name: 'Ändra öppettider' }).count(), 0);
  });
});

describe('jour group members', () => {
  test('Tyresö leaves Sydostjouren: Täckning shows the hole; back in, the hole closes', async () => {
    let detail = await openOrganisation('Sydostjouren');
    await detail.getByText('Medlemskommuner: Nacka, Tyresö, Värmdö').waitFor();
    await detail.getByRole('button', { name: 'Ändra jourgruppens medlemmar' }).click();
    let form = detail.getByRole('form', { name: 'Ändra jourgruppens medlemmar' });
    await form.getByRole('group', { name: 'Tyresö' }).waitFor();
    await noAxeViolations(PHONE);
    await noAxeViolations(LAPTOP);

    await form.getByRole('group', { name: 'Tyresö' }).getByRole('button', { name: 'Ta bort' }).click();
    await form.getByRole('button', { name: 'Spara medlemmar' }).click();
    await form.getByText('Fältet måste fyllas i.').waitFor();
    await form.getByLabel('Anledning').fill('Tyresö lämnar Sydostjouren');
    await form.getByRole('button', { name: 'Spara medlemmar' }).click();
    await form.getByRole('status').getByText(/Medlemmarna är sparade/).waitFor();
    await detail.getByText('Medlemskommuner: Nacka, Värmdö').waitFor();
    const entry = detail.getByRole('region', { name: 'Ändringshistorik' }).getByRole('listitem').first();
    await entry.getByText('Tyresö lämnar Sydostjouren').waitFor();
    assert.match(await entry.innerText(), /Jourgruppens medlemmar ändrade[\s\S]*Nacka, Tyresö, Värmdö → Nacka, Värmdö/);

    await openView('Täckning');
    const heat = page.getByRole('table', { name: /Timmar utan täckning per kommun och dag/ });
    await heat.waitFor();
    assert.ok((await heat.getByRole('row', { name: /Tyresö/ }).locator('td.cell-gap').count()) > 0);
    assert.equal(await heat.getByRole('row', { name: /Nacka/ }).locator('td.cell-gap').count(), 0);
    assert.match(await page.getByRole('region', { name: 'Täckningsluckor' }).innerText(), /Tyresö/);

    // Back in, with a start date in the past and no end.
    detail = await openOrganisation('Sydostjouren');
    await detail.getByRole('button', { name: 'Ändra jourgruppens medlemmar' }).click();
    form = detail.getByRole('form', { name: 'Ändra jourgruppens medlemmar' });
    await form.getByLabel('Lägg till medlemskommun').selectOption({ label: 'Tyresö' });
    await form.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await form.getByRole('group', { name: 'Tyresö' }).getByLabel('Medlem från (frivilligt)').fill('2024-01-01');
    await form.getByLabel('Anledning').fill('Tyresö tillbaka');
    await noAxeViolations(PHONE);
    await page.setViewportSize(LAPTOP);
    await form.getByRole('button', { name: 'Spara medlemmar' }).click();
    await form.getByRole('status').getByText(/Medlemmarna är sparade/).waitFor();
    await detail.getByText(/^Medlemskommuner: (?=.*Nacka)(?=.*Värmdö)(?=.*Tyresö)/).waitFor();

    // The dated membership comes back into the form from the history.
    await detail.getByRole('button', { name: 'Ändra jourgruppens medlemmar' }).click();
    await detail.getByRole('button', { name: 'Ändra jourgruppens medlemmar' }).click();
    const again = detail.getByRole('form', { name: 'Ändra jourgruppens medlemmar' }).getByRole('group', { name: 'Tyresö' });
    assert.equal(await again.getByLabel('Medlem från (frivilligt)').inputValue(), '2024-01-01');

    await openView('Täckning');
    await page.getByText('Inga täckningsluckor under perioden').waitFor();
    assert.equal(await page.locator('td.cell-gap').count(), 0);
  });
});

describe('agreements', () => {
  test('register an agreement (Swedish errors first), then terminate it', async () => {
    await openView('Avtal');
    const table = page.getByRole('table', { name: 'Samverkansavtal' });
    await table.waitFor();
    await page.getByRole('button', { name: 'Registrera avtal' }).click();
    const form = page.getByRole('form', { name: 'Registrera avtal' });
    await form.waitFor();
    // Stockholm is the hub, not a party to an agreement.
    const options = await form.getByLabel('Kommun').locator('option').allInnerTexts();
    assert.equal(options.length, 26);
    assert.ok(!options.includes('Stockholm'));
    await noAxeViolations(PHONE);
    await noAxeViolations(LAPTOP);
    await screenshot(page, 'admin-agreement-form-laptop');

    await form.getByRole('button', { name: 'Registrera avtal' }).click();
    await form.getByRole('alert').getByText('Kontrollera de markerade fälten.').waitFor();
    assert.equal(await form.getByText('Fältet måste fyllas i.').count(), 5);
    assert.equal(await form.getByLabel('Diarienummer (Dnr)').getAttribute('aria-invalid'), 'true');

    await form.getByLabel('Kommun').selectOption({ label: 'Solna' });
    await form.getByLabel('Beslutande organ').fill('Socialnämnden i Solna');
    await form.getByLabel('Diarienummer (Dnr)').fill('SN-2026-0042');
    await form.getByLabel('Beslutsdatum').fill('2026-01-15');
    await form.getByLabel('Gäller från').fill('2026-03-01');
    await form.getByLabel('Gäller till och med (frivilligt)').fill('2026-02-01');
    await form.getByRole('button', { name: 'Registrera avtal' }).click();
    await form.getByRole('alert').getByText('Uppgifterna är inte giltiga. Kontrollera de markerade fälten.').waitFor();
    await form.getByText('Slutdatum får inte vara före startdatum').waitFor();
    assert.equal(await form.getByLabel('Gäller till och med (frivilligt)').getAttribute('aria-invalid'), 'true');
    await noAxeViolations(LAPTOP);

    await form.getByLabel('Gäller till och med (frivilligt)').fill('');
    await form.getByRole('button', { name: 'Registrera avtal' }).click();
    await page.getByRole('status').getByText('Avtalet med Solna är registrerat.').waitFor();
    assert.equal(await page.getByRole('form', { name: 'Registrera avtal' }).count(), 0);
    const row = table.getByRole('row', { name: /SN-2026-0042/ });
    await row.waitFor();
    assert.match(await row.innerText(), /Solna[\s\S]*Socialnämnden i Solna[\s\S]*2026-01-15[\s\S]*2026-03-01/);
    assert.ok(await page.getByRole('button', { name: 'Registrera avtal' }).evaluate((b) => b === document.activeElement));

    // The same Dnr again: refused in Swedish.
    await page.getByRole('button', { name: 'Registrera avtal' }).click();
    const again = page.getByRole('form', { name: 'Registrera avtal' });
    await again.getByLabel('Kommun').selectOption({ label: 'Solna' });
    await again.getByLabel('Beslutande organ').fill('Socialnämnden i Solna');
    await again.getByLabel('Diarienummer (Dnr)').fill('SN-2026-0042');
    await again.getByLabel('Beslutsdatum').fill('2026-01-15');
    await again.getByLabel('Gäller från').fill('2026-03-01');
    await again.getByRole('button', { name: 'Registrera avtal' }).click();
    await again.getByRole('alert').getByText('Det finns redan ett avtal för kommunen med samma diarienummer.').waitFor();
    await again.getByRole('button', { name: 'Avbryt' }).click();

    // Terminate it: a date before its start is refused beside the field, then it ends.
    await row.getByRole('button', { name: 'Säg upp avtalet med Solna, SN-2026-0042' }).click();
    const terminate = page.getByRole('form', { name: 'Säg upp avtalet med Solna (SN-2026-0042)' });
    await terminate.waitFor();
    await noAxeViolations(PHONE);
    await noAxeViolations(LAPTOP);
    await terminate.getByLabel('Uppsagt från och med').fill('2026-02-01');
    await terminate.getByLabel('Anledning').fill('Kommunen har sagt upp avtalet');
    await terminate.getByRole('button', { name: 'Säg upp avtalet' }).click();
    await terminate.getByText('Före avtalets startdatum').waitFor();
    assert.equal(await terminate.getByLabel('Uppsagt från och med').getAttribute('aria-invalid'), 'true');
    await terminate.getByLabel('Uppsagt från och med').fill('2026-09-01');
    await terminate.getByRole('button', { name: 'Säg upp avtalet' }).click();
    await page.getByRole('status').getByText('Avtalet med Solna är uppsagt från och med 2026-09-01.').waitFor();
    await table.getByRole('row', { name: /SN-2026-0042/ }).getByText('2026-09-01').waitFor();
    assert.equal(await table.getByRole('row', { name: /SN-2026-0042/ }).getByRole('button').count(), 0);
    await noAxeViolations(LAPTOP);
  });
});
