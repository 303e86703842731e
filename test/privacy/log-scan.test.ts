// No personal data in logs: the real server at LOG_LEVEL=debug is put through logins (good,
// wrong password, unknown user, a privileged user's one-time code, lockout) and error paths
// whose bodies, paths and queries carry a fictional child's personnummer and name; then
// everything it wrote to stdout and stderr is scanned for them, for the passwords tried, the
// one-time codes and the session and CSRF tokens.
// (The case engineer adds the full case journey to this scan.)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, untilRequestsLogged, type RunningServer } from '../support/server.ts';
import { waitForFreshDemoCode } from '../support/totp.ts';

const PERSONNUMMER = '20100101-1234';
const PERSONNUMMER_COMPACT = '201001011234';
const CHILD_NAME = 'Ellinor Testsson-Fiktiv';
const WRONG_PASSWORD = 'Hemligt-Lösen-7731';

let server: RunningServer;
before(async () => {
  server = await startServer({ LOG_LEVEL: 'debug' });
});
after(() => server?.stop());

async function call(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body,
    redirect: 'manual',
  });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers };
}

test('logs carry no personnummer, name, password, one-time code or session token', async () => {
  const secrets: string[] = [];
  const json = (v: unknown) => JSON.stringify(v);

  // Logins: good, wrong password, unknown user (named like the child), identity number as username.
  const good = await call('POST', '/api/v1/auth/login', json({ username: 'hub', password: 'envagin-demo' }));
  assert.equal(good.status, 200);
  const cookie = good.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = JSON.parse(good.text).csrfToken as string;
  secrets.push(cookie.split('=')[1]!, csrf);
  assert.equal((await call('POST', '/api/v1/auth/login', json({ username: 'hub', password: WRONG_PASSWORD }))).status, 401);
  assert.equal((await call('POST', '/api/v1/auth/login', json({ username: CHILD_NAME, password: WRONG_PASSWORD }))).status, 401);
  assert.equal((await call('POST', '/api/v1/auth/login', json({ username: PERSONNUMMER, password: PERSONNUMMER }))).status, 401);
  // Failures enough to be throttled (429) and refused.
  for (let i = 0; i < 6; i++) await call('POST', '/api/v1/auth/login', json({ username: 'sydost', password: `${WRONG_PASSWORD}-${i}` }));

  // A privileged login with its one-time code.
  const admin = await call('POST', '/api/v1/auth/login', json({ username: 'admin', password: 'envagin-demo' }));
  const adminCookie = admin.headers.get('set-cookie')!.split(';')[0]!;
  const adminCsrf = JSON.parse(admin.text).csrfToken as string;
  const code = await waitForFreshDemoCode('admin');
  secrets.push(adminCookie.split('=')[1]!, adminCsrf);
  const verified = await call('POST', '/api/v1/auth/totp/verify', json({ code }), { cookie: adminCookie, 'x-csrf-token': adminCsrf });
  assert.equal(verified.status, 200, verified.text);
  // The code step issues a new session token and CSRF token: neither may be logged either.
  secrets.push(verified.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!, JSON.parse(verified.text).csrfToken as string);

  // Error paths with the child's data in body, path and query.
  const childBody = json({ child: { personnummer: PERSONNUMMER, name: CHILD_NAME }, note: `${CHILD_NAME} ${PERSONNUMMER_COMPACT}` });
  const authed = { cookie, 'x-csrf-token': csrf };
  const attempts = [
    await call('POST', '/api/v1/auth/login', childBody),
    await call('POST', '/api/v1/auth/login', `{"username":"${CHILD_NAME}", "password": "${PERSONNUMMER}"`),
    await call('POST', '/api/v1/auth/login', childBody, { 'content-type': 'text/plain' }),
    await call('PUT', '/api/v1/directory/organisations/intake-0182/contacts', childBody, authed),
    await call('POST', '/api/v1/agreements', childBody, authed),
    await call('GET', `/api/v1/routing/decision?residence=${PERSONNUMMER}&found=${encodeURIComponent(CHILD_NAME)}&age=x`, undefined, authed),
    await call('GET', `/api/v1/cases/${PERSONNUMMER}`, undefined, authed),
    await call('GET', `/api/v1/${encodeURIComponent(CHILD_NAME)}/${PERSONNUMMER}`),
    await call('POST', '/api/v1/auth/totp/verify', json({ code: PERSONNUMMER }), authed),
    await call('POST', '/api/v1/auth/login', 'x'.repeat(300_000), { 'x-child': PERSONNUMMER }),
  ];
  for (const a of attempts) assert.ok(a.status >= 400 && a.status < 500, `expected a 4xx, got ${a.status}: ${a.text.slice(0, 200)}`);
  await call('POST', '/api/v1/auth/logout', undefined, authed);

  // Every request's log lines are written (the last one being the logout), then scan.
  await untilRequestsLogged(server, '/api/v1/auth/logout');
  const output = server.output();
  assert.ok((output.match(/request rejected/g) ?? []).length >= 15, 'the rejections were logged (the scan saw them)');
  const forbidden = [PERSONNUMMER, PERSONNUMMER_COMPACT, CHILD_NAME, 'Ellinor', 'Testsson', encodeURIComponent(CHILD_NAME), WRONG_PASSWORD, code, ...secrets];
  for (const needle of forbidden) {
    assert.ok(!output.includes(needle), `the logs contain ${JSON.stringify(needle)}:\n${output.split('\n').filter((l) => l.includes(needle)).join('\n')}`);
  }
  // The demo password appears once, in the demo banner printed at start (demo mode only).
  const demoPasswordLines = output.split('\n').filter((l) => l.includes('envagin-demo'));
  assert.equal(demoPasswordLines.length, 1);
  assert.match(demoPasswordLines[0]!, /Demoanvändare/);
});
