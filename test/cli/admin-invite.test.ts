// `envagin admin invite` (issue 22 item 1): outside demo, the first administrators get a
// single-use link printed once, set their own password with it and log in; nobody chose it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../support/cli.ts';
import { freshDatabase } from '../support/fresh-database.ts';
import { startServer } from '../support/server.ts';

const keys = { AUDIT_PERSON_KEY: 'a'.repeat(40), SECRETS_KEY: 's'.repeat(40), PUBLIC_URL: 'https://envagin.example.se' };

test('admin invite prints a single-use link once; the admin sets their own password with it; a third is refused', async () => {
  const fresh = await freshDatabase('envagin-invite-');
  const env = { ...fresh.env, ...keys };
  try {
    assert.equal(runCli(['migrate'], env).status, 0);
    const missing = runCli(['admin', 'invite', '--email', 'forsta@example.se', '--organisation', 'it'], env);
    assert.equal(missing.status, 2, 'an organisation that does not exist');
    assert.match(missing.stderr, /--organisation-name/);
    const first = runCli(['admin', 'invite', '--email', 'forsta@example.se', '--organisation', 'it', '--organisation-name', 'Stadens IT', '--name', 'Första Admin'], env);
    assert.equal(first.status, 0, first.stderr);
    const link = /^https:\/\/envagin\.example\.se\/konto\/losenord#([A-Za-z0-9_-]{43})$/.exec(first.stdout.trim());
    assert.ok(link, first.stdout);
    assert.equal(runCli(['admin', 'invite', '--email', 'andra@example.se', '--organisation', 'it'], env).status, 0);
    const third = runCli(['admin', 'invite', '--email', 'tredje@example.se', '--organisation', 'it'], env);
    assert.equal(third.status, 2);
    assert.match(third.stderr, /second admin approves/);

    const server = await startServer(env, { demo: false });
    try {
      const post = (path: string, body: object) => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const info = await post('/api/v1/auth/password-link', { token: link[1] });
      assert.equal(info.status, 200);
      const { expiresAt, ...shown } = (await info.json()) as { expiresAt: string };
      assert.deepEqual(shown, { username: 'forsta', displayName: 'Första Admin', purpose: 'invitation', mfaRequired: true });
      assert.ok(Date.parse(expiresAt) > Date.now());
      assert.equal((await post('/api/v1/auth/password-link/password', { token: link[1], password: 'förste-adminens-lösenord' })).status, 204);
      assert.equal((await post('/api/v1/auth/password-link/password', { token: link[1], password: 'förste-adminens-lösenord' })).status, 404);
      const login = await post('/api/v1/auth/login', { username: 'forsta', password: 'förste-adminens-lösenord' });
      assert.equal(login.status, 200);
      assert.equal((await login.json()).mfaRequired, true, 'then enrols a one-time code app, as every admin must');
    } finally {
      await server.stop();
    }
  } finally {
    await fresh.drop();
  }
});
