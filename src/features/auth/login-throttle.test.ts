// Issue 22, item 10: failed logins slow the next attempts per (username, address) with growing
// waits, counted in the database for every instance; nothing locks an account for everyone;
// unknown usernames and wrong passwords are answered alike; a supervisor can lift the wait.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { auditLog, loginThrottles, users } from '../../db/schema.ts';
import { buildApp, type App } from '../../http/app.ts';
import { buildTestApp, logInAs, type TestApp } from '../../test/app.ts';
import { buildUser } from '../../test/factories.ts';
import { currentDemoCode } from '../../test/totp.ts';
import { DEMO_PASSWORD } from '../directory/demo-people.ts';
import { beginAttempt, throttleKey } from './login-throttle.ts';

let now = new Date('2026-05-04T08:00:00Z');
let t: TestApp;
let second: App;
before(async () => {
  t = await buildTestApp({}, () => now);
  // A second instance on the same database, behind the same load balancer.
  second = await buildApp({ config: t.app.deps.config, database: t.testDb.database, clock: () => now });
});
after(async () => {
  await second.close();
  await t.close();
});

const tick = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
const attempt = (username: string, password: string, remoteAddress = '198.51.100.7', app: App = t.app) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { username, password } });
/** The answer without what differs per request. */
const answer = (res: LightMyRequestResponse) => {
  const { instance: _instance, requestId: _requestId, ...rest } = res.json() as Record<string, unknown>;
  return { status: res.statusCode, retryAfter: res.headers['retry-after'] ?? null, body: rest };
};
const db = () => t.testDb.database.db;
const userId = async (username: string) => (await db().select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;

describe('login throttle', () => {
  test('concurrent attempts within the free failures are all admitted, whichever read the clock first', async () => {
    // Three devices of one user behind one address log in at once: each attempt reads the time,
    // then waits its turn for the row, so they may be counted out of clock order.
    const key = throttleKey(t.app.deps.config.loginRateKey, 'samtidig', '198.51.100.99');
    const decisions = [];
    for (const ms of [30, 10, 20]) decisions.push(await beginAttempt(db(), key, new Date(now.getTime() + ms)));
    assert.deepEqual(decisions, [{ allowed: true }, { allowed: true }, { allowed: true }]);
  });

  test('a known user with a wrong password and an unknown user get the same answers, attempt for attempt', async () => {
    const known: ReturnType<typeof answer>[] = [];
    const unknown: ReturnType<typeof answer>[] = [];
    for (let i = 0; i < 6; i++) {
      known.push(answer(await attempt('sydost', `fel-${i}`, '203.0.113.1')));
      unknown.push(answer(await attempt('sydost-finns-inte', `fel-${i}`, '203.0.113.1')));
    }
    assert.deepEqual(known, unknown);
    assert.deepEqual(known.map((a) => a.status), [401, 401, 401, 401, 429, 429]);
    assert.equal(known[0]!.body.code, 'INVALID_CREDENTIALS');
    assert.equal(known[4]!.body.code, 'RATE_LIMITED');
    assert.equal(known[4]!.retryAfter, '5');
  });

  test('an unknown user costs a password hash like a known one (no timing difference to speak of)', async () => {
    const time = async (username: string, address: string) => {
      const started = performance.now();
      await attempt(username, 'fel', address);
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    // A fresh address each time, so no attempt is throttled.
    for (let i = 0; i < 5; i++) {
      known.push(await time('polis', `192.0.2.${i}`));
      unknown.push(await time('polis-finns-inte', `192.0.2.${i}`));
    }
    assert.ok(median(unknown) > 0.4 * median(known), `unknown ${median(unknown).toFixed(1)} ms vs known ${median(known).toFixed(1)} ms`);
  });

  test('wrong passwords make the next attempt from that address wait longer and longer; the user’s own address is never locked out', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt('hub', `fel-${i}`)).statusCode);
    assert.deepEqual(statuses, [401, 401, 401, 401], 'three free mistakes, the fourth starts a wait');
    const waiting = await attempt('hub', DEMO_PASSWORD, '198.51.100.7', second);
    assert.equal(waiting.statusCode, 429, 'even the right password waits, also on the other instance');
    assert.equal(waiting.headers['retry-after'], '5');

    // The hub worker at their own workstation logs in at once: nothing locks the account.
    assert.equal((await attempt('hub', DEMO_PASSWORD, '10.20.30.40')).statusCode, 200);

    tick(5);
    assert.equal((await attempt('hub', 'fel-5', '198.51.100.7', second)).statusCode, 401);
    const longer = await attempt('hub', 'fel-6');
    assert.equal(longer.statusCode, 429);
    assert.equal(longer.headers['retry-after'], '10', 'the wait doubles');
    tick(10);
    assert.equal((await attempt('hub', 'fel-7')).statusCode, 401);
    assert.equal((await attempt('hub', 'fel-8')).headers['retry-after'], '20');

    const [row] = await db().select().from(loginThrottles);
    assert.ok(row && /^[0-9a-f]{64}$/.test(row.keyHash) && !row.keyHash.includes('198.51'), 'username and address only as keyed hashes');
    const [user] = await db().select().from(users).where(eq(users.username, 'hub'));
    assert.equal(user!.lockedUntil, null, 'no account lock');
  });

  test('a right password from the address ends the run', async () => {
    for (let i = 0; i < 3; i++) await attempt('nacka', `fel-${i}`, '198.51.100.8');
    assert.equal((await attempt('nacka', DEMO_PASSWORD, '198.51.100.8')).statusCode, 200);
    const after = await Promise.all([1, 2, 3].map((i) => attempt('nacka', `fel-${i}`, '198.51.100.8')));
    assert.deepEqual(after.map((r) => r.statusCode), [401, 401, 401], 'a fresh run of free mistakes');
  });

  test('parallel guesses are counted one after another: a burst cannot slip past the wait', async () => {
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => attempt('solna', `fel-${i}`, '198.51.100.9', i % 2 ? second : t.app)));
    const codes = burst.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [401, 401, 401, 401, 429, 429, 429, 429]);
  });

  test('a right password does not end the run of wrong one-time codes of a privileged user', async () => {
    const address = '198.51.100.10';
    const bad = currentDemoCode() === '000000' ? '111111' : '000000';
    const login = await attempt('admin', DEMO_PASSWORD, address);
    assert.equal(login.statusCode, 200);
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const verify = () =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/verify', remoteAddress: address, headers: { cookie, 'x-csrf-token': login.json().csrfToken }, payload: { code: bad } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await verify()).statusCode);
    assert.deepEqual(codes, [401, 401, 401, 401]);
    tick(5);
    assert.equal((await attempt('admin', DEMO_PASSWORD, address)).statusCode, 200, 'the right password is let through once the wait is over');
    const next = await verify();
    assert.equal(next.statusCode, 401, 'the code may be tried at once after the right password');
    const after = await verify();
    assert.equal(after.statusCode, 429, 'but the run of wrong codes goes on');
    assert.equal(after.headers['retry-after'], '10');
  });
});

