// Every role × every endpoint, with the expected outcome written out here by hand (not derived
// from the policy table, so a change to the policies must also change this test). An allowed
// cell is one where the operation is done (its 2xx status, on a resource made to exist and be in
// the state the operation needs); a denied one is 403 FORBIDDEN on that same resource.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import * as schema from '../db/schema.ts';
import { DEMO_PASSWORD, demoUsers } from '../features/directory/demo-people.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../test/app.ts';
import { buildAccessRequest, buildAgreement, buildUser, buildWebhookEndpoint } from '../test/factories.ts';
import { systemGrants, withoutSystemRole } from '../test/system-role-guard.ts';
import { freshDemoCode } from '../test/totp.ts';
import { validReport } from '../test/reports.ts';

type Method = 'GET' | 'POST' | 'PUT';
// The demo users (checked against demo-people.ts below), as a type, so a misspelt name in a cell does not compile.
const everyone = ['polis', 'hub', 'hubchef', 'nacka', 'sydost', 'solna', 'admin', 'revisor', 'analytiker', 'sis'] as const;
type Username = (typeof everyone)[number];

interface Endpoint {
  method: Method;
  /** The path as the OpenAPI document names it, with its {placeholders}. */
  route: string;
  query?: string;
  body?: unknown;
  /** Fills the placeholders with a resource that exists (made here), so an allowed call can succeed. */
  params?: () => Promise<Record<string, string>>;
  /**
   * The status (2xx: the operation was done) of each user who may call it. Every other user
   * gets 403 FORBIDDEN, on the same existing resource.
   */
  allowed: Partial<Record<Username, number>>;
  /**
   * Users who may use the endpoint by role but have no part in the object it names: 404
   * NOT_FOUND, as for a case they have no relation to (an information request of other
   * organisations). Everyone neither allowed nor hidden gets 403.
   */
  hidden?: readonly Username[];
  /** The session an allowed user calls with when the ordinary one (verified and enrolled) could not succeed. */
  sessionFor?: (username: Username) => Promise<{ as: AsUser; restore?: () => Promise<void> }>;
}

const requestRoles = (status: number) => ({ polis: status, hub: status, hubchef: status, nacka: status, sydost: status, solna: status, sis: status });
let groundSeq = 0;
let caseSeq = 0;

/** A request from Nacka to the ROC about a fresh case handed over to Nacka, sent or also acknowledged by the police. */
async function requestFromNacka(state: 'sent' | 'received'): Promise<string> {
  const polis = users.get('polis')!;
  const filed = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': `matrix-request-${++caseSeq}-${process.pid}` },
    payload: validReport(),
  });
  assert.equal(filed.statusCode, 201, filed.body);
  const base = `/api/v1/cases/${filed.json().id}`;
  for (const [user, step] of [['hub', 'claim'], ['hub', 'decision'], ['nacka', 'acknowledge']] as const) {
    const res = await users.get(user)!.request('POST', `${base}/${step}`, {});
    assert.equal(res.statusCode, 200, res.body);
  }
  const sent = await users.get('nacka')!.request('POST', `${base}/information-requests`, {
    addressedOrgId: 'police-roc', kinds: ['risk_assessment'], text: 'Riskbedömning?', legalGroundId: 'osl-10-18a', urgency: 'normal',
  });
  assert.equal(sent.statusCode, 201, sent.body);
  const id = sent.json().id as string;
  if (state === 'received') assert.equal((await polis.request('POST', `/api/v1/information-requests/${id}/acknowledge`, {})).statusCode, 200);
  return id;
}

const all = (status: number) => Object.fromEntries(everyone.map((u) => [u, status])) as Record<Username, number>;
const hours = { weekly: { 1: [{ start: '08:00', end: '17:00' }] }, closedOnPublicHolidays: true, closedOnEves: true, dayBeforeHoliday: null, exceptions: [] };
const db = () => t.testDb.database.db;

