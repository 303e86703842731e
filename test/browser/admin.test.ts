// The administrator's screens in a real browser against the real server: the directory (with a
// contact-chain edit that must show field errors, save, and land in the history), the agreement
// register and the coverage heat map; every screen WCAG 2.1 AA clean on a laptop and a phone.
// Users without the permissions never get the editing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, chromiumAvailable, launchBrowser, logInThroughPage, screenshot } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;

before(async () => {
  assert.ok(chromiumAvailable(), 'Chromium is needed: apt-get install -y chromium');
  server = await startServer({}, { prism: false });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const viewports = [
  { name: 'laptop', width: 1280, height: 800, org: 'Mottagningen barn och unga, Nacka', newPhone: '08-465 004 98' },
  { name: 'phone', width: 390, height: 844, org: 'Sydostjouren', newPhone: '08-465 004 97' },
] as const;

/** Privileged users (admin) pass the one-time-code step too. */
function logIn(page: Page, username: string) {
  return logInThroughPage(page, server.url, username);
}

async function openView(page: Page, name: string) {
  const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
  await menu.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  assert.equal(await menu.getByRole('link', { name, exact: true }).getAttribute('aria-current'), 'page');
  assert.match(await page.title(), new RegExp(`^${name} – envagin$`));
}

for (const viewport of viewports) {
  describe(`admin screens on a ${viewport.name}`, () => {
    test('directory, contact edit with history, agreements and coverage', async () => {
      const page = await browser.newPage({ viewport, locale: 'sv-SE', timezoneId: 'UTC' });
      await logIn(page, 'admin');
      const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
      assert.equal(await menu.getByRole('link', { name: 'Startsida' }).getAttribute('aria-current'), 'page');
      assert.deepEqual(await axeViolations(page), []);

      // Katalog: the 26 county municipalities, then one organisation's chain and week.
      await openView(page, 'Katalog');
      const table = page.getByRole('table', { name: 'Kommuner i Stockholms län' });
      await table.waitFor();
      assert.equal(await table.locator('tbody tr').count(), 26);
      const nackaRow = table.getByRole('row', { name: /0182/ });
      assert.match(await nackaRow.innerText(), /Nacka[\s\S]*Sydostjouren[\s\S]*Ja/);
      assert.deepEqual(await axeViolations(page), []);

      await page.getByRole('button', { name: viewport.org, exact: true }).first().click();
      const detail = page.locator('section.detail');
      await detail.getByRole('heading', { level: 2, name: viewport.org }).waitFor();
      assert.ok((await detail.getByRole('link', { name: /^08-465 004 \d\d$/ }).first().getAttribute('href'))?.startsWith('tel:+46846500'));
      const hoursText = await detail.innerText();
      if (viewport.name === 'laptop') {
        assert.match(hoursText, /Måndag\s+08:00–17:00/);
        assert.match(hoursText, /Söndag\s+Stängt/);
        assert.match(hoursText, /Stängt på helgdagar/);
        assert.match(hoursText, /Dag före helgdag: 08:00–13:00/);
      } else {
        assert.match(hoursText, /Medlemskommuner: Nacka, Tyresö, Värmdö/);
      }

      // A bad number: the server's field error appears beside that field, the general text above.
      const first = detail.getByRole('group', { name: 'Nummer 1' });
      await first.getByLabel('Telefon').fill('inte ett nummer');
      await detail.getByLabel('Anledning').fill('Prov');
      await detail.getByRole('button', { name: 'Spara kontaktkedjan' }).click();
      await detail.getByRole('alert').getByText('Uppgifterna är inte giltiga. Kontrollera de markerade fälten.').waitFor();
      await first.getByText('Ange ett telefonnummer').waitFor();
      assert.equal(await first.getByLabel('Telefon').getAttribute('aria-invalid'), 'true');
      assert.deepEqual(await axeViolations(page), []);

      // Reason missing: refused in the browser, beside the reason field.
      await first.getByLabel('Telefon').fill(viewport.newPhone);
      await detail.getByLabel('Anledning').fill('');
      await detail.getByRole('button', { name: 'Spara kontaktkedjan' }).click();
      await detail.getByText('Fältet måste fyllas i.').waitFor();

      // Reorder and add/remove rows, then save the real change.
      await detail.getByRole('button', { name: 'Lägg till nummer' }).click();
      await detail.getByRole('group', { name: 'Nummer 3' }).waitFor();
      await detail.getByRole('group', { name: 'Nummer 3' }).getByRole('button', { name: 'Ta bort' }).click();
      assert.equal(await detail.getByRole('group', { name: 'Nummer 3' }).count(), 0);
      await detail.getByRole('group', { name: 'Nummer 2' }).getByRole('button', { name: 'Flytta upp' }).click();
      await detail.getByRole('group', { name: 'Nummer 1' }).getByRole('button', { name: 'Flytta ner' }).click();
      assert.equal(await detail.getByRole('group', { name: 'Nummer 1' }).getByLabel('Telefon').inputValue(), viewport.newPhone);

      const reason = `Nytt nummer (${viewport.name})`;
      await detail.getByLabel('Anledning').fill(reason);
      await detail.getByRole('button', { name: 'Spara kontaktkedjan' }).click();
      await detail.getByRole('status').getByText('Kontaktkedjan är sparad.').waitFor();
      await detail.getByRole('link', { name: viewport.newPhone }).waitFor();
      const history = detail.getByRole('region', { name: 'Ändringshistorik' });
      await history.getByText(reason).waitFor();
      const entry = await history.getByRole('listitem').first().innerText();
      assert.match(entry, /Kontaktkedjan ändrad/);
      assert.match(entry, new RegExp(`→[^\\n]*${viewport.newPhone}`));
      assert.match(entry, /\d{2}:\d{2}/);
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, `admin-directory-${viewport.name}`);

      // Avtal: the register, with Nacka's decision.
      await openView(page, 'Avtal');
      const agreements = page.getByRole('table', { name: 'Samverkansavtal' });
      await agreements.waitFor();
      assert.match(await agreements.getByRole('row', { name: /Nacka/ }).innerText(), /SOCN-2024-00067/);
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, `admin-agreements-${viewport.name}`);

      // Täckning: 26 rows × 28 days, all covered in the demo data, and the empty state.
      await openView(page, 'Täckning');
      const heat = page.getByRole('table', { name: /Timmar utan täckning per kommun och dag/ });
      await heat.waitFor();
      assert.equal(await heat.locator('tbody tr').count(), 26);
      assert.equal(await heat.locator('tbody tr').first().locator('td').count(), 28);
      assert.equal(await heat.locator('td.cell-gap').count(), 0);
      await page.getByText('Inga täckningsluckor under perioden').waitFor();
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, `admin-coverage-${viewport.name}`);

      await page.getByLabel('Antal dagar').selectOption('7');
      // The old 28 days stay on screen until the new period has loaded.
      await page.waitForFunction(() => document.querySelector('table.heatmap tbody tr')?.querySelectorAll('td').length === 7);
      assert.equal(await heat.locator('tbody tr').first().locator('td').count(), 7);

      // The address names the screen only, survives a reload, and back returns to Avtal.
      assert.equal(new URL(page.url()).pathname, '/tackning');
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Täckning' }).waitFor();
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Avtal' }).waitFor();
      assert.doesNotMatch(page.url(), /admin|envagin-demo|\d{4}-\d{2}/);
      await page.close();
    });
  });
}

