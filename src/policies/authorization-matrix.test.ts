// Every role × every endpoint, with the expected outcome written out here by hand (not derived
// from the policy table, so a change to the policies must also change this test).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { demoUsers } from '../features/directory/demo-people.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../test/app.ts';

type Method = 'GET' | 'POST' | 'PUT';
interface Endpoint {
  method: Method;
  url: string;
  body?: unknown;
  /** Usernames of the demo users that may call it. */
  allowed: string[];
}

const everyone = demoUsers.map((u) => u.username);
const hours = { weekly: { 1: [{ start: '08:00', end: '17:00' }] }, closedOnPublicHolidays: true, closedOnEves: true, dayBeforeHoliday: null, exceptions: [] };

const endpoints: Endpoint[] = [
  { method: 'GET', url: '/api/v1/auth/me', allowed: everyone },
  { method: 'GET', url: '/api/v1/directory', allowed: ['hub', 'hubchef', 'admin', 'nacka', 'sydost', 'solna'] },
  { method: 'PUT', url: '/api/v1/directory/organisations/intake-0114/contacts', body: { contacts: [{ label: 'Mottagning', phone: '08-465 004 01' }], reason: 'matris' }, allowed: ['admin'] },
  { method: 'PUT', url: '/api/v1/directory/organisations/intake-0114/hours', body: { hours, reason: 'matris' }, allowed: ['admin'] },
  {
    method: 'PUT',
    url: '/api/v1/directory/jour-groups/jour-sydost/members',
    body: { members: [{ municipalityCode: '0182' }, { municipalityCode: '0138' }, { municipalityCode: '0120' }], reason: 'matris' },
    allowed: ['admin'],
  },
  { method: 'GET', url: '/api/v1/directory/changes', allowed: ['admin', 'revisor', 'hubchef'] },
  { method: 'GET', url: '/api/v1/agreements', allowed: ['admin', 'hub', 'hubchef', 'revisor', 'solna'] },
  {
    method: 'POST',
    url: '/api/v1/agreements',
    body: { municipalityCode: '0114', decidedBy: 'Socialnämnden', dnr: 'MATRIS-1', decisionDate: '2026-01-01', validFrom: '2027-01-01', validTo: null },
    allowed: ['admin'],
  },
  { method: 'POST', url: '/api/v1/agreements/00000000-0000-4000-8000-000000000000/terminate', body: { terminatedFrom: '2027-01-01', reason: 'x' }, allowed: ['admin'] },
  { method: 'GET', url: '/api/v1/routing/decision?residence=0182&found=0182&age=15', allowed: ['hub', 'hubchef', 'admin'] },
  { method: 'GET', url: '/api/v1/coverage?from=2026-01-01&days=1', allowed: ['admin', 'hubchef', 'solna'] },
  // The second factor: only the roles that need one. Their sessions here are already verified
  // and enrolled, so the allowed answer is 409 (nothing to set up or verify).
  { method: 'POST', url: '/api/v1/auth/totp/setup', allowed: ['hubchef', 'admin', 'revisor'] },
  { method: 'POST', url: '/api/v1/auth/totp/verify', body: { code: '000000' }, allowed: ['hubchef', 'admin', 'revisor'] },
  { method: 'GET', url: '/api/v1/audit?limit=5', allowed: ['revisor'] },
  { method: 'GET', url: '/api/v1/audit/verify', allowed: ['revisor'] },
  { method: 'GET', url: '/api/v1/users', allowed: ['admin'] },
  {
    method: 'POST',
    url: '/api/v1/users',
    body: { username: 'matris.ny', displayName: 'Matris Ny', role: 'analyst', orgId: 'hub', password: 'ett-långt-lösenord' },
    allowed: ['admin'],
  },
  { method: 'PUT', url: '/api/v1/users/00000000-0000-4000-8000-000000000000', body: { displayName: 'X' }, allowed: ['admin'] },
  { method: 'POST', url: '/api/v1/users/00000000-0000-4000-8000-000000000000/unlock', allowed: ['admin'] },
  { method: 'POST', url: '/api/v1/users/00000000-0000-4000-8000-000000000000/reset-totp', allowed: ['admin'] },
  { method: 'POST', url: '/api/v1/audit/person-access', body: { identityNumber: '20100101-2382' }, allowed: ['revisor'] },
  { method: 'POST', url: '/api/v1/audit/register-extract', body: { identityNumber: '20100101-2382' }, allowed: ['revisor'] },
  // Notifications and escalation (src/features/notifications).
  { method: 'GET', url: '/api/v1/escalation-policies', allowed: ['admin'] },
  { method: 'GET', url: '/api/v1/escalation-policies/check?from=2026-01-01&days=1', allowed: ['admin'] },
  { method: 'GET', url: '/api/v1/escalation-policies/00000000-0000-4000-8000-000000000000', allowed: ['admin'] },
  {
    method: 'PUT',
    url: '/api/v1/escalation-policies/00000000-0000-4000-8000-000000000000',
    body: { clock: 'claim', municipalityCode: null, name: 'Matris', deadline: { minutes: 10 }, steps: [{ afterMinutes: 0, target: 'hub_supervisor' }], reason: 'matris' },
    allowed: ['admin'],
  },
  { method: 'GET', url: '/api/v1/notifications/deliveries', allowed: ['admin'] },
  { method: 'GET', url: '/api/v1/webhook-endpoints', allowed: ['admin'] },
  { method: 'POST', url: '/api/v1/webhook-endpoints', body: { orgId: 'intake-0114', name: 'Matris', url: 'http://127.0.0.1:9/x', active: false }, allowed: ['admin'] },
  { method: 'PUT', url: '/api/v1/webhook-endpoints/00000000-0000-4000-8000-000000000000', body: { name: 'Matris', url: 'http://127.0.0.1:9/x', active: false }, allowed: ['admin'] },
  { method: 'GET', url: '/api/v1/me/notification-preferences', allowed: everyone },
  { method: 'PUT', url: '/api/v1/me/notification-preferences', body: { preferences: [{ channel: 'sse', enabled: true }] }, allowed: everyone },
];

