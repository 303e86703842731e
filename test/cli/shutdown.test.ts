// SIGTERM lets an in-flight request finish, then the process exits cleanly with its database
// closed; new connections are refused once it is gone.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startServer } from '../support/server.ts';

test('graceful shutdown on SIGTERM', async () => {
  const server = await startServer();
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
  await new Promise((r) => setTimeout(r, 20));
  const code = await server.stop('SIGTERM');
  assert.equal((await inFlight).status, 200, 'the in-flight request completed');
  assert.equal(code, 0, server.output());
  assert.match(server.output(), /shutting down/);
  await assert.rejects(fetch(`${server.url}/health`));
});
