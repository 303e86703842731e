// The idle timeout in a real browser: with a 30-second idle window and a 20-second warning, the
// dialog "Du loggas snart ut" appears after about 10 s; "Fortsätt arbeta" extends the session
// on the server; left alone, the app logs out at expiry and says why.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, chromiumAvailable, launchBrowser, logInThroughPage } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;

before(async () => {
  assert.ok(chromiumAvailable(), 'Chromium is needed: apt-get install -y chromium');
  server = await startServer({ SESSION_IDLE_MINUTES: '0.5', SESSION_WARNING_SECONDS: '20' }, { prism: false });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('warns before idle expiry, extends on "Fortsätt arbeta", logs out at expiry', { timeout: 120_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'sv-SE' });
  await logInThroughPage(page, server.url, 'hub');
  const dialog = page.getByRole('alertdialog', { name: 'Du loggas snart ut' });
  await dialog.waitFor({ timeout: 20_000 });
  const continueButton = dialog.getByRole('button', { name: 'Fortsätt arbeta' });
  assert.ok(await continueButton.evaluate((el) => el === document.activeElement), 'focus moves to the dialog');
  assert.deepEqual(await axeViolations(page), []);

  const [me] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/me')), continueButton.click()]);
  assert.equal(me.status(), 200);
  await dialog.waitFor({ state: 'hidden' });
  assert.equal(await page.getByRole('heading', { name: 'Startsida' }).isVisible(), true);

  // Left alone: the warning comes back, then the app logs out and tells why.
  await dialog.waitFor({ timeout: 20_000 });
  await page.getByText('Du har loggats ut eftersom du inte varit aktiv på en stund.').waitFor({ timeout: 30_000 });
  await page.getByRole('heading', { name: 'Logga in' }).waitFor();
  const after = await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.status));
  assert.equal(after, 401, 'the server session is gone too');
  await page.close();
});
