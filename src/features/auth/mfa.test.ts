// The second factor through HTTP against a real database, and the new session it issues.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { auditLog, users } from '../../db/schema.ts';
import { buildTestApp, sessionCookieOf, type TestApp } from '../../test/app.ts';
import { currentDemoCode, freshDemoCode } from '../../test/totp.ts';
import { DEMO_PASSWORD } from '../directory/demo-people.ts';
import { totpCode, totpStep } from './totp.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

interface Pending {
  cookie: string;
  csrf: string;
  body: { mfaRequired: boolean; mfaEnrolled: boolean };
  call(method: 'GET' | 'POST', url: string, payload?: object): Promise<LightMyRequestResponse>;
}

async function login(username: string, password = DEMO_PASSWORD): Promise<Pending> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  assert.equal(res.statusCode, 200, res.body);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const body = res.json();
  return {
    cookie,
    csrf: body.csrfToken,
    body,
    call: (method, url, payload) =>
      t.app.inject({ method, url, headers: { cookie, 'x-csrf-token': body.csrfToken }, ...(payload ? { payload } : {}) }),
  };
}

const db = () => t.testDb.database.db;
async function actionsFor(userId: string) {
  const rows = await db().select({ action: auditLog.action, details: auditLog.details }).from(auditLog).where(eq(auditLog.subjectId, userId)).orderBy(desc(auditLog.id));
  return rows;
}
async function userRow(username: string) {
  const [row] = await db().select().from(users).where(eq(users.username, username));
  return row!;
}

