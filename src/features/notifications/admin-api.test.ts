// The admin side: policies (read, replace, audited), the advance check of unreachable steps,
// delivery history without message text, and preferences that route e-mail.
import assert from 'node:assert/strict';
import { clockKinds } from '../../domain/deadlines.ts';
import { after, before, describe, test } from 'node:test';
import { withTransaction } from '../../db/transaction.ts';
import { enqueueNotification } from '../../jobs/notify.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';

let t: TestApp;
let admin: AsUser;
before(async () => {
  t = await buildTestApp();
  admin = await logInAs(t.app, 'admin');
});
after(() => t.close());

describe('escalation policies API', () => {
  test('the defaults are seeded and can be replaced, with an audit row', async () => {
    const list = (await admin.request('GET', '/api/v1/escalation-policies')).json() as { policies: { id: string; clock: string }[] };
    assert.deepEqual(list.policies.map((p) => p.clock).sort(), [...clockKinds].sort(), 'a default policy for every clock');
    const body = { clock: 'acknowledge', municipalityCode: '0182', name: 'Nacka: kvittens', deadline: { minutes: 15 }, steps: [{ afterMinutes: 0, target: 'hub_supervisor', repeatEveryMinutes: 5 }], reason: 'Nacka vill ha kortare frist' };
    const res = await admin.request('PUT', '/api/v1/escalation-policies/nacka-acknowledge', body);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().deadline, { minutes: 15 });
    const bad = await admin.request('PUT', '/api/v1/escalation-policies/nacka-acknowledge', { ...body, steps: [{ afterMinutes: 10, target: 'x' }] });
    assert.equal(bad.statusCode, 400);
    const dup = await admin.request('PUT', '/api/v1/escalation-policies/another-id', body);
    assert.equal(dup.statusCode, 409, 'one policy per clock and municipality');
    const moved = await admin.request('PUT', '/api/v1/escalation-policies/nacka-acknowledge', { ...body, municipalityCode: '0184' });
    assert.equal(moved.statusCode, 409, "a policy's clock and municipality cannot change");
    assert.equal((await admin.request('GET', '/api/v1/escalation-policies/nacka-acknowledge')).json().municipalityCode, '0182');
    assert.equal((await admin.request('GET', '/api/v1/escalation-policies/no-such-policy')).statusCode, 404);
  });

  test('the check flags steps that reach nobody: a municipality without a manager user', async () => {
    const res = await admin.request('GET', '/api/v1/escalation-policies/check?from=2026-06-19&days=2');
    assert.equal(res.statusCode, 200);
    const problems = res.json().problems as { municipalityCode: string; target: string; reason: string; clock: string }[];
    assert.ok(problems.some((p) => p.municipalityCode === '0182' && p.target === 'municipality_manager' && p.reason === 'no_user'));
    assert.ok(!problems.some((p) => p.municipalityCode === '0184' && p.target === 'municipality_manager'), 'Solna has a manager');
  });
});

describe('deliveries and preferences', () => {
  test('a user who chooses e-mail gets it; the admin sees the delivery without its text', async () => {
    const nacka = await logInAs(t.app, 'nacka');
    const put = await nacka.request('PUT', '/api/v1/me/notification-preferences', { preferences: [{ channel: 'email', enabled: true, address: 'handlaggare@nacka.demo.envagin.se' }] });
    assert.equal(put.statusCode, 200, put.body);
    await withTransaction(t.testDb.database.db, (tx) =>
      enqueueNotification(tx, { topic: 'case.handed_over', caseNumber: 'ENV-2026-000401', orgIds: ['intake-0182'], text: 'Hemlig text som inte ska synas.', link: '/arenden/x' }),
    );
    const res = await admin.request('GET', '/api/v1/notifications/deliveries?channel=email');
    const deliveries = res.json().deliveries as { recipient: { kind: string; ref: string }; caseNumber: string }[];
    assert.deepEqual(deliveries.map((d) => d.recipient.ref).sort(), ['h***@nacka.demo.envagin.se', 'm***@nacka.demo.envagin.se']);
    assert.ok(deliveries.every((d) => d.caseNumber === 'ENV-2026-000401'));
    assert.doesNotMatch(res.body, /Hemlig text/);
  });

  test('webhook endpoints: the secret is shown once, never listed', async () => {
    const created = await admin.request('POST', '/api/v1/webhook-endpoints', { orgId: 'intake-0182', name: 'SMS', url: 'https://sms.example.se/in' });
    assert.equal(created.statusCode, 201, created.body);
    assert.ok((created.json().secret as string).length >= 40);
    const list = await admin.request('GET', '/api/v1/webhook-endpoints');
    assert.doesNotMatch(list.body, new RegExp(created.json().secret as string));
  });

  test('a webhook endpoint is changed without a new secret, or rotated with one shown once; an unknown id is 404', async () => {
    const created = (await admin.request('POST', '/api/v1/webhook-endpoints', { orgId: null, name: 'Larm', url: 'https://larm.example.se/in' })).json();
    const url = `/api/v1/webhook-endpoints/${created.endpoint.id as string}`;
    const changed = await admin.request('PUT', url, { name: 'Larm (av)', url: 'https://larm.example.se/in', active: false });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.deepEqual([changed.json().endpoint.name, changed.json().endpoint.active, changed.json().secret], ['Larm (av)', false, null]);
    const rotated = await admin.request('PUT', url, { name: 'Larm', url: 'https://larm.example.se/in', active: true, rotateSecret: true });
    assert.equal(rotated.statusCode, 200, rotated.body);
    assert.ok((rotated.json().secret as string).length >= 40);
    assert.notEqual(rotated.json().secret, created.secret);
    const unknown = await admin.request('PUT', '/api/v1/webhook-endpoints/00000000-0000-4000-8000-000000000000', { name: 'X', url: 'https://x.example.se', active: true });
    assert.equal(unknown.statusCode, 404);
  });
});
