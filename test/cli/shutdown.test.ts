// SIGTERM lets in-flight requests finish (reports being filed and waiting for a connection included), then
// the process exits cleanly with its database closed; new connections are refused once it is gone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testPersonnummer, validReport } from '../../src/test/reports.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { startServer, takenIn, untilLogged } from '../support/server.ts';

// What a process does when stopped (refused connections, in-flight requests): straight to it, not through Prism.
const DIRECT = { prism: false };

test('graceful shutdown on SIGTERM', async () => {
  const server = await startServer({}, DIRECT);
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'hub', password: 'envagin-demo' }),
  });
  // Started before the signal (argon2 makes it take a while); it must still complete.
  const inFlight = fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'polis', password: 'envagin-demo' }),
  });
  assert.equal(login.status, 200);
  await untilLogged(server, (lines) => takenIn(lines, 'POST', '/api/v1/auth/login') >= 2, 'the second login taken in');
  const code = await server.stop('SIGTERM');
  assert.equal((await inFlight).status, 200, 'the in-flight request completed');
  assert.equal(code, 0, server.output());
  assert.match(server.output(), /shutting down/);
  await assert.rejects(fetch(`${server.url}/health`));
});

async function logInAsPolis(url: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'polis', password: 'envagin-demo' }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return (i: number) =>
    fetch(`${url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken, 'idempotency-key': `shutdown-${i}` },
      body: JSON.stringify(validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(i) } })),
    }).then(
      async (r) => ({ status: r.status, number: ((await r.json()) as { number?: string }).number ?? null }),
      () => ({ status: 0, number: null }), // never reached a handler: the client retries, as the police app does
    );
}

test('SIGTERM in the middle of a burst of reports: none is lost or filed twice when clients retry with their keys', async () => {
  const fresh = await freshDatabase('envagin-shutdown-');
  try {
    const first = await startServer(fresh.env, DIRECT);
    const file = await logInAsPolis(first.url);
    // Twenty open keep-alive connections first, so that the burst reaches the server at once
    // and the signal finds reports being filed and others waiting for a database connection.
    await Promise.all(Array.from({ length: 20 }, () => fetch(`${first.url}/health`).then((r) => r.arrayBuffer())));
    const burst = Array.from({ length: 20 }, (_, i) => file(i));
    await untilLogged(first, (lines) => takenIn(lines, 'POST', '/api/v1/cases') >= 1, 'the burst reached the server');
    assert.equal(await first.stop('SIGTERM'), 0, first.output());
    const answers = await Promise.all(burst);
    // A report the server took in is filed and answered 201; once it is closing it answers 503
    // (try again) without filing, and a request it never read fails to connect.
    for (const a of answers) assert.ok([201, 503, 0].includes(a.status), `status ${a.status}`);

    const second = await startServer(fresh.env, DIRECT);
    try {
      const retry = await logInAsPolis(second.url);
      const again = await Promise.all(answers.map((_, i) => retry(i)));
      for (const [i, a] of again.entries()) {
        // Filed before the shutdown: the same case again (200); told 503 or never read: filed now
        // (201). A report answered with an error but filed anyway would show up here as a 200.
        if (answers[i]!.status === 201) assert.deepEqual(a, { status: 200, number: answers[i]!.number });
        else assert.equal(a.status, 201);
      }
      assert.equal(new Set(again.map((a) => a.number)).size, 20, 'twenty reports, twenty cases');
    } finally {
      await second.stop();
    }
  } finally {
    await fresh.drop();
  }
});
