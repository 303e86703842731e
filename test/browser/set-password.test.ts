// Issue 22 item 1 in a real browser: an admin creates an analyst without choosing a password; the
// invitation reaches a real SMTP server; the new user opens the link, chooses a password on the
// Swedish page (WCAG 2.1 AA clean), logs in with it; the link does not work twice.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { axeViolations, chromiumAvailable, launchBrowser, logInThroughPage, screenshot } from '../support/browser.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer;
let browser: Browser;
let smtp: SMTPServer;
const mails: { to: string; text: string }[] = [];

before(async () => {
  assert.ok(chromiumAvailable(), 'Chromium is needed: apt-get install -y chromium');
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text: raw.replace(/=\r?\n/g, '') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  server = await startServer({ SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}` }, { prism: false });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function invitationToken(to: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mail = mails.find((m) => m.to === to);
    const token = mail && /\/konto\/losenord#([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];
    if (token) return token;
    if (Date.now() > deadline) assert.fail(`no invitation mailed to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('an invited user chooses their own password through the e-mailed link and logs in', async () => {
  const admin = await browser.newPage({ locale: 'sv-SE' });
  await logInThroughPage(admin, server.url, 'admin');
  await admin.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Användare', exact: true }).click();
  await admin.getByRole('button', { name: 'Ny användare' }).click();
  const form = admin.getByRole('region', { name: 'Ny användare' });
  await form.getByLabel('Användarnamn').fill('inbjuden.analytiker');
  await form.getByRole('textbox', { name: 'Namn', exact: true }).fill('Inbjuden Analytiker');
  await form.getByLabel(/^E-post/).fill('inbjuden@example.se');
  await form.getByLabel('Roll', { exact: true }).selectOption({ label: 'Analytiker' });
  assert.equal(await form.locator('input[type="password"]').count(), 0, 'the admin is offered no password field');
  await form.getByRole('button', { name: 'Skapa användare' }).click();
  await admin.getByText('Inbjuden Analytiker är skapad och har fått en inbjudan per e-post', { exact: false }).waitFor();

  const token = await invitationToken('inbjuden@example.se');
  const user = await browser.newPage({ locale: 'sv-SE' });
  await user.goto(`${server.url}/konto/losenord#${token}`);
  await user.getByRole('heading', { name: 'Välj ditt lösenord' }).waitFor();
  await user.getByText('Konto: Inbjuden Analytiker (inbjuden.analytiker)', { exact: false }).waitFor();
  assert.doesNotMatch(user.url(), new RegExp(token), 'the token leaves the address bar');
  assert.deepEqual(await axeViolations(user), []);
  await user.getByLabel('Nytt lösenord').fill('mitt-eget-långa-lösenord');
  await user.getByLabel('Upprepa lösenordet').fill('ett-annat-långt-lösenord');
  await user.getByRole('button', { name: 'Spara lösenordet' }).click();
  await user.getByText('Lösenorden är inte lika.').waitFor();
  await user.getByLabel('Upprepa lösenordet').fill('mitt-eget-långa-lösenord');
  await user.getByRole('button', { name: 'Spara lösenordet' }).click();
  await user.getByText('Lösenordet är sparat.', { exact: false }).waitFor();
  await screenshot(user, 'set-password-done');
  await user.getByRole('button', { name: 'Till inloggningen' }).click();
  await logInThroughPage(user, server.url, 'inbjuden.analytiker', 'mitt-eget-långa-lösenord');

  const again = await browser.newPage({ locale: 'sv-SE' });
  await again.goto(`${server.url}/konto/losenord#${token}`);
  await again.getByText('Länken är ogiltig, redan använd eller har gått ut.', { exact: false }).waitFor();
});