describe('users without directory write access', () => {
  test('hub gets its queue but no admin screens and no contact editing, even at /katalog', async () => {
    const page = await browser.newPage({ viewport: viewports[0], locale: 'sv-SE' });
    await logIn(page, 'hub');
    const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
    assert.deepEqual(await menu.getByRole('link').allInnerTexts(), ['Startsida', 'Kö', 'Förfrågningar']);
    await page.goto(`${server.url}/katalog`);
    await page.getByRole('heading', { name: 'Startsida' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Katalog' }).count(), 0);
    assert.equal(await page.getByText('Ändra kontaktkedja').count(), 0);
    await page.close();
  });

  test('hubchef (coverage.read, access.approve) sees Täckning and Godkännanden but not Katalog', async () => {
    const page = await browser.newPage({ viewport: viewports[1], locale: 'sv-SE' });
    await logIn(page, 'hubchef');
    const menu = page.getByRole('navigation', { name: 'Huvudmeny' });
    assert.deepEqual(await menu.getByRole('link').allInnerTexts(), ['Startsida', 'Kö', 'Översikt', 'Förfrågningar', 'Täckning', 'Godkännanden']);
    await openView(page, 'Täckning');
    await page.getByText('Inga täckningsluckor under perioden').waitFor();
    assert.deepEqual(await axeViolations(page), []);
    await page.close();
  });
});
