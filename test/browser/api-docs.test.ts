// Issue 22 item 8: the API docs page works under its policy, which allows no inline script. A
// real Chromium loads /api/docs, the Swagger UI renders the operations from /api/openapi.json,
// and the browser reports no violation of the Content-Security-Policy.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { buildTestApp, type TestApp } from '../../src/test/app.ts';
import { chromiumAvailable, launchBrowser } from '../support/browser.ts';

let t: TestApp;
let browser: Browser;
let base = '';

before(async () => {
  t = await buildTestApp();
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  if (chromiumAvailable()) browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await t.close();
});

test('the Swagger UI renders the operations with no inline script allowed', { skip: !chromiumAvailable() && 'no Chromium' }, async () => {
  const page = await browser.newPage();
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto(`${base}/api/docs/`);
  assert.ok(res && res.status() < 400, String(res?.status()));
  assert.doesNotMatch(res!.headers()['content-security-policy'] ?? '', /script-src[^;]*unsafe-inline/);
  await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
  assert.ok((await page.locator('.opblock').count()) > 10, 'the operations are listed');
  assert.deepEqual(violations, []);
  await page.close();
});