/** Logged in with the password only: the one-time code step still to come. */
async function pendingSession(username: string): Promise<AsUser> {
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
  assert.equal(login.statusCode, 200, login.body);
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const csrf = login.json().csrfToken as string;
  return {
    cookie,
    csrf,
    request: (method, url, body) => t.app.inject({ method, url, headers: { cookie, 'x-csrf-token': csrf }, ...(body === undefined ? {} : { payload: body as object }) }),
  };
}

const endpoints: Endpoint[] = [
  { method: 'GET', route: '/api/v1/auth/me', allowed: all(200) },
  { method: 'GET', route: '/api/v1/directory', allowed: { hub: 200, hubchef: 200, admin: 200, nacka: 200, sydost: 200, solna: 200 } },
  {
    method: 'PUT',
    route: '/api/v1/directory/organisations/{orgId}/contacts',
    params: async () => ({ orgId: 'intake-0114' }),
    body: { contacts: [{ label: 'Mottagning', phone: '08-465 004 01' }], reason: 'matris' },
    allowed: { admin: 200 },
  },
  { method: 'PUT', route: '/api/v1/directory/organisations/{orgId}/hours', params: async () => ({ orgId: 'intake-0114' }), body: { hours, reason: 'matris' }, allowed: { admin: 204 } },
  {
    method: 'PUT',
    route: '/api/v1/directory/jour-groups/{orgId}/members',
    params: async () => ({ orgId: 'jour-sydost' }),
    body: { members: [{ municipalityCode: '0182' }, { municipalityCode: '0138' }, { municipalityCode: '0120' }], reason: 'matris' },
    allowed: { admin: 204 },
  },
  { method: 'GET', route: '/api/v1/directory/changes', allowed: { admin: 200, revisor: 200, hubchef: 200 } },
  { method: 'GET', route: '/api/v1/agreements', allowed: { admin: 200, hub: 200, hubchef: 200, revisor: 200, solna: 200 } },
  {
    method: 'POST',
    route: '/api/v1/agreements',
    body: { municipalityCode: '0114', decidedBy: 'Socialnämnden', dnr: 'MATRIS-1', decisionDate: '2026-01-01', validFrom: '2027-01-01', validTo: null },
    allowed: { admin: 201 },
  },
  {
    method: 'POST',
    route: '/api/v1/agreements/{id}/terminate',
    params: async () => ({ id: (await buildAgreement(db(), { municipalityCode: '0138', validFrom: '2027-01-01' })).id }),
    body: { terminatedFrom: '2027-06-01', reason: 'matris' },
    allowed: { admin: 200 },
  },
  { method: 'GET', route: '/api/v1/routing/decision', query: 'residence=0182&found=0182&age=15', allowed: { hub: 200, hubchef: 200, admin: 200 } },
  { method: 'GET', route: '/api/v1/coverage', query: 'from=2026-01-01&days=1', allowed: { admin: 200, hubchef: 200, solna: 200 } },
  // Aggregates only: the analyst county-wide, the municipality manager its own beside the county.
  { method: 'GET', route: '/api/v1/statistics', query: 'from=2026-01&to=2026-03', allowed: { analytiker: 200, solna: 200 } },
  { method: 'GET', route: '/api/v1/statistics/export.csv', query: 'from=2026-01&to=2026-03', allowed: { analytiker: 200, solna: 200 } },
  { method: 'GET', route: '/api/v1/statistics/export.xlsx', query: 'from=2026-01&to=2026-03', allowed: { analytiker: 200, solna: 200 } },
  { method: 'GET', route: '/api/v1/statistics/report.pdf', query: 'from=2026-01&to=2026-03', allowed: { analytiker: 200, solna: 200 } },
  // The second factor, for the roles that need one. Their ordinary sessions are verified and
  // enrolled (so the steps are 409); an allowed user calls from a session still at the step.
  {
    method: 'POST',
    route: '/api/v1/auth/totp/setup',
    allowed: { hubchef: 200, admin: 200, revisor: 200 },
    sessionFor: async (username) => {
      // Enrolment starts only for an account without a second factor: take it away for the
      // call, and put the demo secret back after it.
      const [user] = await db().select().from(schema.users).where(eq(schema.users.username, username));
      await db().update(schema.users).set({ totpSecret: null, totpEnabledAt: null }).where(eq(schema.users.id, user!.id));
      return {
        as: await pendingSession(username),
        restore: async () => {
          await db().update(schema.users).set({ totpSecret: user!.totpSecret, totpEnabledAt: user!.totpEnabledAt }).where(eq(schema.users.id, user!.id));
        },
      };
    },
  },
  {
    method: 'POST',
    route: '/api/v1/auth/totp/verify',
    body: { code: '000000' },
    allowed: { hubchef: 200, admin: 200, revisor: 200 },
    sessionFor: async (username) => {
      const as = await pendingSession(username);
      const code = freshDemoCode(username);
      assert.ok(code, `an unused one-time code for ${username}`);
      return { as: { ...as, request: (method, url) => as.request(method, url, { code }) } };
    },
  },
  // The log search takes its filters in the body (a personnummer never in a URL).
  { method: 'POST', route: '/api/v1/audit/search', body: { subjectId: '20100101-2382', limit: 5 }, allowed: { revisor: 200 } },
  { method: 'GET', route: '/api/v1/audit/verify', allowed: { revisor: 200 } },
  { method: 'GET', route: '/api/v1/users', allowed: { admin: 200 } },
  // No password: the new user is invited by e-mail (a role that reads case content answers 202, src/features/users/invitations.test.ts).
  { method: 'POST', route: '/api/v1/users', body: { username: 'matris.ny', displayName: 'Matris Ny', email: 'matris.ny@example.se', role: 'analyst', orgId: 'hub' }, allowed: { admin: 201 } },
  { method: 'POST', route: '/api/v1/users/{id}/password-reset', params: async () => ({ id: (await buildUser(db(), { email: 'matris.reset@example.se' })).id }), allowed: { admin: 200 } },
  { method: 'GET', route: '/api/v1/invitations', allowed: { admin: 200 } },
  // Four eyes (src/policies/access-requests.ts): a second admin, the hub's supervisor for the
  // hub's roles, Solna's manager for Solna's units. Each allowed user decides the same pending
  // request, put back to pending after each call.
  { method: 'GET', route: '/api/v1/access-requests', allowed: { admin: 200, hubchef: 200, solna: 200 } },
  ...(['approve', 'reject'] as const).flatMap((decision): Endpoint[] =>
    [
      { role: 'hub.handler' as const, orgId: 'hub', allowed: { admin: 200, hubchef: 200 } },
      { role: 'municipality.intake' as const, orgId: 'intake-0184', allowed: { admin: 200, solna: 200 } },
    ].map((c) => {
      let requestId = '';
      return {
        method: 'POST',
        route: `/api/v1/access-requests/{id}/${decision}`,
        params: async () => ({ id: (requestId = (await buildAccessRequest(db(), c)).id) }),
        allowed: c.allowed,
        sessionFor: async (username) => ({
          as: users.get(username)!,
          restore: async () => {
            await db().update(schema.accessRequests).set({ status: 'pending', decidedBy: null, decidedAt: null }).where(eq(schema.accessRequests.id, requestId));
          },
        }),
      };
    }),
  ),
  { method: 'PUT', route: '/api/v1/users/{id}', params: async () => ({ id: (await buildUser(db())).id }), body: { displayName: 'X' }, allowed: { admin: 200 } },
  {
    method: 'POST',
    route: '/api/v1/users/{id}/unlock',
    params: async () => ({ id: (await buildUser(db(), { failedLoginCount: 5, lockedUntil: new Date(Date.now() + 60 * 60_000) })).id }),
    allowed: { admin: 200 },
  },
  // Lifting a login throttle (src/policies/unlock.ts): a user of the hub, then one of Solna's intake unit.
  { method: 'POST', route: '/api/v1/auth/users/{id}/unlock', params: async () => ({ id: (await buildUser(db(), { orgId: 'hub' })).id }), allowed: { admin: 200, hubchef: 200 } },
  {
    method: 'POST',
    route: '/api/v1/auth/users/{id}/unlock',
    params: async () => ({ id: (await buildUser(db(), { role: 'municipality.intake', orgId: 'intake-0184' })).id }),
    allowed: { admin: 200, solna: 200 },
  },
  { method: 'POST', route: '/api/v1/users/{id}/reset-totp', params: async () => ({ id: (await buildUser(db(), { role: 'hub.supervisor' })).id }), allowed: { admin: 200 } },
  { method: 'POST', route: '/api/v1/audit/person-access', body: { identityNumber: '20100101-2382' }, allowed: { revisor: 200 } },
  { method: 'POST', route: '/api/v1/audit/register-extract', body: { identityNumber: '20100101-2382' }, allowed: { revisor: 200 } },
  // The disclosure register (utlämnanden): the auditor only.
  { method: 'POST', route: '/api/v1/disclosures/search', body: { identityNumber: '20100101-2382' }, allowed: { revisor: 200 } },
  { method: 'POST', route: '/api/v1/disclosures/export.csv', body: { organisationId: 'hub' }, allowed: { revisor: 200 } },
  { method: 'GET', route: '/api/v1/disclosures/organisations', allowed: { revisor: 200 } },
  // Notifications and escalation (src/features/notifications).
  { method: 'GET', route: '/api/v1/escalation-policies', allowed: { admin: 200 } },
  { method: 'GET', route: '/api/v1/escalation-policies/check', query: 'from=2026-01-01&days=1', allowed: { admin: 200 } },
  { method: 'GET', route: '/api/v1/escalation-policies/{id}', params: async () => ({ id: 'default-claim' }), allowed: { admin: 200 } },
  {
    method: 'PUT',
    route: '/api/v1/escalation-policies/{id}',
    params: async () => ({ id: 'matris-claim-0114' }),
    body: { clock: 'claim', municipalityCode: '0114', name: 'Matris', deadline: { minutes: 10 }, steps: [{ afterMinutes: 0, target: 'hub_supervisor' }], reason: 'matris' },
    allowed: { admin: 200 },
  },
  { method: 'GET', route: '/api/v1/notifications/deliveries', allowed: { admin: 200 } },
  // Demo mode without SMTP_URL (as this app runs): the built-in outbox of e-mails.
  { method: 'GET', route: '/api/v1/notifications/demo-outbox', allowed: { admin: 200 } },
  { method: 'GET', route: '/api/v1/webhook-endpoints', allowed: { admin: 200 } },
  { method: 'POST', route: '/api/v1/webhook-endpoints', body: { orgId: 'intake-0114', name: 'Matris', url: 'http://127.0.0.1:9/x', active: false }, allowed: { admin: 201 } },
  {
    method: 'PUT',
    route: '/api/v1/webhook-endpoints/{id}',
    params: async () => ({ id: (await buildWebhookEndpoint(db(), { orgId: 'intake-0114' })).id }),
    body: { name: 'Matris', url: 'http://127.0.0.1:9/x', active: false },
    allowed: { admin: 200 },
  },
  // Information requests (issue 20). By role: the roles that ask and answer; by relation to the
  // request: a request from Nacka to the ROC, so polis is the addressee, nacka the asker, and the
  // other request roles have no part in it (404).
  { method: 'GET', route: '/api/v1/information-requests', allowed: requestRoles(200) },
  { method: 'GET', route: '/api/v1/party-cases', allowed: requestRoles(200) },
  {
    method: 'GET',
    route: '/api/v1/information-requests/{requestId}',
    params: async () => ({ requestId: await requestFromNacka('sent') }),
    allowed: { polis: 200, nacka: 200 },
    hidden: ['hub', 'hubchef', 'sydost', 'solna', 'sis'],
  },
  {
    method: 'POST',
    route: '/api/v1/information-requests/{requestId}/acknowledge',
    params: async () => ({ requestId: await requestFromNacka('sent') }),
    body: {},
    allowed: { polis: 200 },
    hidden: ['hub', 'hubchef', 'sydost', 'solna', 'sis'],
  },
  {
    method: 'POST',
    route: '/api/v1/information-requests/{requestId}/answer',
    params: async () => ({ requestId: await requestFromNacka('received') }),
    body: { text: 'Svar', risk: { level: 'low', assessedOn: '2026-01-01', knownAffiliation: 'no' } },
    allowed: { polis: 200 },
    hidden: ['hub', 'hubchef', 'sydost', 'solna', 'sis'],
  },
  {
    method: 'POST',
    route: '/api/v1/information-requests/{requestId}/decline',
    params: async () => ({ requestId: await requestFromNacka('received') }),
    body: { reason: 'Sekretess' },
    allowed: { polis: 200 },
    hidden: ['hub', 'hubchef', 'sydost', 'solna', 'sis'],
  },
  {
    method: 'POST',
    route: '/api/v1/information-requests/{requestId}/withdraw',
    params: async () => ({ requestId: await requestFromNacka('sent') }),
    body: {},
    allowed: { nacka: 200 },
    hidden: ['hub', 'hubchef', 'sydost', 'solna', 'sis'],
  },
  {
    method: 'GET',
    route: '/api/v1/legal-grounds',
    allowed: { ...requestRoles(200), admin: 200 },
  },
  { method: 'POST', route: '/api/v1/legal-grounds', body: { id: 'matris-grund', citation: '1 § Matris', description: 'Matris' }, allowed: { admin: 201 } },
  {
    method: 'PUT',
    route: '/api/v1/legal-grounds/{id}',
    params: async () => {
      const id = `matris-${++groundSeq}`;
      await db().insert(schema.legalGrounds).values({ id, citation: `${groundSeq} § Matris`, description: 'Matris' });
      return { id };
    },
    body: { citation: '1 § Matris, rättad', description: 'Matris' },
    allowed: { admin: 200 },
  },
  {
    method: 'POST',
    route: '/api/v1/legal-grounds/{id}/retire',
    params: async () => {
      const id = `matris-${++groundSeq}`;
      await db().insert(schema.legalGrounds).values({ id, citation: `${groundSeq} § Matris`, description: 'Matris' });
      return { id };
    },
    allowed: { admin: 200 },
  },
  { method: 'PUT', route: '/api/v1/me/language', body: { language: 'en' }, allowed: all(200) },
  { method: 'GET', route: '/api/v1/me/notification-preferences', allowed: all(200) },
  { method: 'PUT', route: '/api/v1/me/notification-preferences', body: { preferences: [{ channel: 'sse', enabled: true }] }, allowed: all(200) },
];

