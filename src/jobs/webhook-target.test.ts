// Issue 22 item 9 (SSRF): outside demo mode a webhook is https only and never reaches an address
// inside the network, whether written as an address or as a name that resolves to one, when it is
// saved (400) and when a delivery connects (a real listener on loopback sees no connection).
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, logInAs, type TestApp } from '../test/app.ts';
import { buildWebhookEndpoint } from '../test/factories.ts';
import { WebhookSender } from './webhook.ts';
import { isInternalAddress, refuseWebhookUrl, type WebhookTargetRule } from './webhook-target.ts';

const enforced: WebhookTargetRule = { enforce: true, allowedHosts: new Set() };

describe('which addresses are internal', () => {
  for (const address of ['127.0.0.1', '10.2.3.4', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1']) {
    test(`${address} is internal`, () => assert.equal(isInternalAddress(address), true));
  }
  for (const address of ['93.184.216.34', '172.32.0.1', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) {
    test(`${address} is not`, () => assert.equal(isInternalAddress(address), false));
  }
});

describe('saving a webhook address', () => {
  test('outside demo mode: plain http, internal addresses and names resolving to them are refused', async () => {
    for (const url of ['http://hooks.example.se/in', 'https://127.0.0.1/in', 'https://[::1]:8443/in', 'https://10.0.0.7/in', 'https://169.254.169.254/latest', 'https://localhost:9999/in', 'https://[::ffff:192.168.0.1]/']) {
      assert.ok(await refuseWebhookUrl(url, enforced), url);
    }
    assert.equal(await refuseWebhookUrl('https://93.184.216.34/in', enforced), null);
    assert.equal(await refuseWebhookUrl('https://localhost:9999/in', { enforce: true, allowedHosts: new Set(['localhost']) }), null, 'a host the configuration names');
    assert.equal(await refuseWebhookUrl('http://127.0.0.1/in', { enforce: false, allowedHosts: new Set() }), null, 'demo mode');
  });
});

describe('through the API and the engine', () => {
  let t: TestApp;
  let listener: Server;
  let port = 0;
  let connections = 0;
  before(async () => {
    t = await buildTestApp();
    listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    port = (listener.address() as { port: number }).port;
  });
  after(async () => {
    await new Promise((resolve) => listener.close(resolve));
    await t.close();
  });

  test('the admin API refuses an internal target with a clear 400 when the rule is on', async () => {
    t.app.deps.config.webhookTargets = enforced;
    try {
      const admin = await logInAs(t.app, 'admin');
      for (const url of [`https://localhost:${port}/in`, 'http://sms.example.se/in']) {
        const res = await admin.request('POST', '/api/v1/webhook-endpoints', { orgId: null, name: 'Intern', url });
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.json().code, 'VALIDATION_FAILED');
      }
    } finally {
      t.app.deps.config.webhookTargets = { enforce: false, allowedHosts: new Set() };
    }
  });

  test('a delivery to a name that resolves inward, or to an internal address, never connects', async () => {
    const ring = t.app.deps.config.secrets;
    const sender = new WebhookSender(t.testDb.database.db, 'https://envagin.example.se', ring, enforced);
    const outboxRow = (webhookId: string) => ({ id: 1, topic: 't', channel: 'webhook' as const, recipient: { webhookId }, payload: { topic: 't', caseNumber: 'ENV-2026-000001', text: 'x', link: '/' }, attempts: 1, maxAttempts: 5 });
    const byName = await buildWebhookEndpoint(t.testDb.database.db, { url: `https://localhost:${port}/in` }, { ring, secret: 'hemlig-nyckel-1' });
    const result = await sender.send(outboxRow(byName.id));
    assert.equal(result.ok, false);
    assert.match(String(result.detail), /internt nät/);
    const byAddress = await buildWebhookEndpoint(t.testDb.database.db, { url: `https://127.0.0.1:${port}/in` }, { ring, secret: 'hemlig-nyckel-2' });
    assert.deepEqual(await sender.send(outboxRow(byAddress.id)), { ok: false, permanent: true, detail: 'webhookens adress är intern' });
    const plain = await buildWebhookEndpoint(t.testDb.database.db, { url: `http://127.0.0.1:${port}/in` }, { ring, secret: 'hemlig-nyckel-3' });
    assert.deepEqual(await sender.send(outboxRow(plain.id)), { ok: false, permanent: true, detail: 'webhooken måste använda https' });
    assert.equal(connections, 0, 'no connection was made');
    // The same endpoint with the host allowed by name is reached (the listener drops it: a network error, but a connection).
    const allowed = new WebhookSender(t.testDb.database.db, 'https://envagin.example.se', ring, { enforce: true, allowedHosts: new Set(['localhost']) });
    assert.match(String((await allowed.send(outboxRow(byName.id))).detail), /nätverksfel/);
    assert.equal(connections, 1);
  });
});
