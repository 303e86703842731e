// Every kind of bad input at the HTTP layer gets a 4xx problem+json with a stable code: never a
// 500, never a stack trace.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, logInAs, type TestApp } from '../test/app.ts';
import { validReport } from '../test/reports.ts';

let t: TestApp;
before(async () => {
  // The server's own parsing of broken input: not through Prism, which would re-parse it first.
  t = await buildTestApp({}, undefined, { prism: false });
});
after(() => t.close());

function assertProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  assert.equal(body.code, code);
  assert.equal(body.status, status);
  assert.equal(typeof body.title, 'string');
  assert.equal(typeof body.detail, 'string');
  assert.match(String(body.type), /^urn:envagin:problem:/);
  assert.doesNotMatch(res.body, /\bat .+\.(ts|js):\d+/, 'no stack trace');
  return body;
}

const login = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers });

describe('bad input at the HTTP layer', () => {
  test('malformed JSON', async () => {
    assertProblem(await login('{"username": "hub",'), 400, 'MALFORMED_BODY');
  });
  test('empty JSON body', async () => {
    assertProblem(await login(''), 400, 'MALFORMED_BODY');
  });
  test('a NUL character anywhere in a body or query string (PostgreSQL cannot store it)', async () => {
    const polis = await logInAs(t.app, 'polis');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': 'nul-character-1', 'content-type': 'application/json' },
      payload: JSON.stringify({ ...validReport(), gangRisk: { types: ['recruited'], description: 'före\u0000efter' } }),
    });
    const body = assertProblem(res, 400, 'VALIDATION_FAILED');
    assert.deepEqual((body.errors as { path: string }[]).map((e) => e.path), ['body.gangRisk.description']);
    assertProblem(await t.app.inject({ method: 'GET', url: '/api/v1/cases?status=open&cursor=%00', headers: { cookie: polis.cookie } }), 400, 'VALIDATION_FAILED');
  });
  test('a list cursor whose case id is not a uuid', async () => {
    const polis = await logInAs(t.app, 'polis');
    const cursor = Buffer.from(JSON.stringify({ receivedAt: '2026-11-27T22:00:00.000Z', id: 'not-a-uuid' })).toString('base64url');
    assertProblem(await t.app.inject({ method: 'GET', url: `/api/v1/cases?status=open&cursor=${cursor}`, headers: { cookie: polis.cookie } }), 400, 'VALIDATION_FAILED');
  });
  test('JSON that is not an object', async () => {
    assertProblem(await login('[1,2,3]'), 400, 'VALIDATION_FAILED');
    assertProblem(await login('null'), 400, 'VALIDATION_FAILED');
    assertProblem(await login('"text"'), 400, 'VALIDATION_FAILED');
  });
  test('wrong types name the failing field', async () => {
    const body = assertProblem(await login(JSON.stringify({ username: 42, password: true })), 400, 'VALIDATION_FAILED');
    const paths = (body.errors as { path: string }[]).map((e) => e.path).sort();
    assert.deepEqual(paths, ['body.password', 'body.username']);
  });
  test('missing fields', async () => {
    const body = assertProblem(await login('{}'), 400, 'VALIDATION_FAILED');
    assert.ok((body.errors as unknown[]).length >= 2);
  });
  test('unknown fields are rejected, not ignored', async () => {
    const body = assertProblem(
      await login(JSON.stringify({ username: 'hub', password: 'x', role: 'admin' })),
      400,
      'VALIDATION_FAILED',
    );
    assert.match(JSON.stringify(body.errors), /role/);
  });
  test('oversized body', async () => {
    const big = JSON.stringify({ username: 'hub', password: 'x'.repeat(300 * 1024) });
    assertProblem(await login(big), 413, 'PAYLOAD_TOO_LARGE');
  });
  test('overlong strings within the size limit', async () => {
    assertProblem(await login(JSON.stringify({ username: 'u'.repeat(5000), password: 'x' })), 400, 'VALIDATION_FAILED');
  });
  test('unsupported media types', async () => {
    assertProblem(await login('username=hub&password=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    assertProblem(await login('hello', { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    assertProblem(await login('<x/>', { 'content-type': 'application/xml' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });
  test('POST without a body', async () => {
    assertProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login' }), 400, 'VALIDATION_FAILED');
  });
  test('prototype pollution attempts are rejected', async () => {
    assertProblem(await login('{"__proto__": {"admin": true}, "username": "hub", "password": "x"}'), 400, 'MALFORMED_BODY');
  });
  test('invalid UTF-8 and control bytes', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    });
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, res.body);
  });
  test('unknown API route', async () => {
    assertProblem(await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' }), 404, 'NOT_FOUND');
    assertProblem(await t.app.inject({ method: 'DELETE', url: '/api/v1/auth/login' }), 404, 'NOT_FOUND');
  });
  test('malformed URL encoding', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/%E0%A4%A' });
    assert.ok([400, 404].includes(res.statusCode), res.body);
    assert.match(String(res.headers['content-type']), /problem\+json/);
  });
  test('protected routes without a session', async () => {
    assertProblem(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' }), 401, 'UNAUTHENTICATED');
    assertProblem(
      await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: 'envagin_session=forged' } }),
      401,
      'UNAUTHENTICATED',
    );
  });
  test('unsafe requests without the CSRF token', async () => {
    const hub = await logInAs(t.app, 'hub');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: hub.cookie } });
    assertProblem(res, 403, 'CSRF_REJECTED');
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: hub.cookie, 'x-csrf-token': 'not-the-token' },
    });
    assertProblem(wrong, 403, 'CSRF_REJECTED');
  });
  test('a given request id is echoed, a bad one replaced', async () => {
    const good = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'abc-12345678' } });
    assert.equal(good.headers['x-request-id'], 'abc-12345678');
    const bad = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': '<script>' } });
    assert.notEqual(bad.headers['x-request-id'], '<script>');
    assert.match(String(bad.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });
});
