// Two `envagin serve` processes on one PostgreSQL database, as behind a load balancer: a hub
// screen connected to one instance sees every report filed through the other, exactly once, and
// so does a screen on the instance the reports came through (delivered there without the round
// trip through PostgreSQL). A burst of reports, so that one engine cycle publishes many events.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestDatabase } from '../../src/test/db.ts';
import { connectSseClients, type SseClientSet } from '../../bench/support/sse-clients.ts';
import { login, policeFiler, reportBodies } from '../../bench/support/filing.ts';
import { startServer, type RunningServer } from '../support/server.ts';
import { demoDatabaseForInstances, skipWithoutPostgres } from '../support/shared-database.ts';

// Instances and their live streams, each reached directly: not through Prism.
const DIRECT = { prism: false };

const REPORTS = 60;
const skip = skipWithoutPostgres;

let testDb: TestDatabase;
const servers: RunningServer[] = [];
const screens: SseClientSet[] = [];

before(async () => {
  if (skip) return;
  testDb = await demoDatabaseForInstances();
});
after(async () => {
  for (const s of screens) s.close();
  for (const s of servers) await s.stop().catch(() => {});
  await testDb?.drop();
});

test('a hub screen on either instance sees every report filed through one of them, once', { skip, timeout: 120_000 }, async () => {
  const env = { DATABASE_URL: testDb.url!, LOG_LEVEL: 'warn', DEMO_MODE: 'true' };
  const [filedThrough, other] = [await startServer(env, DIRECT), await startServer(env, DIRECT)] as [RunningServer, RunningServer];
  servers.push(filedThrough, other);
  const screen = async (server: RunningServer) => {
    const hub = await login(server.url, 'hub');
    const set = await connectSseClients({ url: `${server.url}/api/v1/events`, count: 1, headers: { cookie: hub.cookie }, topic: 'case.reported' });
    screens.push(set);
    return set;
  };
  const local = await screen(filedThrough);
  const remote = await screen(other);

  const filer = await policeFiler(filedThrough.url, reportBodies());
  const responses = await Promise.all(Array.from({ length: REPORTS }, () => filer.send()));
  const numbers = await Promise.all(responses.map(async (r) => ((await r.json()) as { number: string }).number));
  assert.ok(responses.every((r) => r.status === 201));

  const until = Date.now() + 15_000;
  const seenAll = (set: SseClientSet) => numbers.every((n) => set.received[0]!.has(n));
  while (!(seenAll(local) && seenAll(remote)) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  for (const [name, set] of [['same instance', local], ['other instance', remote]] as const) {
    assert.deepEqual(numbers.filter((n) => !set.received[0]!.has(n)), [], `${name}: every report's event arrived`);
    assert.equal(set.repeated, 0, `${name}: no event twice`);
    assert.deepEqual(set.errors, []);
  }
});
