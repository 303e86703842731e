// Issue 22 item 1: an administrator cannot reach case content by choosing a password or a role.
// Passwords are set only by the user, through a single-use, expiring link sent by e-mail (here to
// a real SMTP server); a role that reads case content or administers needs a second person.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { accessRequests, auditLog, outbox, passwordLinks, users } from '../../db/schema.ts';
import { ManualClock } from '../../jobs/clock-source.ts';
import type { Engine } from '../../jobs/engine.ts';
import { createEngine } from '../../jobs/start-engine.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';

let now = new Date('2030-01-07T09:00:00Z');
let t: TestApp;
let engine: Engine;
let smtp: SMTPServer;
let admin: AsUser;
let hubchef: AsUser;
let solna: AsUser;
const mails: { to: string; text: string }[] = [];

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString()));
      stream.on('end', () => {
        // Quoted-printable: undo the soft line breaks so a link reads whole.
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), text: raw.replace(/=\r?\n/g, '') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const port = (smtp.server.address() as AddressInfo).port;
  t = await buildTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'https://envagin.example.se' }, () => now);
  engine = createEngine(t.app, { clock: new ManualClock(now), databaseUrl: null });
  admin = await logInAs(t.app, 'admin');
  hubchef = await logInAs(t.app, 'hubchef');
  solna = await logInAs(t.app, 'solna');
});
after(async () => {
  // The app's close() fails on a Prism contract break (ENVAGIN_TEST_PRISM=1); the rest is closed anyway.
  try {
    await t.close();
  } finally {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
});

const db = () => t.testDb.database.db;
const anonymous = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });

/** Delivers the outbox and returns the token of the newest link mailed to `to`. */
async function mailedToken(to: string): Promise<string> {
  await engine.runOnce(now);
  const mail = mails.filter((m) => m.to === to).at(-1);
  assert.ok(mail, `a mail to ${to}`);
  const match = /https:\/\/envagin\.example\.se\/konto\/losenord#([A-Za-z0-9_-]{43})/.exec(mail.text);
  assert.ok(match, `a password link in the mail: ${mail.text}`);
  return match[1]!;
}

const userNamed = async (username: string) => (await db().select().from(users).where(eq(users.username, username)))[0];
const auditCount = async (action: string, subjectId: string) =>
  (await db().select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)))).length;