let t: TestApp;
const users = new Map<string, AsUser>();
before(async () => {
  t = await buildTestApp();
  for (const u of demoUsers) users.set(u.username, await logInAs(t.app, u.username));
});
after(() => t.close());

describe('authorization matrix', () => {
  for (const e of endpoints) {
    test(`${e.method} ${e.url.split('?')[0]}`, async () => {
      const anonymous = await t.app.inject({ method: e.method, url: e.url, ...(e.body ? { payload: e.body as object } : {}) });
      assert.equal(anonymous.statusCode, 401, 'anonymous');
      for (const username of everyone) {
        const res = await users.get(username)!.request(e.method, e.url, e.body);
        if (e.allowed.includes(username)) {
          assert.ok(res.statusCode < 400 || res.statusCode === 404 || res.statusCode === 409, `${username} should be allowed: ${res.statusCode} ${res.body}`);
        } else {
          assert.equal(res.statusCode, 403, `${username} should be forbidden: ${res.body}`);
          assert.equal(res.json().code, 'FORBIDDEN');
        }
      }
    });
  }

  test('a privileged session still waiting for its one-time code gets MFA_REQUIRED everywhere but me and the TOTP steps', async () => {
    const pendingMfa = new Set(['GET /api/v1/auth/me', 'POST /api/v1/auth/totp/setup', 'POST /api/v1/auth/totp/verify']);
    for (const username of ['hubchef', 'admin', 'revisor']) {
      const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'envagin-demo' } });
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const csrf = login.json().csrfToken as string;
      for (const e of endpoints) {
        if (pendingMfa.has(`${e.method} ${e.url.split('?')[0]}`)) continue;
        const res = await t.app.inject({ method: e.method, url: e.url, headers: { cookie, 'x-csrf-token': csrf }, ...(e.body ? { payload: e.body as object } : {}) });
        assert.equal(res.statusCode, 403, `${username} ${e.method} ${e.url}: ${res.body}`);
        assert.equal(res.json().code, 'MFA_REQUIRED');
      }
    }
  });

  test('every API operation in the OpenAPI document is covered by this matrix', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const covered = new Set(endpoints.map((e) => `${e.method} ${e.url.split('?')[0]!.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, '{id}').replace(/(organisations|jour-groups)\/[a-z0-9-]+/, '$1/{orgId}')}`));
    const public_ = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'GET /api/v1/system/info']);
    // A stream never ends, so inject cannot call it; every logged-in role may open it and
    // anonymous gets 401: src/features/notifications/sse.test.ts proves both over a real socket.
    public_.add('GET /api/v1/events');
    for (const [path, ops] of Object.entries(doc.paths)) {
      // Case endpoints depend on the reader's relation to the case: case-authorization-matrix.test.ts.
      if (!path.startsWith('/api/v1/') || path.startsWith('/api/v1/cases')) continue;
      for (const method of Object.keys(ops)) {
        const key = `${method.toUpperCase()} ${path}`;
        assert.ok(covered.has(key) || public_.has(key), `not in the matrix: ${key}`);
      }
    }
  });
});
