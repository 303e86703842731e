// Directory, agreements and their history through HTTP against a real database: every change is
// versioned and audited, and routing sees it at once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { desc, eq } from 'drizzle-orm';
import { auditLog, directoryChanges } from '../../db/schema.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';

let t: TestApp;
let admin: AsUser;
let hub: AsUser;
before(async () => {
  t = await buildTestApp();
  admin = await logInAs(t.app, 'admin');
  hub = await logInAs(t.app, 'hub');
});
after(() => t.close());

const FRIDAY_NIGHT = encodeURIComponent('2025-03-07T23:00:00+01:00');
const TUESDAY_MORNING = encodeURIComponent('2025-03-04T10:00:00+01:00');

describe('directory', () => {
  test('lists all 26 county municipalities with intake and jour', async () => {
    const res = await hub.request('GET', '/api/v1/directory');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    const county = body.municipalities.filter((m: { inCounty: boolean }) => m.inCounty);
    assert.equal(county.length, 26);
    const nacka = county.find((m: { code: string }) => m.code === '0182');
    assert.equal(nacka.intakeOrgId, 'intake-0182');
    assert.deepEqual(nacka.jourOrgIds, ['jour-sydost']);
    assert.equal(body.hub.name, 'Stockholms stads socialjour');
  });

  test('changing the Nacka jour number is versioned, audited and used by routing at once', async () => {
    const beforeRes = await hub.request('GET', `/api/v1/routing/decision?residence=0182&found=0182&age=15&at=${FRIDAY_NIGHT}`);
    const oldPhone = beforeRes.json().contact.phone;
    const res = await admin.request('PUT', '/api/v1/directory/organisations/jour-sydost/contacts', {
      contacts: [
        { label: 'Jourtelefon (ny växel)', phone: '08-465 004 99', email: 'sydostjouren@demo.envagin.se' },
        { label: 'Jourchef', phone: '070-174 06 99' },
      ],
      reason: 'Ny växel från 1 mars',
    });
    assert.equal(res.statusCode, 200, res.body);
    const after = await hub.request('GET', `/api/v1/routing/decision?residence=0182&found=0182&age=15&at=${FRIDAY_NIGHT}`);
    assert.equal(after.json().contact.phone, '08-465 004 99');

    const history = await admin.request('GET', '/api/v1/directory/changes?entityId=jour-sydost');
    const [change] = history.json().changes;
    assert.equal(change.action, 'contacts_replaced');
    assert.equal(change.actorName, 'Systemförvaltare Demo');
    assert.equal(change.before[0].phone, oldPhone);
    assert.equal(change.after[0].phone, '08-465 004 99');
    assert.equal(change.reason, 'Ny växel från 1 mars');
    const [audit] = await t.testDb.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    assert.equal(audit!.action, 'directory.contacts_replaced');
    assert.equal(audit!.subjectId, 'jour-sydost');
  });

  test('closing Nacka intake early on a given day routes to the jour then', async () => {
    const current = (await hub.request('GET', '/api/v1/directory')).json();
    const unit = current.organisations.find((o: { orgId: string }) => o.orgId === 'intake-0182');
    const hours = { ...unit.hours, exceptions: [{ date: '2025-03-04', ranges: [{ start: '08:00', end: '09:00' }], note: 'Personalmöte' }] };
    const res = await admin.request('PUT', '/api/v1/directory/organisations/intake-0182/hours', { hours, reason: 'Stänger tidigt' });
    assert.equal(res.statusCode, 204, res.body);
    const decision = (await hub.request('GET', `/api/v1/routing/decision?residence=0182&found=0182&age=15&at=${TUESDAY_MORNING}`)).json();
    assert.equal(decision.contact.kind, 'jour');
    assert.equal(decision.contact.orgName, 'Sydostjouren');
  });

  test('invalid calendars and contacts are 400 with Swedish messages, and change nothing', async () => {
    const count = async () => (await t.testDb.database.db.select().from(directoryChanges).where(eq(directoryChanges.entityId, 'intake-0184'))).length;
    const n = await count();
    const badHours = await admin.request('PUT', '/api/v1/directory/organisations/intake-0184/hours', {
      hours: { weekly: { 1: [{ start: '17:00', end: '08:00' }] }, closedOnPublicHolidays: true, closedOnEves: true, dayBeforeHoliday: null, exceptions: [] },
      reason: 'test',
    });
    assert.equal(badHours.statusCode, 400);
    assert.equal(badHours.json().code, 'VALIDATION_FAILED');
    assert.match(badHours.json().detail, /Ogiltigt tidsintervall/);
    const badPhone = await admin.request('PUT', '/api/v1/directory/organisations/intake-0184/contacts', { contacts: [{ label: 'x', phone: 'ring mig' }], reason: 'test' });
    assert.equal(badPhone.statusCode, 400);
    assert.equal(badPhone.json().errors[0].path, 'body.contacts.0.phone');
    const empty = await admin.request('PUT', '/api/v1/directory/organisations/intake-0184/contacts', { contacts: [], reason: 'test' });
    assert.equal(empty.statusCode, 400);
    const unknown = await admin.request('PUT', '/api/v1/directory/organisations/no-such-org/contacts', { contacts: [{ label: 'x', phone: '08-465 004 01' }], reason: 'x' });
    assert.equal(unknown.statusCode, 404);
    const badParam = await admin.request('PUT', '/api/v1/directory/organisations/DROP%20TABLE/contacts', { contacts: [{ label: 'x', phone: '08-465 004 01' }], reason: 'x' });
    assert.equal(badParam.statusCode, 400);
    assert.equal(await count(), n);
  });
});

