// Stored secrets are sealed, and resealed: those written in clear before sealing existed, and
// every one of them when SECRETS_KEY is rotated. Through the real login and webhook paths.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog, users, webhookEndpoints } from '../../db/schema.ts';
import { buildApp, type App } from '../../http/app.ts';
import { webhookSecretContext } from '../../jobs/webhook.ts';
import { openSecret, secretKeyring } from '../../shared/sealed-secrets.ts';
import { buildTestApp, logInAs, testConfig, type TestApp } from '../../test/app.ts';
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

  test('secrets stored in clear are sealed by resealing, once, and audited', async () => {
    await db().update(users).set({ totpSecret: DEMO_TOTP_SECRET }).where(eq(users.username, 'revisor'));
    const [hook] = await db().insert(webhookEndpoints).values({ orgId: 'intake-0184', name: 'Gammal', url: 'https://old.example.se/hook', secret: 'written-in-clear' }).returning();
    const ring = withKeys(KEY_A).secrets;
    assert.deepEqual(await resealSecrets(db(), ring), { totpSecrets: 1, webhookSecrets: 1 });
    const revisor = await totpOf('revisor');
    assert.match(revisor.totpSecret!, /^sealed:v1:/);
    const [sealedHook] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, hook!.id));
    assert.equal(openSecret(ring, webhookSecretContext(hook!.id), sealedHook!.secret), 'written-in-clear');
    assert.equal(await logInWithCode(t.app, 'revisor'), 200, 'the resealed TOTP secret still verifies codes');

    assert.deepEqual(await resealSecrets(db(), ring), { totpSecrets: 0, webhookSecrets: 0 }, 'nothing left to do');
    assert.deepEqual((await resealAudits()).map((a) => a.details), [{ totpSecrets: 1, webhookSecrets: 1 }]);
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
    assert.deepEqual(await resealSecrets(db(), rotating.secrets), { totpSecrets: withTotp, webhookSecrets: hooks });

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