const urlOf = (e: Endpoint, params: Record<string, string>) =>
  e.route.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? assert.fail(`no ${name} for ${e.route}`)) + (e.query ? `?${e.query}` : '');
/** For calls refused before any lookup: a well-formed id that names nothing. */
const placeholders = { id: '00000000-0000-4000-8000-000000000000', orgId: 'intake-0114', requestId: '00000000-0000-4000-8000-000000000000' };

/**
 * Every call on behalf of a signed-in user runs while the engine's role may touch no table
 * (src/test/system-role-guard.ts): a handler that forgot the reader's context answers 500 here.
 */
const asReader = <T>(e: Endpoint, call: () => Promise<T>): Promise<T> =>
  STILL_ON_SYSTEM_ROLE.has(`${e.method} ${e.route}`) ? call() : withoutSystemRole(db(), call);
/**
 * Handlers exempt from the guard (docs/row-level-security.md). Only ever shrinks: empty since the
 * administration and audit screens took their own roles (drizzle/0040_administration_roles.sql).
 */
const STILL_ON_SYSTEM_ROLE = new Set<string>([]);

let t: TestApp;
const users = new Map<string, AsUser>();
before(async () => {
  assert.deepEqual(demoUsers.map((u) => u.username).sort(), [...everyone].sort(), 'every demo user has a column');
  // Office hours on a Tuesday, so a report about a Nacka child is handed to Nacka's intake
  // (requestFromNacka) whatever the time the test runs.
  t = await buildTestApp({}, () => new Date('2026-03-03T10:00:00+01:00'));
  for (const u of everyone) users.set(u, await logInAs(t.app, u));
  grantsBefore = await systemGrants(db());
});
after(() => t.close());
let grantsBefore: Awaited<ReturnType<typeof systemGrants>> = [];