describe('jour group members', () => {
  test('moving Tyresö out of Sydostjouren leaves it uncovered at night, and back again', async () => {
    const url = '/api/v1/directory/jour-groups/jour-sydost/members';
    const out = await admin.request('PUT', url, { members: [{ municipalityCode: '0182' }, { municipalityCode: '0120' }], reason: 'Tyresö lämnar' });
    assert.equal(out.statusCode, 204, out.body);
    const gaps = (await admin.request('GET', '/api/v1/coverage?from=2026-01-05&days=1')).json().gaps;
    assert.deepEqual([...new Set(gaps.map((g: { municipalityCode: string }) => g.municipalityCode))], ['0138']);
    const bad = await admin.request('PUT', url, { members: [{ municipalityCode: '0380' }], reason: 'x' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, 'body.members.0.municipalityCode');
    const back = await admin.request('PUT', url, {
      members: [{ municipalityCode: '0182' }, { municipalityCode: '0120' }, { municipalityCode: '0138', from: '2026-01-01' }],
      reason: 'Tyresö tillbaka',
    });
    assert.equal(back.statusCode, 204, back.body);
    assert.deepEqual((await admin.request('GET', '/api/v1/coverage?from=2026-01-05&days=1')).json().gaps, []);
    const history = (await admin.request('GET', '/api/v1/directory/changes?entityId=jour-sydost')).json().changes;
    assert.equal(history[0].action, 'jour_members_replaced');
    assert.equal(history[0].reason, 'Tyresö tillbaka');
  });
});

describe('agreements', () => {
  test('the register lists 25 agreements with Nacka decided 2024-02-20', async () => {
    const res = await hub.request('GET', '/api/v1/agreements');
    assert.equal(res.statusCode, 200);
    const list = res.json().agreements;
    assert.equal(list.length, 25);
    const nacka = list.find((a: { municipalityCode: string }) => a.municipalityCode === '0182');
    assert.equal(nacka.dnr, 'SOCN-2024-00067');
    assert.equal(nacka.decisionDate, '2024-02-20');
    assert.equal(nacka.validFrom, '2024-03-01');
  });

  test('terminating Solna from a date removes the agreement basis from that day', async () => {
    const list = (await admin.request('GET', '/api/v1/agreements')).json().agreements;
    const solna = list.find((a: { municipalityCode: string }) => a.municipalityCode === '0184');
    const res = await admin.request('POST', `/api/v1/agreements/${solna.id}/terminate`, { terminatedFrom: '2025-07-01', reason: 'Uppsagt av kommunen' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().terminatedFrom, '2025-07-01');
    const lastDay = (await hub.request('GET', `/api/v1/routing/decision?residence=0184&found=0184&age=15&at=${encodeURIComponent('2025-06-30T12:00:00+02:00')}`)).json();
    assert.equal(lastDay.basis, 'agreement');
    const firstDay = (await hub.request('GET', `/api/v1/routing/decision?residence=0184&found=0184&age=15&at=${encodeURIComponent('2025-07-01T12:00:00+02:00')}`)).json();
    assert.equal(firstDay.basis, 'none');
    assert.equal(firstDay.handling, 'forward');
    const again = await admin.request('POST', `/api/v1/agreements/${solna.id}/terminate`, { terminatedFrom: '2025-08-01', reason: 'igen' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'INVALID_STATE');
  });

  test('a new agreement is validated', async () => {
    const inverted = await admin.request('POST', '/api/v1/agreements', {
      municipalityCode: '0184', decidedBy: 'Socialnämnden i Solna', dnr: 'SN-2025-1', decisionDate: '2025-09-01', validFrom: '2025-10-01', validTo: '2025-09-01',
    });
    assert.equal(inverted.statusCode, 400);
    const outside = await admin.request('POST', '/api/v1/agreements', {
      municipalityCode: '0380', decidedBy: 'Socialnämnden i Uppsala', dnr: 'SN-2025-2', decisionDate: '2025-09-01', validFrom: '2025-10-01', validTo: null,
    });
    assert.equal(outside.statusCode, 400);
    const created = await admin.request('POST', '/api/v1/agreements', {
      municipalityCode: '0184', decidedBy: 'Socialnämnden i Solna', dnr: 'SN-2025-3', decisionDate: '2025-09-01', validFrom: '2025-10-01', validTo: null,
    });
    assert.equal(created.statusCode, 201, created.body);
    const duplicate = await admin.request('POST', '/api/v1/agreements', {
      municipalityCode: '0184', decidedBy: 'Socialnämnden i Solna', dnr: 'SN-2025-3', decisionDate: '2025-09-01', validFrom: '2025-10-01', validTo: null,
    });
    assert.equal(duplicate.statusCode, 409);
  });
});

describe('routing and coverage over HTTP', () => {
  test('a Stockholm resident at night: own handling, socialjouren answers', async () => {
    const res = await hub.request('GET', `/api/v1/routing/decision?residence=0180&found=0180&age=12&at=${FRIDAY_NIGHT}`);
    assert.equal(res.statusCode, 200);
    const d = res.json();
    assert.equal(d.basis, 'own_residence');
    assert.equal(d.handling, 'own');
    assert.equal(d.contact.orgName, 'Stockholms stads socialjour');
  });

  test('bad routing queries are 400 naming the field', async () => {
    for (const [q, field] of [
      ['residence=182&found=0180&age=12', 'querystring.residence'],
      ['residence=0180&found=0180&age=tolv', 'querystring.age'],
      ['residence=0180&found=0180&age=12&at=yesterday', 'querystring.at'],
      ['residence=0180&found=0180&age=12&extra=1', 'querystring'],
    ] as const) {
      const res = await hub.request('GET', `/api/v1/routing/decision?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.ok(res.json().errors.some((e: { path: string }) => e.path.startsWith(field)), `${q}: ${res.body}`);
    }
  });

  test('coverage of the demo directory has no gap over a year; removing a jour creates gaps', async () => {
    const none = await admin.request('GET', '/api/v1/coverage?from=2026-01-01&days=365');
    assert.equal(none.statusCode, 200);
    assert.deepEqual(none.json().gaps, []);
    const res = await admin.request('PUT', '/api/v1/directory/organisations/jour-nordost/hours', {
      hours: { weekly: { 1: [{ start: '17:00', end: '22:00' }] }, closedOnPublicHolidays: false, closedOnEves: false, dayBeforeHoliday: null, exceptions: [] },
      reason: 'Nordostjouren bara måndagkvällar (test)',
    });
    assert.equal(res.statusCode, 204, res.body);
    const gaps = (await admin.request('GET', '/api/v1/coverage?from=2026-01-05&days=7')).json().gaps;
    assert.ok(gaps.some((g: { municipalityCode: string }) => g.municipalityCode === '0160'), 'Täby has gaps');
    assert.ok(!gaps.some((g: { municipalityCode: string }) => g.municipalityCode === '0182'), 'Nacka is still covered');
  });
});
