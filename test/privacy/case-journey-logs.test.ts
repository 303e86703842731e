// No personal data in logs: a whole case journey against the real server at debug level, plus
// rejected inputs that carry the child's data, and then a scan of everything the process wrote.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer, untilRequestsLogged, type RunningServer } from '../support/server.ts';
import { TEST_CHILD_NAME, TEST_CHILD_PNR, validReport } from '../../src/test/reports.ts';

let server: RunningServer;
before(async () => {
  server = await startServer({ LOG_LEVEL: 'debug' });
});
after(() => server.stop());

interface Session {
  cookie: string;
  csrf: string;
}

async function login(username: string): Promise<Session> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'envagin-demo' }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

async function call(s: Session, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

test('a full journey leaves no personnummer, name or address in the logs', async () => {
  const polis = await login('polis');
  const hub = await login('hub');
  const report = validReport();
  // Rejected first: a bad checksum, an unknown field, malformed JSON, all carrying personal data.
  const bad = await call(polis, 'POST', '/api/v1/cases', { ...report, child: { identityKind: 'known', identityNumber: TEST_CHILD_PNR.slice(0, 11) + '9', name: TEST_CHILD_NAME } }, { 'idempotency-key': 'log-scan-0001' });
  assert.equal(bad.status, 400);
  assert.equal((await call(polis, 'POST', '/api/v1/cases', { ...report, extra: TEST_CHILD_NAME }, { 'idempotency-key': 'log-scan-0002' })).status, 400);
  const malformed = await fetch(`${server.url}/api/v1/cases`, {
    method: 'POST',
    headers: { cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'content-type': 'application/json', 'idempotency-key': 'log-scan-0003' },
    body: `{"child": {"identityNumber": "${TEST_CHILD_PNR}", "name": "${TEST_CHILD_NAME}"`,
  });
  assert.equal(malformed.status, 400);

  const filed = await call(polis, 'POST', '/api/v1/cases', report, { 'idempotency-key': 'log-scan-0004' });
  assert.equal(filed.status, 201);
  const { id } = (await filed.json()) as { id: string };
  assert.equal((await call(hub, 'POST', `/api/v1/cases/${id}/claim`, {})).status, 200);
  const decided = (await (await call(hub, 'POST', `/api/v1/cases/${id}/decision`, {})).json()) as { callNow?: { contact: { orgId: string } } };
  assert.equal((await call(hub, 'POST', `/api/v1/cases/${id}/messages`, { kind: 'question', body: `Stämmer det att ${TEST_CHILD_NAME} bor hos mamman?` })).status, 201);
  // Whoever answers now (office or jour, depending on when the test runs) acknowledges.
  const receiver = await login(decided.callNow?.contact.orgId === 'jour-sydost' ? 'sydost' : 'nacka');
  assert.equal((await call(receiver, 'POST', `/api/v1/cases/${id}/acknowledge`, {})).status, 200);
  assert.equal((await call(receiver, 'GET', `/api/v1/cases/${id}`)).status, 200);
  assert.equal((await call(polis, 'GET', `/api/v1/cases/${id}`)).status, 200);

  await untilRequestsLogged(server, '/api/v1/cases/:id');
  // The log is the JSON lines; the demo banner on the terminal prints the demo password on purpose.
  const logs = server.output().split('\n').filter((l) => l.startsWith('{')).join('\n');
  assert.ok(logs.includes('"/api/v1/cases"') || logs.includes('/api/v1/cases'), 'the requests were logged at all');
  const forbidden = [
    TEST_CHILD_PNR,
    `${TEST_CHILD_PNR.slice(0, 8)}-${TEST_CHILD_PNR.slice(8)}`,
    TEST_CHILD_PNR.slice(2),
    TEST_CHILD_NAME,
    'Testvägen',
    'Vårdnadshavare Test',
    'envagin-demo',
    polis.cookie.split('=')[1]!,
  ];
  for (const needle of forbidden) assert.ok(!logs.includes(needle), `the logs contain ${needle.slice(0, 4)}…`);
});
