// Every request reads its own session from the database (findLiveSession): nothing is kept from
// one request to the next, so a logout, a revoked session or a disabled user counts at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { sessions, users as userTable } from '../../db/schema.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { findLiveSession } from './queries.ts';
import { hashToken } from './session-token.ts';

let t: TestApp;
before(async () => {
  t = await buildTestApp();
});
after(() => t.close());

const hashOf = (user: AsUser) => hashToken(user.cookie.slice(user.cookie.indexOf('=') + 1));
const find = (user: AsUser, now = new Date()) => findLiveSession(t.testDb.database.db, hashOf(user), now, 30);

describe('live session lookup', () => {
  test('each token finds its own user, and an unknown token none', async () => {
    for (const name of ['polis', 'hub', 'nacka', 'admin']) {
      assert.equal((await find(await logInAs(t.app, name)))?.user.username, name);
    }
    assert.equal(await findLiveSession(t.testDb.database.db, hashToken('no-such-session'), new Date(), 30), null);
  });

  test('after a logout the very next lookup finds no session', async () => {
    const user = await logInAs(t.app, 'polis');
    assert.ok(await find(user));
    assert.equal((await user.request('POST', '/api/v1/auth/logout')).statusCode, 204);
    assert.equal(await find(user), null);
  });

  test('a session idle past the window, past its expiry, or of a disabled user is not live', async () => {
    const db = t.testDb.database.db;
    const idle = await logInAs(t.app, 'hub');
    assert.equal(await find(idle, new Date(Date.now() + 31 * 60_000)), null, 'idle 31 minutes of a 30-minute window');
    assert.ok(await find(idle, new Date(Date.now() + 29 * 60_000)));
    await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.tokenHash, hashOf(idle)));
    assert.equal(await find(idle), null, 'expired');
    const disabled = await logInAs(t.app, 'nacka');
    const [row] = await db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.tokenHash, hashOf(disabled)));
    await db.update(userTable).set({ disabledAt: new Date() }).where(eq(userTable.id, row!.userId));
    try {
      assert.equal(await find(disabled), null, 'disabled user');
    } finally {
      await db.update(userTable).set({ disabledAt: null }).where(eq(userTable.id, row!.userId));
    }
  });

  test('through HTTP: many users at once each act as themselves', async () => {
    const names = ['polis', 'hub', 'nacka', 'admin'];
    const logged = await Promise.all(names.map((n) => logInAs(t.app, n)));
    const responses = await Promise.all(Array.from({ length: 24 }, (_, i) => logged[i % 4]!.request('GET', '/api/v1/auth/me')));
    assert.deepEqual(
      responses.map((r) => (r.json() as { user: { username: string } }).user.username),
      Array.from({ length: 24 }, (_, i) => names[i % 4]),
    );
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: 'envagin_session=forged-token' } });
    assert.equal(anonymous.statusCode, 401);
  });
});
