// OpenID Connect against a real provider started here (the `oidc-provider` package, one
// client, PKCE required, accounts whose claims carry role and organisation). The browser is
// played by fetch with a small cookie jar, following every redirect by hand: our /oidc/start →
// the provider's authorization endpoint → its login and consent interactions (devInteractions)
// → our /oidc/callback, which exchanges the code at the provider's token endpoint, checks state,
// nonce and PKCE, reads userinfo, provisions the user and sets the session.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { and, desc, eq, like } from 'drizzle-orm';
import Provider from 'oidc-provider';
import { accessRequests, auditLog, outbox, passwordLinks, users } from '../../db/schema.ts';
import { buildTestApp, logInAs, type TestApp } from '../../test/app.ts';
import { freePort } from '../../../test/support/server.ts';
import { OIDC_STATE_COOKIE, openState, sealState } from './oidc-state.ts';

const CLIENT_SECRET = 'oidc-test-client-secret-0123456789';
const accounts: Record<string, Record<string, unknown>> = {
  anna: { name: 'Anna Handläggare', email: 'anna@example.invalid', envagin_role: 'hub.handler', envagin_org: 'hub' },
  kim: { name: 'Kim Chef', envagin_role: 'hub.supervisor', envagin_org: 'hub' },
  siv: { name: 'Siv Analytiker', envagin_role: 'analyst', envagin_org: 'hub' },
  mallory: { name: 'Mallory', envagin_role: 'superuser', envagin_org: 'hub' },
  olle: { name: 'Olle', envagin_role: 'municipality.intake', envagin_org: 'no-such-org' },
};

let t: TestApp;
let providerServer: Server;
let issuer: string;
const appOrigin = 'http://app.test';
const redirectUri = `${appOrigin}/api/v1/auth/oidc/callback`;

