// The second factor, lockout and rate limit through HTTP against a real database.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { auditLog, users } from '../../db/schema.ts';
import { buildTestApp, type TestApp } from '../../test/app.ts';
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
    assert.equal((await s.call('GET', '/api/v1/directory')).statusCode, 200);
    const [last] = await actionsFor((await userRow('admin')).id);
    assert.equal(last!.action, 'auth.mfa_verified');
    assert.equal((await userRow('admin')).failedLoginCount, 0, 'the good code ends the run of failures');

    const again = await s.call('POST', '/api/v1/auth/totp/verify', { code: '123456' });
    assert.equal(again.statusCode, 409, 'a verified session has nothing to verify');
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
    const later = await s.call('POST', '/api/v1/auth/totp/setup');
    assert.equal(later.statusCode, 409, 'the secret is never shown again');
    // Restore the demo secret for the other tests.
    await db().update(users).set({ totpSecret: demoSecret }).where(eq(users.username, 'hubchef'));
  });

  test('users without a privileged role cannot enrol', async () => {
    const s = await login('hub');
    assert.equal((await s.call('POST', '/api/v1/auth/totp/setup')).statusCode, 403);
  });
});

describe('lockout', () => {
  test('five wrong passwords lock the account for 15 minutes with a clear message, all audited', async () => {
    const user = await userRow('solna');
    for (let i = 1; i <= 4; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'solna', password: `fel-${i}` } });
      assert.equal(res.json().code, 'INVALID_CREDENTIALS');
    }
    const fifth = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'solna', password: 'fel-5' } });
    assert.equal(fifth.statusCode, 423);
    assert.equal(fifth.json().code, 'ACCOUNT_LOCKED');
    assert.match(fifth.json().detail, /låst/);
    const locked = await userRow('solna');
    const minutes = (locked.lockedUntil!.getTime() - Date.now()) / 60_000;
    assert.ok(minutes > 14 && minutes <= 15, `locked for ${minutes} min`);

    const right = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'solna', password: DEMO_PASSWORD } });
    assert.equal(right.statusCode, 423, 'even the right password is refused while locked');

    const actions = (await actionsFor(user.id)).map((r) => r.action);
    assert.deepEqual(actions.slice(0, 3), ['auth.login_refused', 'auth.account_locked', 'auth.login_failed']);
    assert.equal(actions.filter((a) => a === 'auth.login_failed').length, 5);

    // When the lock has run out, the right password works and the count starts again.
    await db().update(users).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(users.id, user.id));
    const after = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'solna', password: DEMO_PASSWORD } });
    assert.equal(after.statusCode, 200);
    assert.equal((await userRow('solna')).failedLoginCount, 0);
  });

  test('wrong one-time codes count too, and the lock ends the waiting session', async () => {
    const s = await login('hubchef');
    const bad = currentDemoCode() === '000000' ? '111111' : '000000';
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await s.call('POST', '/api/v1/auth/totp/verify', { code: bad })).json().code);
    assert.deepEqual(codes, ['INVALID_MFA_CODE', 'INVALID_MFA_CODE', 'INVALID_MFA_CODE', 'INVALID_MFA_CODE', 'ACCOUNT_LOCKED']);
    assert.equal((await s.call('GET', '/api/v1/auth/me')).statusCode, 401, 'the session is revoked');
    const id = (await userRow('hubchef')).id;
    const rows = await db().select().from(auditLog).where(and(eq(auditLog.subjectId, id), inArray(auditLog.action, ['auth.mfa_failed', 'auth.account_locked'])));
    assert.equal(rows.length, 6);
    await db().update(users).set({ lockedUntil: null, failedLoginCount: 0 }).where(eq(users.id, id));
  });

  test('a correct password does not reset the count of wrong codes for a privileged user', async () => {
    const s = await login('admin');
    const bad = currentDemoCode() === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++) await s.call('POST', '/api/v1/auth/totp/verify', { code: bad });
    await login('admin');
    assert.equal((await userRow('admin')).failedLoginCount, 3);
    await db().update(users).set({ failedLoginCount: 0 }).where(eq(users.username, 'admin'));
  });
});
