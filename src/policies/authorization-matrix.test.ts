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

  test('every API operation in the OpenAPI document is covered by this matrix', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const covered = new Set(endpoints.map((e) => `${e.method} ${e.url.split('?')[0]!.replace(/[0-9a-f-]{36}/, '{id}').replace(/(organisations|jour-groups)\/[a-z0-9-]+/, '$1/{orgId}')}`));
    const public_ = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'GET /api/v1/system/info']);
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const method of Object.keys(ops)) {
        const key = `${method.toUpperCase()} ${path}`;
        assert.ok(covered.has(key) || public_.has(key), `not in the matrix: ${key}`);
      }
    }
  });
});
