// Every kind of response carries the security headers: API JSON, problem+json errors, the web
// app's HTML and assets, operational endpoints; the API docs UI gets its own scoped policy.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../test/app.ts';
import { appCsp } from './security-headers.ts';

let t: TestApp;
let secure: TestApp;
before(async () => {
  t = await buildTestApp();
  secure = await buildTestApp({ COOKIE_SECURE: 'true' });
});
after(async () => {
  // The app's close() fails on a Prism contract break (ENVAGIN_TEST_PRISM=1); the rest is closed anyway.
  try {
    await t.close();
  } finally {
    await secure.close();
  }
});

const html = { accept: 'text/html' };

describe('security headers', () => {
  const cases: [string, string, Record<string, string>?][] = [
    ['API', '/api/v1/system/info'],
    ['problem+json (401)', '/api/v1/directory'],
    ['unknown API path (404)', '/api/v1/nope'],
    ['web app shell', '/', html],
    ['client route', '/katalog', html],
    ['health', '/health'],
  ];
  for (const [name, url, headers] of cases) {
    test(name, async () => {
      const res = await t.app.inject({ method: 'GET', url, headers });
      assert.equal(res.headers['content-security-policy'], appCsp);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['referrer-policy'], 'no-referrer');
      assert.equal(res.headers['x-frame-options'], 'DENY');
      assert.match(String(res.headers['permissions-policy']), /camera=\(\)/);
      assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
    });
  }

  test('the app policy allows no inline script or style and no framing', () => {
    assert.doesNotMatch(appCsp, /unsafe-inline|unsafe-eval/);
    assert.match(appCsp, /frame-ancestors 'none'/);
    assert.match(appCsp, /script-src 'self'(;|$)/);
    assert.match(appCsp, /style-src 'self'(;|$)/);
  });

  test('the API docs UI gets its own looser policy, scoped to its routes', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' , headers: html });
    assert.ok(docs.statusCode < 400, String(docs.statusCode));
    // The Swagger UI page loads its scripts from files: no inline script is allowed (issue 22 item 8).
    assert.match(String(docs.headers['content-security-policy']), /script-src 'self'(;|$)/);
    assert.doesNotMatch(String(docs.headers['content-security-policy']), /unsafe-eval/);
    assert.match(String(docs.headers['content-security-policy']), /frame-ancestors 'none'/);
  });

  test('static files (served by @fastify/static, here the docs UI’s script) carry them too', async () => {
    const js = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
    assert.equal(js.statusCode, 200);
    assert.equal(js.headers['x-content-type-options'], 'nosniff');
    assert.equal(js.headers['x-frame-options'], 'DENY');
    assert.match(String(js.headers['content-security-policy']), /script-src 'self'(;|$)/);
  });

  test('HSTS when cookies are Secure (HTTPS)', async () => {
    const res = await secure.app.inject({ method: 'GET', url: '/health' });
    assert.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
  });
});