describe('accounts without an admin-chosen password', () => {
  test('an admin can no longer set or reset a password directly (the way to a case used to be: choose one, log in as the user)', async () => {
    const created = await admin.request('POST', '/api/v1/users', { username: 'egen.kod', displayName: 'Egen Kod', email: 'egen@example.se', role: 'analyst', orgId: 'hub', password: 'ett-långt-lösenord' });
    assert.equal(created.statusCode, 400, created.body);
    const nacka = (await userNamed('nacka'))!;
    const reset = await admin.request('PUT', `/api/v1/users/${nacka.id}`, { password: 'ett-långt-lösenord' });
    assert.equal(reset.statusCode, 400, reset.body);
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nacka', password: 'ett-långt-lösenord' } })).statusCode, 401);
  });

  test('a new analyst is invited by e-mail and sets their own password; the link works once and the admin never sees it', async () => {
    const res = await admin.request('POST', '/api/v1/users', { username: 'ny.analytiker', displayName: 'Ny Analytiker', email: 'ny.analytiker@example.se', role: 'analyst', orgId: 'hub' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().request, null);
    const user = (await userNamed('ny.analytiker'))!;
    assert.equal(user.passwordHash, null);
    const token = await mailedToken('ny.analytiker@example.se');
    assert.ok(!res.body.includes(token));
    // Only a hash of the token is stored, and the e-mail's row holds it sealed.
    const [link] = await db().select().from(passwordLinks).where(eq(passwordLinks.userId, user.id));
    assert.notEqual(link!.tokenHash, token);
    const rows = await db().select().from(outbox).where(eq(outbox.dedupeKey, `password-link:${link!.id}`));
    assert.equal(rows.length, 1);
    assert.ok(!JSON.stringify(rows[0]).includes(token));
    const links = await admin.request('GET', '/api/v1/invitations');
    assert.equal(links.statusCode, 200);
    assert.ok(!links.body.includes(token));
    assert.equal(links.json().links.find((l: { id: string }) => l.id === link!.id).delivery, 'sent');

    const info = await anonymous('/api/v1/auth/password-link', { token });
    assert.equal(info.statusCode, 200, info.body);
    assert.deepEqual([info.json().username, info.json().purpose, info.json().mfaRequired], ['ny.analytiker', 'invitation', false]);
    assert.equal((await anonymous('/api/v1/auth/password-link/password', { token, password: 'kort' })).statusCode, 400);
    assert.equal((await anonymous('/api/v1/auth/password-link/password', { token, password: 'mitt-eget-långa-lösenord' })).statusCode, 204);
    assert.equal((await anonymous('/api/v1/auth/password-link/password', { token, password: 'ett-annat-långt-lösenord' })).statusCode, 404, 'used once');
    assert.equal((await anonymous('/api/v1/auth/password-link', { token })).statusCode, 404);
    assert.equal((await logInAs(t.app, 'ny.analytiker', 'mitt-eget-långa-lösenord')).cookie.length > 0, true);
    assert.equal(await auditCount('user.password_set', user.id), 1);
    assert.equal(link!.expiresAt.getTime() - now.getTime(), 72 * 3_600_000);
  });

  test('a reset link goes to the user’s own address and expires; a newer link ends the older', async () => {
    const user = (await userNamed('ny.analytiker'))!;
    assert.equal((await admin.request('POST', `/api/v1/users/${user.id}/password-reset`)).statusCode, 200);
    const first = await mailedToken('ny.analytiker@example.se');
    assert.equal((await admin.request('POST', `/api/v1/users/${user.id}/password-reset`)).statusCode, 200);
    const second = await mailedToken('ny.analytiker@example.se');
    assert.notEqual(first, second);
    assert.equal((await anonymous('/api/v1/auth/password-link', { token: first })).statusCode, 404, 'the older link ended');
    assert.equal((await anonymous('/api/v1/auth/password-link', { token: second })).json().purpose, 'reset');
    now = new Date(now.getTime() + 2 * 3_600_000 + 1000);
    assert.equal((await anonymous('/api/v1/auth/password-link/password', { token: second, password: 'ett-nytt-långt-lösenord' })).statusCode, 404, 'expired');
    const nacka = (await userNamed('nacka'))!;
    assert.equal((await admin.request('POST', `/api/v1/users/${nacka.id}/password-reset`)).statusCode, 409, 'no address to send to');
    assert.equal((await anonymous('/api/v1/auth/password-link', { token: 'x' })).statusCode, 400);
  });
});

describe('four eyes on roles that read case content', () => {
  test('a new hub handler exists only after a second person approves; the requester cannot, the hub’s supervisor is alerted and can', async () => {
    const res = await admin.request('POST', '/api/v1/users', { username: 'ny.handlaggare', displayName: 'Ny Handläggare', email: 'ny.handlaggare@example.se', role: 'hub.handler', orgId: 'hub' });
    assert.equal(res.statusCode, 202, res.body);
    const id = res.json().request.id as string;
    assert.equal(await userNamed('ny.handlaggare'), undefined, 'no account before approval');
    assert.equal((await admin.request('POST', '/api/v1/users', { username: 'ny.handlaggare', displayName: 'X', email: 'x@example.se', role: 'hub.handler', orgId: 'hub' })).statusCode, 409);
    const hubchefId = (await userNamed('hubchef'))!.id;
    const alerts = await db().select().from(outbox).where(eq(outbox.topic, 'access.requested'));
    assert.ok(alerts.some((a) => (a.recipient as { userId?: string }).userId === hubchefId), 'the hub’s supervisor is alerted');
    assert.ok(alerts.every((a) => !JSON.stringify(a.payload).includes('Ny Handläggare')), 'the alert names no person');

    assert.equal((await admin.request('POST', `/api/v1/access-requests/${id}/approve`)).statusCode, 403, 'never the requester');
    assert.equal((await solna.request('POST', `/api/v1/access-requests/${id}/approve`)).statusCode, 403, 'another organisation’s manager');
    const mine = await admin.request('GET', '/api/v1/access-requests');
    assert.equal(mine.json().requests.find((r: { id: string }) => r.id === id).mayDecide, false);
    const list = await hubchef.request('GET', '/api/v1/access-requests');
    assert.deepEqual(list.json().requests.map((r: { id: string; mayDecide: boolean }) => [r.id, r.mayDecide]), [[id, true]]);
    assert.deepEqual((await solna.request('GET', '/api/v1/access-requests')).json().requests, []);

    const approved = await hubchef.request('POST', `/api/v1/access-requests/${id}/approve`);
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().status, 'approved');
    assert.equal((await hubchef.request('POST', `/api/v1/access-requests/${id}/approve`)).statusCode, 409);
    const user = (await userNamed('ny.handlaggare'))!;
    assert.equal(user.role, 'hub.handler');
    assert.equal(await auditCount('access.requested', id), 1);
    assert.equal(await auditCount('access.approved', id), 1);
    const token = await mailedToken('ny.handlaggare@example.se');
    assert.equal((await anonymous('/api/v1/auth/password-link/password', { token, password: 'handläggarens-eget-lösenord' })).statusCode, 204);
    await logInAs(t.app, 'ny.handlaggare', 'handläggarens-eget-lösenord');
  });

  test('changing the role or e-mail address of an account waits for approval; a rejection changes nothing', async () => {
    const analyst = (await userNamed('ny.analytiker'))!;
    const res = await admin.request('PUT', `/api/v1/users/${analyst.id}`, { role: 'hub.handler', displayName: 'Analytiker Ny' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().role, 'analyst', 'not applied yet');
    assert.equal(res.json().displayName, 'Analytiker Ny', 'the name is applied at once');
    const [pending] = await db().select().from(accessRequests).where(and(eq(accessRequests.userId, analyst.id), eq(accessRequests.status, 'pending')));
    assert.ok(pending);
    assert.equal((await hubchef.request('POST', `/api/v1/access-requests/${pending.id}/reject`)).statusCode, 200);
    assert.equal((await userNamed('ny.analytiker'))!.role, 'analyst');
    assert.equal(await auditCount('access.rejected', pending.id), 1);

    // The address a reset link goes to is part of the grant: an admin cannot point it at themself.
    const handler = (await userNamed('ny.handlaggare'))!;
    const move = await admin.request('PUT', `/api/v1/users/${handler.id}`, { email: 'admin@example.se' });
    assert.equal(move.statusCode, 200);
    assert.equal(move.json().email, 'ny.handlaggare@example.se');
    assert.equal((await admin.request('PUT', `/api/v1/users/${handler.id}`, { email: 'annan@example.se' })).statusCode, 409, 'one pending change at a time');
    const [change] = await db().select().from(accessRequests).where(and(eq(accessRequests.userId, handler.id), eq(accessRequests.status, 'pending')));
    assert.equal((await hubchef.request('POST', `/api/v1/access-requests/${change!.id}/approve`)).statusCode, 200);
    assert.equal((await userNamed('ny.handlaggare'))!.email, 'admin@example.se');

    // A downgrade to aggregates only needs nobody else.
    const down = await admin.request('PUT', `/api/v1/users/${handler.id}`, { role: 'analyst' });
    assert.equal(down.json().role, 'analyst');
    assert.deepEqual(await db().select().from(accessRequests).where(eq(accessRequests.status, 'pending')), []);
  });

  test('a new administrator needs a second admin; a hub supervisor cannot approve it', async () => {
    const res = await admin.request('POST', '/api/v1/users', { username: 'ny.admin', displayName: 'Ny Admin', email: 'ny.admin@example.se', role: 'admin', orgId: 'hub' });
    assert.equal(res.statusCode, 202, res.body);
    assert.equal((await hubchef.request('POST', `/api/v1/access-requests/${res.json().request.id}/approve`)).statusCode, 403);
  });
});
