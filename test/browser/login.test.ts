// A user's first minute, in a real browser against the real server: open the app, see the
// Swedish login page, log in as a demo user, see the start page; all of it WCAG 2.1 AA clean.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, chromiumAvailable, launchBrowser, screenshot, watchCspViolations } from '../support/browser.ts';
import { waitForFreshDemoCode } from '../support/totp.ts';
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

for (const viewport of [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]) {
  describe(`login on a ${viewport.name}`, () => {
    test('wrong password shows a Swedish error; the demo user gets the start page', async () => {
      const page = await browser.newPage({ viewport, locale: 'sv-SE' });
      const cspViolations = await watchCspViolations(page);
      await page.goto(server.url);
      assert.equal(await page.getAttribute('html', 'lang'), 'sv');
      await page.getByRole('heading', { name: 'Logga in' }).waitFor();
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, `login-${viewport.name}`);

      await page.getByLabel('Användarnamn').fill('hub');
      await page.getByLabel('Lösenord').fill('fel-lösenord');
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByRole('alert').getByText('Fel användarnamn eller lösenord.').waitFor();

      await page.getByLabel('Lösenord').fill('envagin-demo');
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByRole('heading', { name: 'Startsida' }).waitFor();
      const text = await page.locator('body').innerText();
      assert.match(text, /Handläggare, socialjouren/);
      assert.match(text, /Stockholms stads socialjour/);
      assert.doesNotMatch(page.url(), /hub|envagin-demo/, 'no user data in the URL');
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, `start-${viewport.name}`);

      // The session survives a reload, and logging out returns to the login page.
      await page.reload();
      await page.getByRole('heading', { name: 'Startsida' }).waitFor();
      await page.getByRole('button', { name: 'Logga ut' }).click();
      await page.getByRole('heading', { name: 'Logga in' }).waitFor();
      assert.deepEqual(await cspViolations(), [], 'no Content-Security-Policy violations on the login and start pages');
      await page.close();
    });

    test('a privileged user gives the one-time code ("Engångskod") after the password', async () => {
      const page = await browser.newPage({ viewport, locale: 'sv-SE' });
      const cspViolations = await watchCspViolations(page);
      await page.goto(server.url);
      await page.getByLabel('Användarnamn').fill('admin');
      await page.getByLabel('Lösenord').fill('envagin-demo');
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByRole('heading', { name: 'Engångskod' }).waitFor();
      const input = page.getByLabel('Engångskod');
      assert.equal(await input.getAttribute('inputmode'), 'numeric');
      assert.equal(await input.getAttribute('autocomplete'), 'one-time-code');
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, `login-code-${viewport.name}`);

      await input.fill('000000');
      await page.getByRole('button', { name: 'Verifiera' }).click();
      await page.getByRole('alert').getByText('Engångskoden stämmer inte').waitFor();
      // A reload keeps the half-finished login at the code step.
      await page.reload();
      await page.getByRole('heading', { name: 'Engångskod' }).waitFor();
      await page.getByLabel('Engångskod').fill(await waitForFreshDemoCode('admin'));
      await page.getByRole('button', { name: 'Verifiera' }).click();
      await page.getByRole('heading', { name: 'Startsida' }).waitFor();
      assert.match(await page.locator('body').innerText(), /Administratör/);
      assert.deepEqual(await cspViolations(), []);
      await page.getByRole('button', { name: 'Logga ut' }).click();
      await page.getByRole('heading', { name: 'Logga in' }).waitFor();
      await page.close();
    });
  });
}
