// Issue 22, items 2 and 11: demo mode only when asked for; outside it the server needs its own
// secrets, lets no demo user in, sets Secure __Host- cookies, and serves metrics and the system
// details to no stranger.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadConfig, requireSecrets } from '../../config.ts';
import { buildApp, type App } from '../../http/app.ts';
import { listenForMetrics } from '../../http/metrics-listener.ts';
import { buildTestApp, logInAs, type TestApp } from '../../test/app.ts';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { buildUser } from '../../test/factories.ts';
import { hashPassword } from '../auth/password.ts';
import { seedDemo } from '../directory/seed-demo.ts';
import { DEMO_PASSWORD } from '../directory/demo-people.ts';

const keys = { AUDIT_PERSON_KEY: 'a'.repeat(40), SECRETS_KEY: 's'.repeat(40) };
const METRICS_TOKEN = 'm'.repeat(40);

describe('configuration', () => {
  test('nothing set: not demo, Secure cookies, and the missing secrets named', () => {
    const config = loadConfig({});
    assert.equal(config.demoMode, false);
    assert.equal(config.cookieSecure, true);
    assert.deepEqual(config.missingSecrets, ['AUDIT_PERSON_KEY', 'SECRETS_KEY']);
    assert.throws(() => requireSecrets(config), (e: Error) => e instanceof ConfigError && /AUDIT_PERSON_KEY/.test(e.message) && /SECRETS_KEY/.test(e.message) && /--demo/.test(e.message));
    assert.deepEqual(config.metrics, { open: false, token: null, listener: null }, 'no metrics unless configured');
    assert.notEqual(config.auditPersonKey, loadConfig({}).auditPersonKey, 'a missing key is never a published one');
    assert.deepEqual(loadConfig({ SECRETS_KEY: keys.SECRETS_KEY }).missingSecrets, ['AUDIT_PERSON_KEY']);
    assert.doesNotThrow(() => requireSecrets(loadConfig(keys)));
  });

  test('demo only when asked for, by --demo or DEMO_MODE', () => {
    for (const config of [loadConfig({}, { demo: true }), loadConfig({ DEMO_MODE: 'true' }), loadConfig({ DEMO_MODE: '1' })]) {
      assert.equal(config.demoMode, true);
      assert.deepEqual(config.missingSecrets, []);
      assert.equal(config.cookieSecure, false, 'plain http on localhost');
      assert.equal(config.metrics.open, true);
    }
    assert.equal(loadConfig({ NODE_ENV: 'development' }).demoMode, false, 'NODE_ENV decides nothing');
    assert.equal(loadConfig({ DEMO_MODE: 'true', COOKIE_SECURE: 'true' }).cookieSecure, true);
    assert.throws(() => loadConfig({ DEMO_MODE: 'false' }, { demo: true }), /DEMO_MODE: false, but --demo was given/);
    assert.throws(() => loadConfig({ ...keys, COOKIE_SECURE: 'false' }), /COOKIE_SECURE: cookies are always Secure outside demo mode/);
    assert.throws(
      () => loadConfig({ ...keys, OIDC_ISSUER: 'http://idp.example', OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y'.repeat(16), OIDC_REDIRECT_URI: 'https://e.example/cb' }),
      /OIDC_ISSUER: must be https:\/\/ outside demo mode/,
    );
    const metrics = loadConfig({ ...keys, METRICS_PORT: '9464', METRICS_TOKEN }).metrics;
    assert.deepEqual(metrics, { open: false, token: METRICS_TOKEN, listener: { host: '127.0.0.1', port: 9464 } });
  });
});

describe('an installation outside demo mode', () => {
  let testDb: TestDatabase;
  let app: App;
  let tokenApp: App;
  before(async () => {
    testDb = await createTestDatabase();
    // Demo users in the database (seeded by hand) must still not get in outside demo mode.
    await seedDemo(testDb.database.db, loadConfig({ DEMO_MODE: 'true' }).secrets);
    app = await buildApp({ config: loadConfig({ ...keys, LOG_LEVEL: 'silent' }), database: testDb.database });
    tokenApp = await buildApp({ config: loadConfig({ ...keys, LOG_LEVEL: 'silent', METRICS_TOKEN }), database: testDb.database });
  });
  after(async () => {
    await app.close();
    await tokenApp.close();
    await testDb.drop();
  });

  test('a demo user cannot log in, with the same answer as a wrong password', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'hub', password: DEMO_PASSWORD } });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'INVALID_CREDENTIALS');
  });

  test('the session cookie is Secure, __Host- prefixed, Path=/ and without Domain, and it works', async () => {
    const user = await buildUser(testDb.database.db, { username: 'riktig.anvandare', passwordHash: await hashPassword('ett-långt-lösenord') });
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: 'ett-långt-lösenord' } });
    assert.equal(res.statusCode, 200, res.body);
    const setCookie = String(res.headers['set-cookie']);
    assert.match(setCookie, /^__Host-envagin_session=[^;]+;/);
    assert.match(setCookie, /; Secure/);
    assert.match(setCookie, /; Path=\//);
    assert.match(setCookie, /; HttpOnly/);
    assert.match(setCookie, /; SameSite=Strict/);
    assert.doesNotMatch(setCookie, /Domain=/i);
    const cookie = setCookie.split(';')[0]!;
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode, 200);
    const plainName = `envagin_session=${cookie.slice(cookie.indexOf('=') + 1)}`;
    assert.equal((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: plainName } })).statusCode, 401, 'only the __Host- cookie counts');
    assert.match(String(res.headers['strict-transport-security']), /max-age=/);
  });

  test('/metrics is not served without a token; with METRICS_TOKEN only for that bearer token', async () => {
    assert.equal((await app.inject({ method: 'GET', url: '/metrics' })).statusCode, 404);
    const none = await tokenApp.inject({ method: 'GET', url: '/metrics' });
    assert.equal(none.statusCode, 401);
    assert.match(String(none.headers['www-authenticate']), /^Bearer/);
    assert.equal((await tokenApp.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${'x'.repeat(40)}` } })).statusCode, 401);
    const ok = await tokenApp.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.body, /envagin_process_cpu_seconds_total/);
  });

  test('system info tells a stranger only what the login page needs', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/system/info' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { demoMode: false, oidc: false });
  });
});

describe('demo mode', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  test('system info: the database kind for an admin only', async () => {
    assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/v1/system/info' })).json(), { demoMode: true, oidc: false });
    const hub = await logInAs(t.app, 'hub');
    assert.equal((await hub.request('GET', '/api/v1/system/info')).json().database, undefined);
    const admin = await logInAs(t.app, 'admin');
    assert.match((await admin.request('GET', '/api/v1/system/info')).json().database, /^(pglite|postgres)$/);
  });
});

test('the metrics listener serves /metrics and nothing else', async () => {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = probe.address() as { port: number };
      probe.close(() => resolve(p));
    });
  });
  const t = await buildTestApp();
  const server = await listenForMetrics(t.app.metrics, { host: '127.0.0.1', port });
  try {
    const ok = await fetch(`http://127.0.0.1:${port}/metrics`);
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /envagin_process_cpu_seconds_total/);
    assert.equal((await fetch(`http://127.0.0.1:${port}/api/v1/system/info`)).status, 404);
  } finally {
    server.close();
    server.closeAllConnections();
    await t.close();
  }
});