describe('a supervisor lifts the wait', () => {
  test('hub supervisor for the hub, municipality manager for the municipality, admin for anyone; audited', async () => {
    for (let i = 0; i < 5; i++) await attempt('analytiker', `fel-${i}`, '198.51.100.20');
    assert.equal((await attempt('analytiker', DEMO_PASSWORD, '198.51.100.20')).statusCode, 429);
    const analytiker = await userId('analytiker');

    const hubchef = await logInAs(t.app, 'hubchef');
    const res = await hubchef.request('POST', `/api/v1/auth/users/${analytiker}/unlock`);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { userId: analytiker, throttlesCleared: 1 });
    assert.equal((await attempt('analytiker', DEMO_PASSWORD, '198.51.100.20')).statusCode, 200, 'logs in at once');
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.subjectId, analytiker), eq(auditLog.action, 'auth.login_unlocked')));
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actorRole, 'hub.supervisor');
    assert.deepEqual(audit[0]!.details, { throttlesCleared: 1, wasLocked: false });

    // Scope: the municipality manager of Solna for Solna's units, not the hub's users; the hub supervisor not Solna's.
    const solnaIntake = await buildUser(db(), { role: 'municipality.intake', orgId: 'intake-0184' });
    const solna = await logInAs(t.app, 'solna');
    assert.equal((await solna.request('POST', `/api/v1/auth/users/${solnaIntake.id}/unlock`)).statusCode, 200);
    assert.equal((await solna.request('POST', `/api/v1/auth/users/${analytiker}/unlock`)).statusCode, 403);
    assert.equal((await hubchef.request('POST', `/api/v1/auth/users/${solnaIntake.id}/unlock`)).statusCode, 403);
    const nacka = await logInAs(t.app, 'nacka');
    assert.equal((await nacka.request('POST', `/api/v1/auth/users/${analytiker}/unlock`)).json().code, 'FORBIDDEN');
    const admin = await logInAs(t.app, 'admin');
    assert.equal((await admin.request('POST', `/api/v1/auth/users/${solnaIntake.id}/unlock`)).statusCode, 200);
    assert.equal((await admin.request('POST', '/api/v1/auth/users/00000000-0000-4000-8000-000000000000/unlock')).statusCode, 404);
  });

  test('an old lock (from before throttling) is lifted too', async () => {
    const id = await userId('polis');
    await db().update(users).set({ failedLoginCount: 5, lockedUntil: new Date(Date.now() + 600_000) }).where(eq(users.id, id));
    const admin = await logInAs(t.app, 'admin');
    assert.equal((await admin.request('POST', `/api/v1/auth/users/${id}/unlock`)).statusCode, 200);
    const [row] = await db().select().from(users).where(eq(users.id, id));
    assert.deepEqual([row!.lockedUntil, row!.failedLoginCount], [null, 0]);
  });
});