describe('authorization matrix', () => {
  for (const e of endpoints) {
    test(`${e.method} ${e.route}`, async () => {
      const url = urlOf(e, (await e.params?.()) ?? {});
      const anonymous = await t.app.inject({ method: e.method, url, ...(e.body ? { payload: e.body as object } : {}) });
      assert.equal(anonymous.statusCode, 401, 'anonymous');
      for (const username of everyone) {
        const expected = e.allowed[username];
        if (expected === undefined && e.hidden?.includes(username)) {
          const res = await users.get(username)!.request(e.method, url, e.body);
          assert.equal(res.statusCode, 404, `${username} should not find it: ${res.body}`);
          assert.equal(res.json().code, 'NOT_FOUND');
          continue;
        }
        if (expected === undefined) {
          const res = await asReader(e, () => users.get(username)!.request(e.method, url, e.body));
          assert.equal(res.statusCode, 403, `${username} should be forbidden: ${res.body}`);
          assert.equal(res.json().code, 'FORBIDDEN');
          continue;
        }
        assert.ok(expected >= 200 && expected < 300, 'allowed means done');
        const session = e.sessionFor ? await e.sessionFor(username) : { as: users.get(username)! };
        try {
          const res = await asReader(e, () => session.as.request(e.method, url, e.body));
          assert.equal(res.statusCode, expected, `${username} should be allowed: ${res.body}`);
        } finally {
          await session.restore?.();
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
        if (pendingMfa.has(`${e.method} ${e.route}`)) continue;
        const res = await t.app.inject({ method: e.method, url: urlOf(e, placeholders), headers: { cookie, 'x-csrf-token': csrf }, ...(e.body ? { payload: e.body as object } : {}) });
        assert.equal(res.statusCode, 403, `${username} ${e.method} ${e.route}: ${res.body}`);
        assert.equal(res.json().code, 'MFA_REQUIRED');
      }
    }
  });

  test('the exemptions from the guard name endpoints of this matrix (a stale one is removed, never kept)', () => {
    const listed = new Set(endpoints.map((e) => `${e.method} ${e.route}`));
    assert.deepEqual([...STILL_ON_SYSTEM_ROLE].filter((k) => !listed.has(k)), []);
  });

  test('the guard restored the engine’s privileges exactly', async () => {
    assert.ok(grantsBefore.length > 20);
    assert.deepEqual(await systemGrants(db()), grantsBefore);
  });

  test('every API operation in the OpenAPI document is covered by this matrix', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const covered = new Set(endpoints.map((e) => `${e.method} ${e.route}`));
    const public_ = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'GET /api/v1/system/info']);
    // The set-password page's calls: the link's token is the credential (src/features/users/invitations.test.ts).
    public_.add('POST /api/v1/auth/password-link');
    public_.add('POST /api/v1/auth/password-link/password');
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