describe('TOTP for privileged roles', () => {
  test('hubchef, admin and revisor must give a code; the others need none', async () => {
    for (const [username, required] of [['hubchef', true], ['admin', true], ['revisor', true], ['hub', false], ['polis', false], ['analytiker', false]] as const) {
      const s = await login(username);
      assert.equal(s.body.mfaRequired, required, username);
    }
  });

  test('a session waiting for its code reaches only me, the TOTP endpoints and logout', async () => {
    const s = await login('admin');
    assert.equal(s.body.mfaEnrolled, true, 'the demo admin comes enrolled');
    const blocked = await s.call('GET', '/api/v1/directory');
    assert.equal(blocked.statusCode, 403);
    assert.equal(blocked.json().code, 'MFA_REQUIRED');
    assert.match(blocked.headers['content-type'] as string, /problem\+json/);
    const me = await s.call('GET', '/api/v1/auth/me');
    assert.equal(me.statusCode, 200);
    assert.equal(me.json().mfaRequired, true);

    const wrong = await s.call('POST', '/api/v1/auth/totp/verify', { code: '000000' === currentDemoCode() ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().code, 'INVALID_MFA_CODE');

    const ok = await s.call('POST', '/api/v1/auth/totp/verify', { code: freshDemoCode('admin')! });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().mfaRequired, false);
    const cookie = sessionCookieOf(ok);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/directory', headers: { cookie } })).statusCode, 200);
    const [last] = await actionsFor((await userRow('admin')).id);
    assert.equal(last!.action, 'auth.mfa_verified');
    assert.equal((await userRow('admin')).failedLoginCount, 0, 'the good code ends the run of failures');

    const again = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/verify', headers: { cookie, 'x-csrf-token': ok.json().csrfToken }, payload: { code: '123456' } });
    assert.equal(again.statusCode, 409, 'a verified session has nothing to verify');
  });

  test('the code completes the login with a new session token and CSRF token: the ones from before the code are dead', async () => {
    const s = await login('revisor');
    const ok = await s.call('POST', '/api/v1/auth/totp/verify', { code: freshDemoCode('revisor')! });
    assert.equal(ok.statusCode, 200, ok.body);
    const cookie = sessionCookieOf(ok);
    const csrf = ok.json().csrfToken as string;
    assert.notEqual(cookie, s.cookie, 'a new session token');
    assert.notEqual(csrf, s.csrf, 'a new CSRF token');
    assert.match(String(ok.headers['set-cookie']), /HttpOnly/i);

    // The token from before the code (which someone could have planted or seen) reaches nothing.
    const old = await s.call('GET', '/api/v1/auth/me');
    assert.equal(old.statusCode, 401, 'the pre-code token is dead');
    assert.equal((await s.call('POST', '/api/v1/audit/search', { limit: 1 })).statusCode, 401);
    // The new one works, with the new CSRF token only.
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/audit/search', headers: { cookie, 'x-csrf-token': csrf }, payload: { limit: 1 } })).statusCode, 200);
    const staleCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': s.csrf } });
    assert.equal(staleCsrf.statusCode, 403);
    assert.equal(staleCsrf.json().code, 'CSRF_REJECTED');
    const [verified] = await actionsFor((await userRow('revisor')).id);
    assert.equal(verified!.details.sessionRotated, true);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrf } })).statusCode, 204);
  });

  test('a change of role or organisation ends the user’s sessions, whatever path made it', async () => {
    const s = await login('hub');
    assert.equal((await s.call('GET', '/api/v1/auth/me')).statusCode, 200);
    // Straight in the database (as an approval or an IdP's claims would change it): the trigger ends the sessions.
    await db().update(users).set({ role: 'hub.supervisor' }).where(eq(users.username, 'hub'));
    try {
      assert.equal((await s.call('GET', '/api/v1/auth/me')).statusCode, 401, 'the token from before the change is dead');
      const other = await login('nacka');
      await db().update(users).set({ displayName: 'Nytt namn' }).where(eq(users.username, 'nacka'));
      assert.equal((await other.call('GET', '/api/v1/auth/me')).statusCode, 200, 'other changes leave sessions alone');
      await db().update(users).set({ orgId: 'intake-0114' }).where(eq(users.username, 'nacka'));
      assert.equal((await other.call('GET', '/api/v1/auth/me')).statusCode, 401, 'a new organisation ends them too');
    } finally {
      await db().update(users).set({ role: 'hub.handler' }).where(eq(users.username, 'hub'));
      await db().update(users).set({ orgId: 'intake-0182' }).where(eq(users.username, 'nacka'));
    }
  });

  test('a code is accepted once: replaying it in another session is refused', async () => {
    const code = freshDemoCode('revisor')!;
    const first = await login('revisor');
    assert.equal((await first.call('POST', '/api/v1/auth/totp/verify', { code })).statusCode, 200);
    const second = await login('revisor');
    const replay = await second.call('POST', '/api/v1/auth/totp/verify', { code });
    assert.equal(replay.statusCode, 401);
    assert.equal(replay.json().code, 'INVALID_MFA_CODE');
    const [last] = await actionsFor((await userRow('revisor')).id);
    assert.equal(last!.action, 'auth.mfa_failed');
    assert.equal(last!.details.replay, true);
  });

  test('enrolment: setup returns the secret once, the first good code confirms it', async () => {
    const demoSecret = (await userRow('hubchef')).totpSecret;
    await db().update(users).set({ totpSecret: null, totpEnabledAt: null }).where(eq(users.username, 'hubchef'));
    const s = await login('hubchef');
    assert.deepEqual([s.body.mfaRequired, s.body.mfaEnrolled], [true, false]);
    const setup = await s.call('POST', '/api/v1/auth/totp/setup');
    assert.equal(setup.statusCode, 200, setup.body);
    const { secret, otpauthUri } = setup.json();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    assert.ok(otpauthUri.startsWith('otpauth://totp/envagin:hubchef?secret='));
    assert.equal((await userRow('hubchef')).totpEnabledAt, null, 'pending until a code is verified');
    const stored = (await userRow('hubchef')).totpSecret!;
    assert.match(stored, /^sealed:v1:/, 'stored sealed');
    assert.ok(!stored.includes(secret), 'not in clear');

    const ok = await s.call('POST', '/api/v1/auth/totp/verify', { code: totpCode(secret, totpStep(new Date())) });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.ok((await userRow('hubchef')).totpEnabledAt, 'enrolled');
    const later = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: { cookie: sessionCookieOf(ok), 'x-csrf-token': ok.json().csrfToken } });
    assert.equal(later.statusCode, 409, 'the secret is never shown again');
    // Restore the demo secret for the other tests.
    await db().update(users).set({ totpSecret: demoSecret }).where(eq(users.username, 'hubchef'));
  });

  test('users without a privileged role cannot enrol', async () => {
    const s = await login('hub');
    assert.equal((await s.call('POST', '/api/v1/auth/totp/setup')).statusCode, 403);
  });
});
