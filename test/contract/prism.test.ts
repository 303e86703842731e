// The API contract checked from outside (issue 23 point 12): a whole case goes through Stoplight
// Prism as a validating proxy (`prism proxy --errors`) in front of the real server, with the
// OpenAPI document that server serves. Every request must match the document (method, path,
// parameters, body, security) and every answer too (status listed, headers, body schema), in the
// happy path and in the errors a client meets: 400, 401, 403, 404, 409, 412. Prism reports a
// mismatch in the `sl-violations` header, answers with its own problem (type …/prism/errors#…)
// when --errors makes a violation fatal, and logs each one; all three must stay empty.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { freePort, startServer, type RunningServer } from '../support/server.ts';
import { validReport } from '../../src/test/reports.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
let server: RunningServer;
let prism: ChildProcess;
let prismLog = '';
let proxy = '';
let dir = '';

before(async () => {
  // Its own Prism, with --errors; not a second one in front (ENVAGIN_TEST_PRISM=1).
  server = await startServer({ LOG_LEVEL: 'warn' }, { prism: false });
  dir = mkdtempSync(join(tmpdir(), 'envagin-contract-'));
  const document = join(dir, 'openapi.json');
  writeFileSync(document, await (await fetch(`${server.url}/api/openapi.json`)).text());
  const port = await freePort();
  proxy = `http://127.0.0.1:${port}`;
  prism = spawn(process.execPath, [join(root, 'node_modules/@stoplight/prism-cli/dist/index.js'), 'proxy', document, server.url, '--errors', '-h', '127.0.0.1', '-p', String(port), '-v', 'warn'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prism.stdout!.on('data', (d: Buffer) => (prismLog += d.toString()));
  prism.stderr!.on('data', (d: Buffer) => (prismLog += d.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (prism.exitCode !== null) throw new Error(`prism exited early:\n${prismLog}`);
    // Up when it answers at all (what it answers is the test's business).
    if (await fetch(`${proxy}/health`).then(() => true, () => false)) break;
    if (Date.now() > deadline) throw new Error(`prism not up within 60 s:\n${prismLog}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

after(async () => {
  if (prism && prism.exitCode === null) {
    const exited = new Promise((resolve) => prism.once('exit', resolve));
    prism.kill('SIGTERM');
    await exited;
  }
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Exchange {
  what: string;
  status: number;
  violations: string | null;
}
const exchanges: Exchange[] = [];

interface Session {
  cookie: string;
  csrf: string;
}

interface Sent {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** One request through the proxy; records what Prism said about it. */
async function send(method: string, path: string, options: { session?: Session | null; body?: unknown; headers?: Record<string, string> } = {}): Promise<Sent> {
  const { session, body, headers = {} } = options;
  const res = await fetch(`${proxy}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(session && { cookie: session.cookie, 'x-csrf-token': session.csrf }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
  // With --errors a fatal violation is answered by Prism itself, as a problem of its own.
  const prismProblem = typeof parsed.type === 'string' && parsed.type.startsWith('https://stoplight.io/prism/errors#') ? text : null;
  exchanges.push({ what: `${method} ${path}`, status: res.status, violations: res.headers.get('sl-violations') ?? prismProblem });
  return { status: res.status, body: parsed, headers: res.headers };
}

async function expect(status: number, method: string, path: string, options: Parameters<typeof send>[2] = {}): Promise<Record<string, unknown>> {
  const res = await send(method, path, options);
  assert.equal(res.status, status, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function login(username: string): Promise<Session> {
  const res = await send('POST', '/api/v1/auth/login', { body: { username, password: 'envagin-demo' } });
  assert.equal(res.status, 200, `login ${username}: ${JSON.stringify(res.body)}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  assert.ok(cookie.includes('='), 'the session cookie comes through the proxy');
  return { cookie, csrf: String(res.body.csrfToken) };
}

test('a whole case and the usual errors go through Prism with 0 violations', { timeout: 120_000 }, async () => {
  await expect(200, 'GET', '/health');
  await expect(200, 'GET', '/api/v1/system/info');
  const polis = await login('polis');
  const hub = await login('hub');
  await expect(200, 'GET', '/api/v1/auth/me', { session: polis });

  // 401: a session cookie the server does not know (Prism itself checks only that one is sent).
  const stale = await expect(401, 'GET', '/api/v1/cases', { session: { cookie: polis.cookie.replace(/=.*/, '=no-such-session'), csrf: polis.csrf } });
  assert.equal(stale.code, 'UNAUTHENTICATED');

  // 400: well-formed by the document, refused by the server's own rule (the personnummer's check digit).
  const report = validReport();
  const badDigit = await expect(400, 'POST', '/api/v1/cases', {
    session: polis,
    body: { ...report, child: { ...report.child, identityNumber: `${report.child.identityNumber!.slice(0, 11)}9` } },
    headers: { 'idempotency-key': 'contract-prism-0001' },
  });
  assert.equal(badDigit.code, 'VALIDATION_FAILED');

  // The police file; the same Idempotency-Key again is the same case (200, not a second one).
  const filed = await expect(201, 'POST', '/api/v1/cases', { session: polis, body: report, headers: { 'idempotency-key': 'contract-prism-0002' } });
  const id = String(filed.id);
  assert.equal((await expect(200, 'POST', '/api/v1/cases', { session: polis, body: report, headers: { 'idempotency-key': 'contract-prism-0002' } })).id, id);
  await expect(200, 'GET', `/api/v1/cases/${id}`, { session: polis });

  // The hub: queue, case, claim. The police may not claim (403); claiming it again is refused (409);
  // a stale If-Match is refused (412); a case that does not exist is 404.
  await expect(200, 'GET', '/api/v1/cases', { session: hub });
  const seen = await expect(200, 'GET', `/api/v1/cases/${id}`, { session: hub });
  assert.equal((await expect(403, 'POST', `/api/v1/cases/${id}/claim`, { session: polis, body: {} })).code, 'FORBIDDEN');
  const claimed = await expect(200, 'POST', `/api/v1/cases/${id}/claim`, { session: hub, body: {}, headers: { 'if-match': `"${String(seen.version)}"` } });
  assert.equal((await expect(409, 'POST', `/api/v1/cases/${id}/claim`, { session: hub, body: {} })).code, 'INVALID_STATE');
  const stalePrecondition = await expect(412, 'POST', `/api/v1/cases/${id}/decision`, { session: hub, body: {}, headers: { 'if-match': `"${String(seen.version)}"` } });
  assert.equal(stalePrecondition.code, 'PRECONDITION_FAILED');
  assert.equal((await expect(404, 'GET', '/api/v1/cases/00000000-0000-4000-8000-000000000000', { session: hub })).code, 'NOT_FOUND');

  // Decide, ask the police a question, and hand over to whoever answers for Nacka now.
  const decided = await expect(200, 'POST', `/api/v1/cases/${id}/decision`, { session: hub, body: {}, headers: { 'if-match': `"${String(claimed.version)}"` } });
  await expect(201, 'POST', `/api/v1/cases/${id}/messages`, { session: hub, body: { kind: 'question', body: 'Finns det syskon i hemmet?' } });
  const callNow = decided.callNow as { contact: { orgId: string } } | null;
  const receiver = await login(callNow?.contact.orgId === 'jour-sydost' ? 'sydost' : 'nacka');
  await expect(200, 'GET', '/api/v1/cases', { session: receiver });
  await expect(200, 'POST', `/api/v1/cases/${id}/acknowledge`, { session: receiver, body: {} });

  // The office intake of Nacka assesses, gives feedback to the police and closes.
  const nacka = callNow?.contact.orgId === 'jour-sydost' ? await login('nacka') : receiver;
  await expect(200, 'POST', `/api/v1/cases/${id}/skyddsbedomning`, {
    session: nacka,
    body: { assessedAt: new Date().toISOString(), outcome: 'no_immediate_protection_needed', measures: '' },
  });
  await expect(200, 'POST', `/api/v1/cases/${id}/forhandsbedomning`, { session: nacka, body: { decision: 'inleda_utredning', decidedOn: new Date().toISOString().slice(0, 10), note: '' } });
  await expect(200, 'POST', `/api/v1/cases/${id}/feedback`, { session: nacka, body: { withheld: false, message: 'Utredning är inledd.' } });
  const closed = await expect(200, 'POST', `/api/v1/cases/${id}/close`, { session: nacka, body: {} });
  assert.equal(closed.status, 'closed');
  const seenByPolice = await expect(200, 'GET', `/api/v1/cases/${id}`, { session: polis });
  assert.equal((seenByPolice.feedback as { message?: string } | null)?.message, 'Utredning är inledd.');
  // Another municipality does not see the case at all: 404, not 403.
  await expect(404, 'GET', `/api/v1/cases/${id}`, { session: await login('solna') });
  await expect(204, 'POST', '/api/v1/auth/logout', { session: polis });

  const violating = exchanges.filter((e) => e.violations !== null);
  assert.deepEqual(violating, [], `Prism found violations in ${violating.length} of ${exchanges.length} exchanges`);
  const logged = prismLog.split('\n').filter((line) => /Violation:|Request terminated with error/.test(line));
  assert.deepEqual(logged, [], 'Prism logged no violation');
  assert.ok(exchanges.length >= 30, `${exchanges.length} exchanges`);
});
