import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../test/app.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

describe('operational endpoints', () => {
  test('/health answers while the process is up', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  test('/ready reports the database reachable and migrated', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/ready' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().status, 'ready');
    assert.deepEqual(res.json().checks, { database: true, migrations: true });
  });

  test('/metrics is Prometheus text with request durations by route', async () => {
    await t.app.inject({ method: 'GET', url: '/health' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/plain/);
    assert.match(res.body, /envagin_http_request_duration_seconds_bucket\{[^}]*route="\/health"/);
    assert.match(res.body, /envagin_process_cpu_seconds_total/);
  });

  test('OpenAPI 3.1 lists every API operation', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, '3.1.0');
    for (const path of ['/api/v1/auth/login', '/api/v1/auth/me', '/api/v1/auth/logout', '/health', '/ready']) {
      assert.ok(doc.paths[path], `missing ${path}`);
    }
    const login = doc.paths['/api/v1/auth/login'].post;
    assert.ok(login.requestBody.content['application/json'].schema.properties.username);
  });

  test('the docs UI is browsable without logging in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /swagger/i);
  });

  test('/ready is 503 once the database is gone', async () => {
    const { createTestDatabase } = await import('../../test/db.ts');
    const { buildApp } = await import('../../http/app.ts');
    const { loadConfig } = await import('../../config.ts');
    const db = await createTestDatabase();
    const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database: db.database });
    await db.drop();
    const res = await app.inject({ method: 'GET', url: '/ready' });
    assert.equal(res.statusCode, 503);
    assert.equal(res.json().status, 'not_ready');
    await app.close();
  });
});
