// `envagin serve` as an operator would start it, without --demo (issue 22, item 2; DESIGN.md rule
// 12): it refuses to start without its secrets, naming each; with them it runs with no demo user,
// and its metrics only on the listener of their own (item 11).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/db/client.ts';
import { queryRows } from '../../src/db/query-rows.ts';
import { runCli } from '../support/cli.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { freePort, startServer } from '../support/server.ts';

const keys = { AUDIT_PERSON_KEY: 'a'.repeat(40), SECRETS_KEY: 's'.repeat(40) };

test('without --demo and without its secrets, serve refuses to start and names what is missing', async () => {
  const fresh = await freshDatabase('envagin-nodemo-');
  try {
    const none = runCli(['serve'], fresh.env);
    assert.equal(none.status, 2, none.stdout);
    assert.match(none.stderr, /AUDIT_PERSON_KEY: required outside demo mode/);
    assert.match(none.stderr, /SECRETS_KEY: required outside demo mode/);
    assert.match(none.stderr, /--demo/, 'says how to get the demo');
    const one = runCli(['serve'], { ...fresh.env, SECRETS_KEY: keys.SECRETS_KEY });
    assert.equal(one.status, 2);
    assert.match(one.stderr, /AUDIT_PERSON_KEY/);
    assert.doesNotMatch(one.stderr, /SECRETS_KEY:/);
    assert.equal(runCli(['serve', '--demo-ish'], fresh.env).status, 2, 'an unknown option is refused');
  } finally {
    await fresh.drop();
  }
});

test('with its secrets it starts with no demo user, no open /metrics and the metrics on their own port', async () => {
  const fresh = await freshDatabase('envagin-nodemo-');
  const metricsPort = await freePort();
  const server = await startServer({ ...fresh.env, ...keys, METRICS_PORT: String(metricsPort) }, { demo: false });
  try {
    const info = await (await fetch(`${server.url}/api/v1/system/info`)).json();
    assert.deepEqual(info, { demoMode: false, oidc: false });
    assert.equal((await fetch(`${server.url}/metrics`)).status, 404, 'not on the public port');
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /envagin_http_request_duration_seconds/);
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'envagin-demo' }) });
    assert.equal(login.status, 401);
    assert.doesNotMatch(server.output(), /Demoanvändare/, 'no demo logins printed');
  } finally {
    await server.stop();
  }
  const database = await openDatabase({ databaseUrl: fresh.env.DATABASE_URL ?? null, dataDir: fresh.env.DATA_DIR ?? null });
  try {
    const [row] = await queryRows<{ users: number; municipalities: number }>(database.db, sql`select (select count(*)::int from users) as users, (select count(*)::int from municipalities) as municipalities`);
    assert.deepEqual(row, { users: 0, municipalities: 0 }, 'nothing seeded');
  } finally {
    await database.close();
    await fresh.drop();
  }
});
