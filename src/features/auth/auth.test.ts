import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { auditLog, sessions } from '../../db/schema.ts';
import { buildTestApp, logInAs, type TestApp } from '../../test/app.ts';
import { demoUsers } from '../directory/demo-people.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

async function lastAudit() {
  const [row] = await t.testDb.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row!;
}

describe('login', () => {
  for (const demo of demoUsers) {
    test(`demo user ${demo.username} logs in with role ${demo.role}`, async () => {
      const user = await logInAs(t.app, demo.username);
      const me = await user.request('GET', '/api/v1/auth/me');
      assert.equal(me.statusCode, 200);
      const body = me.json();
      assert.equal(body.user.username, demo.username);
      assert.equal(body.user.role, demo.role);
      assert.equal(body.user.organisation.id, demo.orgId);
    });
  }

  test('sets an httpOnly, SameSite=Strict session cookie and stores only its hash', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'HUB', password: 'envagin-demo' } });
    assert.equal(res.statusCode, 200);
    const cookie = String(res.headers['set-cookie']);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const rows = await t.testDb.database.db.select().from(sessions).where(eq(sessions.tokenHash, token));
    assert.equal(rows.length, 0, 'the raw token is not stored');
    const audit = await lastAudit();
    assert.equal(audit.action, 'auth.logged_in');
  });

  test('wrong password and unknown user get the same answer and are audited', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'hub', password: 'nope' } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().code, 'INVALID_CREDENTIALS');
    assert.equal((await lastAudit()).action, 'auth.login_failed');
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ghost', password: 'nope' } });
    assert.equal(unknown.statusCode, 401);
    assert.equal(unknown.json().detail, wrong.json().detail);
  });

  test('logout revokes the session', async () => {
    const user = await logInAs(t.app, 'polis');
    const out = await user.request('POST', '/api/v1/auth/logout');
    assert.equal(out.statusCode, 204);
    const me = await user.request('GET', '/api/v1/auth/me');
    assert.equal(me.statusCode, 401);
    assert.equal((await lastAudit()).action, 'auth.logged_out');
  });

  test('an idle session expires', async () => {
    const user = await logInAs(t.app, 'nacka');
    const stale = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await t.testDb.database.db.update(sessions).set({ lastSeenAt: stale });
    const me = await user.request('GET', '/api/v1/auth/me');
    assert.equal(me.statusCode, 401);
  });
});
