// Sessions of requests that arrive together are read by one query (session-lookup.ts), against
// the real database: each request still gets its own session, nothing is kept from one query to
// the next (a logout counts at the very next request), and a failed query fails only the
// requests that were waiting for it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { findLiveSessions } from './queries.ts';
import { SessionLookup, type FindSessions } from './session-lookup.ts';
import { hashToken } from './session-token.ts';

let t: TestApp;
const users: Record<string, AsUser> = {};
before(async () => {
  t = await buildTestApp();
  for (const name of ['polis', 'hub', 'nacka', 'admin']) users[name] = await logInAs(t.app, name);
});
after(() => t.close());

const hashOf = (user: AsUser) => hashToken(user.cookie.slice(user.cookie.indexOf('=') + 1));

/** The real lookup, counting its queries and the hashes each was asked for. */
function countingLookup(fail?: { next: boolean }) {
  const queries: string[][] = [];
  const find: FindSessions = (hashes, now) => {
    queries.push([...hashes]);
    if (fail?.next) {
      fail.next = false;
      return Promise.reject(new Error('connection lost'));
    }
    return findLiveSessions(t.testDb.database.db, hashes, now, 30);
  };
  return { lookup: new SessionLookup(find), queries };
}

describe('session lookup', () => {
  test('lookups made together share one query, and each gets its own session (or none)', async () => {
    const { lookup, queries } = countingLookup();
    const asked = ['polis', 'hub', 'nacka', 'admin', 'polis'].map((name) => hashOf(users[name]!));
    const found = await Promise.all([...asked, 'no-such-session'].map((hash) => lookup.find(hash)));
    assert.equal(queries.length, 1);
    assert.equal(queries[0]!.length, 5, 'each hash once');
    assert.deepEqual(
      found.map((s) => s?.user.username ?? null),
      ['polis', 'hub', 'nacka', 'admin', 'polis', null],
    );
  });

  test('nothing is kept between queries: after a logout the next lookup finds no session', async () => {
    const { lookup, queries } = countingLookup();
    const user = await logInAs(t.app, 'polis');
    assert.equal((await lookup.find(hashOf(user)))?.user.username, 'polis');
    assert.equal((await user.request('POST', '/api/v1/auth/logout')).statusCode, 204);
    assert.equal(await lookup.find(hashOf(user)), null);
    assert.equal(queries.length, 2);
  });

  test('a failed query fails the lookups waiting for it, and the next turn queries again', async () => {
    const fail = { next: true };
    const { lookup, queries } = countingLookup(fail);
    const first = await Promise.allSettled([lookup.find(hashOf(users.hub!)), lookup.find(hashOf(users.nacka!))]);
    assert.deepEqual(first.map((r) => r.status), ['rejected', 'rejected']);
    assert.equal((await lookup.find(hashOf(users.hub!)))?.user.username, 'hub');
    assert.equal(queries.length, 2);
  });

  test('through HTTP: many users at once each act as themselves', async () => {
    const names = ['polis', 'hub', 'nacka', 'admin'];
    const responses = await Promise.all(Array.from({ length: 24 }, (_, i) => users[names[i % 4]!]!.request('GET', '/api/v1/auth/me')));
    assert.deepEqual(
      responses.map((r) => (r.json() as { user: { username: string } }).user.username),
      Array.from({ length: 24 }, (_, i) => names[i % 4]),
    );
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: 'envagin_session=forged-token' } });
    assert.equal(anonymous.statusCode, 401);
  });
});
