// Stored secrets are sealed, and resealed: those written in clear before sealing existed, and
// every one of them when SECRETS_KEY is rotated. Through the real login and webhook paths.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog, users, webhookEndpoints } from '../../db/schema.ts';
import { buildApp, type App } from '../../http/app.ts';
import { WebhookSender, webhookSecretContext } from '../../jobs/webhook.ts';
import { openSecret, secretKeyring } from '../../secrets/sealed-secrets.ts';
import { buildTestApp, logInAs, testConfig, type TestApp } from '../../test/app.ts';
import { buildWebhookEndpoint } from '../../test/factories.ts';
import { freshDemoCode } from '../../test/totp.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../directory/demo-people.ts';
import { resealSecrets } from './reseal-secrets.ts';

const KEY_A = 'first-secrets-key-for-this-test-0123456789';
const KEY_B = 'second-secrets-key-for-this-test-9876543210';
const withKeys = (current: string, previous?: string) => testConfig({ SECRETS_KEY: current, ...(previous ? { SECRETS_KEY_PREVIOUS: previous } : {}) });

let t: TestApp;
const db = () => t.testDb.database.db;
const totpOf = async (username: string) => (await db().select().from(users).where(eq(users.username, username)))[0]!;
const resealAudits = () => db().select().from(auditLog).where(eq(auditLog.action, 'secrets.resealed'));

/** Logs in with password and the demo one-time code; the code must be accepted. */
async function logInWithCode(app: App, username: string): Promise<number> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const { csrfToken } = res.json() as { csrfToken: string };
  const verified = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/verify', headers: { cookie, 'x-csrf-token': csrfToken }, payload: { code: freshDemoCode(username) } });
  return verified.statusCode;
}

before(async () => {
  t = await buildTestApp({ SECRETS_KEY: KEY_A });
});
after(() => t.close());

describe('sealed secrets at rest', () => {
  test('the demo seed and a new webhook store their secrets sealed; the webhook secret shown once is the one stored', async () => {
    const hubchef = await totpOf('hubchef');
    assert.match(hubchef.totpSecret!, /^sealed:v1:/);
    assert.ok(!hubchef.totpSecret!.includes(DEMO_TOTP_SECRET));

    const admin = await logInAs(t.app, 'admin');
    const created = await admin.request('POST', '/api/v1/webhook-endpoints', { orgId: 'intake-0182', name: 'SMS-gateway', url: 'https://sms.example.se/hook' });
    assert.equal(created.statusCode, 201, created.body);
    const { endpoint, secret } = created.json() as { endpoint: { id: string }; secret: string };
    const [row] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    assert.match(row!.secret, /^sealed:v1:/);
    assert.ok(!row!.secret.includes(secret));
    assert.equal(openSecret(secretKeyring([KEY_A]), webhookSecretContext(endpoint.id), row!.secret), secret);

    const rotated = await admin.request('PUT', `/api/v1/webhook-endpoints/${endpoint.id}`, { name: 'SMS-gateway', url: 'https://sms.example.se/hook', active: true, rotateSecret: true });
    assert.equal(rotated.statusCode, 200, rotated.body);
    const newSecret = (rotated.json() as { secret: string }).secret;
    const [after] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    assert.equal(openSecret(secretKeyring([KEY_A]), webhookSecretContext(endpoint.id), after!.secret), newSecret);
  });

  test('secrets planted in clear are refused: not sealed, named to the operator, and replaced by a reset or a rotation', async () => {
    const revisor = await totpOf('revisor');
    await db().update(users).set({ totpSecret: DEMO_TOTP_SECRET }).where(eq(users.username, 'revisor'));
    const hook = await buildWebhookEndpoint(db(), { orgId: 'intake-0184', name: 'Planterad', url: 'https://planted.example.se/hook', secret: 'written-in-clear' });
    const ring = withKeys(KEY_A).secrets;
    assert.deepEqual(await resealSecrets(db(), ring), { totpSecrets: 0, webhookSecrets: 0, inClear: { users: ['revisor'], webhooks: ['Planterad'] } });
    assert.equal((await totpOf('revisor')).totpSecret, DEMO_TOTP_SECRET, 'left as it is, not sealed');
    assert.deepEqual(await resealAudits(), []);

    // The one-time code step: a clear 409, audited, not a 500 and not a counted failed attempt.
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'revisor', password: DEMO_PASSWORD } });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const { csrfToken } = login.json() as { csrfToken: string };
    const step = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/verify', headers: { cookie, 'x-csrf-token': csrfToken }, payload: { code: freshDemoCode('revisor') } });
    assert.equal(step.statusCode, 409, step.body);
    assert.equal(step.json().code, 'INVALID_STATE');
    assert.match(step.json().detail, /administratör/);
    const refused = await db().select().from(auditLog).where(eq(auditLog.action, 'auth.mfa_secret_refused'));
    assert.deepEqual(refused.map((a) => a.subjectId), [revisor.id]);
    assert.equal((await totpOf('revisor')).failedLoginCount, revisor.failedLoginCount);

    // The webhook is never signed with it: the delivery fails for good, naming the remedy.
    const sender = new WebhookSender(db(), 'https://envagin.example.se', ring);
    const result = await sender.send({ id: 1, topic: 't', channel: 'webhook', recipient: { webhookId: hook!.id }, payload: { topic: 't', caseNumber: 'ENV-2026-000001', text: 'x', link: '/' }, attempts: 1, maxAttempts: 5 });
    assert.deepEqual(result, { ok: false, permanent: true, detail: 'webhookens hemlighet kan inte användas: rotera den' });

    // The admin's remedies: reset the TOTP (the user enrols again) and rotate the secret.
    const admin = await logInAs(t.app, 'admin');
    assert.equal((await admin.request('POST', `/api/v1/users/${revisor.id}/reset-totp`)).statusCode, 200);
    const rotated = await admin.request('PUT', `/api/v1/webhook-endpoints/${hook!.id}`, { name: 'Planterad', url: 'https://planted.example.se/hook', active: true, rotateSecret: true });
    assert.equal(rotated.statusCode, 200, rotated.body);
    assert.deepEqual((await resealSecrets(db(), ring)).inClear, { users: [], webhooks: [] });
  });

  test('a key that opens none of the stored secrets changes nothing and fails loudly', async () => {
    const before = await db().select().from(users).orderBy(users.id);
    await assert.rejects(resealSecrets(db(), secretKeyring(['a-key-nobody-ever-used-for-anything-000'])), /unknown key/);
    assert.deepEqual(await db().select().from(users).orderBy(users.id), before);
  });

  test('rotation: with the new key and the previous one, every secret moves to the new key; the old key alone then opens nothing', async () => {
    const withTotp = (await db().select().from(users)).filter((u) => u.totpSecret).length;
    const hooks = (await db().select().from(webhookEndpoints)).length;
    const rotating = withKeys(KEY_B, KEY_A);
    assert.deepEqual(await resealSecrets(db(), rotating.secrets), { totpSecrets: withTotp, webhookSecrets: hooks, inClear: { users: [], webhooks: [] } });

    // A server on the new key alone logs a privileged user in with their one-time code.
    const appB = await buildApp({ config: withKeys(KEY_B), database: t.testDb.database });
    try {
      assert.equal(await logInWithCode(appB, 'hubchef'), 200);
    } finally {
      await appB.close();
    }
    await assert.rejects(resealSecrets(db(), secretKeyring([KEY_A])), /unknown key/);
  });
});