before(async () => {
  const port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'envagin', client_secret: CLIENT_SECRET, redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
    async findAccount(_ctx, id) {
      const claims = accounts[id];
      if (!claims) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
    },
    claims: { openid: ['sub'], profile: ['name'], email: ['email'], envagin: ['envagin_role', 'envagin_org'] },
    scopes: ['openid', 'profile', 'email', 'envagin'],
    pkce: { required: () => true },
    cookies: { keys: ['oidc-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  providerServer = provider.listen(port);
  await new Promise<void>((resolve) => providerServer.once('listening', () => resolve()));
  assert.equal((providerServer.address() as AddressInfo).port, port);
  t = await buildTestApp({
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'envagin',
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_REDIRECT_URI: redirectUri,
    OIDC_SCOPES: 'openid profile email envagin',
  });
});
after(async () => {
  // The app's close() fails on a Prism contract break (ENVAGIN_TEST_PRISM=1); the rest is closed anyway.
  try {
    await t?.close();
  } finally {
    await new Promise((resolve) => providerServer?.close(resolve));
  }
});

/** Cookies per origin, as a browser keeps them (paths ignored: extra cookies are harmless here). */
class Jar {
  private readonly byOrigin = new Map<string, Map<string, string>>();
  store(origin: string, setCookie: string[] | string | undefined) {
    const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    for (const c of list) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(name);
      else jar.set(name, value);
    }
    this.byOrigin.set(origin, jar);
  }
  header(origin: string): string {
    return [...(this.byOrigin.get(origin) ?? new Map<string, string>()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(origin: string, name: string) {
    return this.byOrigin.get(origin)?.get(name);
  }
}

interface Step {
  status: number;
  location: string | null;
  body: string;
}

/** One request as the browser would send it: to our app through inject, to the provider over HTTP. */
async function browse(jar: Jar, url: string, form?: Record<string, string>): Promise<Step> {
  const u = new URL(url);
  if (u.origin === appOrigin) {
    const res = await t.app.inject({ method: 'GET', url: u.pathname + u.search, headers: { cookie: jar.header(appOrigin) } });
    jar.store(appOrigin, res.headers['set-cookie'] as string[] | string | undefined);
    return { status: res.statusCode, location: (res.headers.location as string | undefined) ?? null, body: res.body };
  }
  const res = await fetch(url, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: { cookie: jar.header(u.origin), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  jar.store(u.origin, res.headers.getSetCookie());
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location, url).href : null, body: await res.text() };
}

/** Runs the whole login as `account`; returns the final answer of our callback. */
async function oidcLogin(jar: Jar, account: string, tamper?: (callbackUrl: URL) => void): Promise<Step> {
  let step = await browse(jar, `${appOrigin}/api/v1/auth/oidc/start`);
  assert.equal(step.status, 302);
  const authUrl = new URL(step.location!);
  assert.equal(authUrl.origin, issuer);
  assert.equal(authUrl.searchParams.get('code_challenge_method'), 'S256');
  assert.ok(authUrl.searchParams.get('state') && authUrl.searchParams.get('nonce') && authUrl.searchParams.get('code_challenge'));
  for (let hops = 0; hops < 12; hops++) {
    step = await browse(jar, step.location!);
    if (step.location?.startsWith(redirectUri)) {
      const callback = new URL(step.location);
      tamper?.(callback);
      return browse(jar, callback.href);
    }
    if (step.status === 200 && /name="prompt" value="login"/.test(step.body)) {
      step = await browse(jar, new URL(/action="([^"]+)"/.exec(step.body)![1]!, issuer).href, { prompt: 'login', login: account, password: 'x' });
    } else if (step.status === 200 && /name="prompt" value="consent"/.test(step.body)) {
      step = await browse(jar, new URL(/action="([^"]+)"/.exec(step.body)![1]!, issuer).href, { prompt: 'consent' });
    }
    assert.ok(step.location, `stuck at ${step.status}: ${step.body.slice(0, 300)}`);
  }
  throw new Error('too many redirects');
}

async function lastAudit() {
  const [row] = await t.testDb.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  return row!;
}

describe('OpenID Connect login against a real provider', () => {
  test('a first login whose role reads cases files an access request and gets no session until a second person approves', async () => {
    const db = t.testDb.database.db;
    const jar = new Jar();
    const waiting = await oidcLogin(jar, 'anna');
    assert.equal(waiting.status, 302);
    assert.equal(waiting.location, '/?inloggning=vantar', 'the login page says the access waits for approval');
    assert.equal(jar.get(appOrigin, 'envagin_session'), undefined, 'no session');
    assert.deepEqual(await db.select().from(users).where(eq(users.oidcSubject, 'anna')), [], 'no account, so no role, before approval');
    const [pending] = await db.select().from(accessRequests).where(and(eq(accessRequests.oidcIssuer, issuer), eq(accessRequests.oidcSubject, 'anna')));
    assert.equal(pending!.status, 'pending');
    assert.equal(pending!.kind, 'create');
    assert.equal(pending!.role, 'hub.handler');
    assert.equal(pending!.orgId, 'hub');
    assert.equal(pending!.requestedBy, null, 'asked by the login itself');
    const requested = await db.select().from(auditLog).where(and(eq(auditLog.action, 'access.requested'), eq(auditLog.subjectId, pending!.id)));
    assert.equal(requested.length, 1);
    assert.equal(requested[0]!.details.method, 'oidc');
    assert.equal((await lastAudit()).details.reason, 'awaiting_approval');
    // The hub's supervisors are alerted (the role is the hub's), naming no person.
    const [alert] = await db.select().from(outbox).where(like(outbox.dedupeKey, `access.requested:${pending!.id}|%`));
    assert.ok(alert, 'the organisation’s manager is alerted');
    assert.doesNotMatch(JSON.stringify(alert!.payload), /Anna/);

    // Logging in again while it waits files nothing new.
    assert.equal((await oidcLogin(new Jar(), 'anna')).location, '/?inloggning=vantar');
    assert.equal((await db.select().from(accessRequests).where(eq(accessRequests.oidcSubject, 'anna'))).length, 1);

    // The hub's supervisor approves through the approvals API; the account is created with the IdP identity and no invitation.
    const hubchef = await logInAs(t.app, 'hubchef');
    const list = await hubchef.request('GET', '/api/v1/access-requests');
    const listed = list.json().requests.find((r: { id: string }) => r.id === pending!.id);
    assert.equal(listed.requestedBy.id, null);
    assert.equal(listed.mayDecide, true);
    const approved = await hubchef.request('POST', `/api/v1/access-requests/${pending!.id}/approve`);
    assert.equal(approved.statusCode, 200, approved.body);
    const [row] = await db.select().from(users).where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, 'anna')));
    assert.equal(row!.role, 'hub.handler');
    assert.equal(row!.passwordHash, null, 'no local password');
    assert.equal(row!.email, 'anna@example.invalid');
    assert.deepEqual(await db.select().from(passwordLinks).where(eq(passwordLinks.userId, row!.id)), [], 'no invitation link for an IdP account');

    const done = await oidcLogin(jar, 'anna');
    assert.equal(done.status, 200);
    assert.match(done.body, /http-equiv="refresh" content="0;url=\/"/);
    assert.ok(jar.get(appOrigin, 'envagin_session'), 'session cookie set');
    assert.equal(jar.get(appOrigin, OIDC_STATE_COOKIE), undefined, 'state cookie cleared');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: jar.header(appOrigin) } });
    assert.equal(me.statusCode, 200, me.body);
    const body = me.json();
    assert.equal(body.user.role, 'hub.handler');
    assert.equal(body.user.organisation.id, 'hub');
    assert.equal(body.user.displayName, 'Anna Handläggare');
    assert.equal(body.mfaRequired, false);
    const actions = (await db.select().from(auditLog).where(eq(auditLog.subjectId, row!.id))).map((r) => r.action);
    assert.deepEqual(actions, ['user.created', 'auth.logged_in']);
  });

  test('a role changed at the IdP waits for approval too: no session meanwhile, the approved role unchanged, then the same account gets the new one', async () => {
    const db = t.testDb.database.db;
    accounts.anna!.envagin_role = 'hub.supervisor';
    try {
      const jar = new Jar();
      assert.equal((await oidcLogin(jar, 'anna')).location, '/?inloggning=vantar');
      assert.equal(jar.get(appOrigin, 'envagin_session'), undefined);
      const [before] = await db.select().from(users).where(eq(users.oidcSubject, 'anna'));
      assert.equal(before!.role, 'hub.handler', 'not applied before approval');
      const [pending] = await db.select().from(accessRequests).where(and(eq(accessRequests.userId, before!.id), eq(accessRequests.status, 'pending')));
      assert.equal(pending!.kind, 'change');
      assert.equal(pending!.role, 'hub.supervisor');
      const admin = await logInAs(t.app, 'admin');
      assert.equal((await admin.request('POST', `/api/v1/access-requests/${pending!.id}/approve`)).statusCode, 200);

      assert.equal((await oidcLogin(jar, 'anna')).status, 200);
      const rows = await db.select().from(users).where(eq(users.oidcSubject, 'anna'));
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.role, 'hub.supervisor');
      // A privileged role from the IdP needs no TOTP step: the IdP vouches for the authentication.
      const dir = await t.app.inject({ method: 'GET', url: '/api/v1/directory', headers: { cookie: jar.header(appOrigin) } });
      assert.equal(dir.statusCode, 200);
    } finally {
      accounts.anna!.envagin_role = 'hub.handler';
    }
  });

  test('a pending request the IdP no longer asserts is withdrawn at the next login, so a later approval cannot grant it', async () => {
    const db = t.testDb.database.db;
    const ofBo = async () => db.select().from(accessRequests).where(eq(accessRequests.oidcSubject, 'bo')).orderBy(accessRequests.requestedAt);
    accounts.bo = { name: 'Bo Handläggare', email: 'bo@example.invalid', envagin_role: 'hub.handler', envagin_org: 'hub' };
    try {
      // A first login files a new account as hub.handler.
      assert.equal((await oidcLogin(new Jar(), 'bo')).location, '/?inloggning=vantar');
      const [asHandler] = await ofBo();
      assert.equal(asHandler!.status, 'pending');

      // The IdP now says hub.supervisor: the handler request is withdrawn and one for what is asserted now waits.
      accounts.bo.envagin_role = 'hub.supervisor';
      assert.equal((await oidcLogin(new Jar(), 'bo')).location, '/?inloggning=vantar');
      const afterRoleChange = await ofBo();
      assert.deepEqual(afterRoleChange.map((r) => [r.role, r.status]), [['hub.handler', 'withdrawn'], ['hub.supervisor', 'pending']]);

      // The IdP now says analyst: the account is provisioned at once, and the supervisor request is not left behind.
      accounts.bo.envagin_role = 'analyst';
      const jar = new Jar();
      assert.equal((await oidcLogin(jar, 'bo')).status, 200);
      assert.deepEqual((await ofBo()).map((r) => r.status), ['withdrawn', 'withdrawn']);
      const admin = await logInAs(t.app, 'admin');
      for (const stale of afterRoleChange) {
        const answer = await admin.request('POST', `/api/v1/access-requests/${stale.id}/approve`, {});
        assert.equal(answer.statusCode, 409, answer.body);
      }
      const [account] = await db.select().from(users).where(eq(users.oidcSubject, 'bo'));
      assert.equal(account!.role, 'analyst', 'no approval of a withdrawn request gives the role the IdP took back');

      // A change (analyst → hub.handler) waits; the IdP takes it back before anyone decides: withdrawn, the role stays.
      accounts.bo.envagin_role = 'hub.handler';
      assert.equal((await oidcLogin(new Jar(), 'bo')).location, '/?inloggning=vantar');
      const [change] = (await ofBo()).filter((r) => r.status === 'pending');
      assert.equal(change!.kind, 'change');
      accounts.bo.envagin_role = 'analyst';
      assert.equal((await oidcLogin(new Jar(), 'bo')).status, 200);
      assert.equal((await admin.request('POST', `/api/v1/access-requests/${change!.id}/approve`, {})).statusCode, 409);
      const [still] = await db.select().from(users).where(eq(users.oidcSubject, 'bo'));
      assert.equal(still!.role, 'analyst');

      const withdrawn = await db.select().from(auditLog).where(eq(auditLog.action, 'access.withdrawn'));
      assert.deepEqual(withdrawn.map((r) => [r.subjectId, r.details.reason]).sort(), [...afterRoleChange.map((r) => r.id), change!.id].map((id) => [id, 'idp_no_longer_asserts']).sort());
    } finally {
      delete accounts.bo;
    }
  });

  test('a role that reads no case content (analyst) is provisioned at the first login without approval', async () => {
    const jar = new Jar();
    assert.equal((await oidcLogin(jar, 'siv')).status, 200);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: jar.header(appOrigin) } });
    assert.equal(me.json().user.role, 'analyst');
    const [row] = await t.testDb.database.db.select().from(users).where(eq(users.oidcSubject, 'siv'));
    const actions = (await t.testDb.database.db.select().from(auditLog).where(eq(auditLog.subjectId, row!.id))).map((r) => r.action);
    assert.deepEqual(actions, ['user.provisioned', 'auth.logged_in']);
  });

  for (const [account, reason] of [['mallory', 'bad_role'], ['olle', 'unknown_org']] as const) {
    test(`claims that do not map are refused (${reason})`, async () => {
      const jar = new Jar();
      const done = await oidcLogin(jar, account);
      assert.equal(done.status, 302);
      assert.equal(done.location, '/?inloggning=misslyckades');
      assert.equal(jar.get(appOrigin, 'envagin_session'), undefined);
      const audit = await lastAudit();
      assert.equal(audit.action, 'auth.login_failed');
      assert.equal(audit.details.reason, reason);
    });
  }

  test('a callback whose state does not match the signed cookie is refused', async () => {
    const jar = new Jar();
    const done = await oidcLogin(jar, 'anna', (callback) => callback.searchParams.set('state', 'forged-state'));
    assert.equal(done.location, '/?inloggning=misslyckades');
    assert.match(String((await lastAudit()).details.reason), /^exchange_failed/);
  });

  test('a callback without the state cookie (another browser) is refused', async () => {
    const jar = new Jar();
    const done = await oidcLogin(jar, 'anna', () => {
      jar.store(appOrigin, `${OIDC_STATE_COOKIE}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT`);
    });
    assert.equal(done.location, '/?inloggning=misslyckades');
    assert.equal((await lastAudit()).details.reason, 'missing_or_invalid_state_cookie');
  });

  test('the state cookie is signed and expires', () => {
    const sealed = sealState({ state: 's', nonce: 'n', codeVerifier: 'v', exp: Math.floor(Date.now() / 1000) + 60 }, CLIENT_SECRET);
    assert.equal(openState(sealed, CLIENT_SECRET)?.state, 's');
    assert.equal(openState(sealed, 'another-secret-of-enough-length'), null);
    assert.equal(openState(`${sealed.slice(0, -2)}xx`, CLIENT_SECRET), null);
    assert.equal(openState(sealed, CLIENT_SECRET, Date.now() + 120_000), null);
  });
});
