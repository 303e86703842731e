// The login rate limit: one budget per client address and minute, shared by every instance on
// the database, with the address kept only as a keyed hash.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loginRateWindows } from '../../db/schema.ts';
import { buildApp, type App } from '../../http/app.ts';
import { buildTestApp, testConfig } from '../../test/app.ts';
import { LOGIN_RATE_WINDOW_MS, purgeLoginRateWindows } from './login-rate-limit.ts';

describe('rate limit', () => {
  test('the 4th login attempt in a minute from one address gets 429 with Retry-After, on every instance, until the window runs out', async () => {
    let now = new Date('2026-05-04T08:00:00Z');
    const limited = await buildTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' }, () => now);
    // A second instance on the same database, behind the same load balancer.
    const second = await buildApp({ config: limited.app.deps.config, database: limited.testDb.database, clock: () => now });
    try {
      const attempt = (app: App, remoteAddress = '127.0.0.1') =>
        app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { username: 'ghost', password: 'x' } });
      const statuses: number[] = [];
      for (const app of [limited.app, second, limited.app]) statuses.push((await attempt(app)).statusCode);
      now = new Date(now.getTime() + 20_000);
      const last = await attempt(second);
      statuses.push(last.statusCode);
      assert.deepEqual(statuses, [401, 401, 401, 429], 'the instances share one budget');
      assert.equal(last.json().code, 'RATE_LIMITED');
      assert.match(last.headers['content-type'] as string, /application\/problem\+json/);
      assert.equal(last.headers['retry-after'], '40');
      assert.equal((await attempt(limited.app, '10.0.0.9')).statusCode, 401, 'another address has its own budget');

      const stored = await limited.testDb.database.db.select().from(loginRateWindows);
      assert.equal(stored.length, 2);
      assert.ok(stored.every((r) => /^[0-9a-f]{64}$/.test(r.keyHash) && !r.keyHash.includes('127.0.0.1')), 'addresses only as keyed hashes');

      now = new Date(now.getTime() + 40_000);
      assert.equal((await attempt(second)).statusCode, 401, 'a new window starts afresh');
      now = new Date(now.getTime() + 60_000);
      assert.equal(await purgeLoginRateWindows(limited.testDb.database.db, now, LOGIN_RATE_WINDOW_MS), 2, 'finished windows are removed');
    } finally {
      await second.close();
      await limited.close();
    }
  });

  test('behind a named balancer each client has its own budget; elsewhere X-Forwarded-For is ignored', async () => {
    const now = new Date('2026-05-04T08:00:00Z');
    const behind = await buildTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '10.1.0.0/24' }, () => now);
    try {
      const attempt = (remoteAddress: string, client: string) =>
        behind.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, headers: { 'x-forwarded-for': client }, payload: { username: 'ghost', password: 'x' } });
      const viaBalancer = [];
      for (const client of ['198.51.100.1', '198.51.100.1', '198.51.100.2', '198.51.100.3']) viaBalancer.push((await attempt('10.1.0.7', client)).statusCode);
      assert.deepEqual(viaBalancer, [401, 401, 401, 401], 'three officers behind one balancer: three budgets');
      const spoofed = [];
      for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) spoofed.push((await attempt('192.0.2.50', client)).statusCode);
      assert.deepEqual(spoofed, [401, 401, 429], 'a client not behind the balancer cannot choose its address');
    } finally {
      await behind.close();
    }
  });

  test('TRUST_PROXY must be addresses or ranges', () => {
    assert.throws(() => testConfig({ TRUST_PROXY: 'true' }), /TRUST_PROXY: must be comma-separated IP addresses or CIDR ranges/);
    assert.deepEqual(testConfig({ TRUST_PROXY: '10.0.0.5,10.0.1.0/24' }).trustProxy, ['10.0.0.5', '10.0.1.0/24']);
  });
});
