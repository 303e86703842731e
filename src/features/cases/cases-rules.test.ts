// Every guard of the case's life through HTTP: bad reports, duplicates, protected identity,
// own/forward/return cases, overrides, refusals, concurrency, If-Match, and the thread.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../db/schema.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { validReport } from '../../test/reports.ts';
import type { ReportBody } from '../../shared/api/cases.ts';

let now = new Date('2026-03-03T10:00:00+01:00'); // a Tuesday morning: offices open
let t: TestApp;
let polis: AsUser, hub: AsUser, hubchef: AsUser, nacka: AsUser, sydost: AsUser;
let seq = 0;

before(async () => {
  t = await buildTestApp({}, () => now);
  polis = await logInAs(t.app, 'polis');
  hub = await logInAs(t.app, 'hub');
  hubchef = await logInAs(t.app, 'hubchef');
  nacka = await logInAs(t.app, 'nacka');
  sydost = await logInAs(t.app, 'sydost');
});
after(() => t.close());

async function file(report: ReportBody, user = polis) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: user.cookie, 'x-csrf-token': user.csrf, 'idempotency-key': `test-key-${++seq}-${Date.now()}` },
    payload: report,
  });
}

async function filed(report: ReportBody): Promise<string> {
  const res = await file(report);
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

async function claimAndDecide(id: string, user = hub) {
  assert.equal((await user.request('POST', `/api/v1/cases/${id}/claim`, {})).statusCode, 200);
  const d = await user.request('POST', `/api/v1/cases/${id}/decision`, {});
  assert.equal(d.statusCode, 200, d.body);
  return d.json();
}

/** Skyddsbedömning, förhandsbedömning, feedback and close by Nacka, on a case it has acknowledged. */
async function closeAsNacka(id: string) {
  const base = `/api/v1/cases/${id}`;
  const steps: [string, unknown][] = [
    ['skyddsbedomning', { assessedAt: now.toISOString(), outcome: 'no_immediate_protection_needed', measures: '' }],
    ['forhandsbedomning', { decision: 'inte_inleda', decidedOn: '2026-03-04', note: '' }],
    ['feedback', { withheld: false, message: '' }],
    ['close', {}],
  ];
  for (const [step, body] of steps) {
    const res = await nacka.request('POST', `${base}/${step}`, body);
    assert.ok(res.statusCode < 300, `${step}: ${res.body}`);
  }
}

describe('bad reports are 400 with the failing field, in Swedish', () => {
  const cases: [string, ReportBody | Record<string, unknown>, string][] = [
    ['bad checksum', validReport({ child: { identityKind: 'known', identityNumber: '201001012383' } }), 'body.child.identityNumber'],
    ['future birth date', validReport({ child: { identityKind: 'known', identityNumber: '203001012381' } }), 'body.child.identityNumber'],
    ['no such date', validReport({ child: { identityKind: 'known', identityNumber: '201002302380' } }), 'body.child.identityNumber'],
    ['unknown urgency', { ...validReport(), urgency: 'whenever' }, 'body.urgency'],
    ['bad kommunkod', validReport({ found: { at: '2026-03-03T09:00:00+01:00', municipalityCode: '18', place: 'x' } }), 'body.found.municipalityCode'],
    ['no risk type', validReport({ gangRisk: { types: [], description: '' } }), 'body.gangRisk.types'],
    ['unknown field', { ...validReport(), socialSecurity: '123' }, 'body'],
    ['unknown child without description', { ...validReport(), child: { identityKind: 'unknown', name: 'Okänd', estimatedAge: 14 } }, 'body.child.description'],
  ];
  for (const [name, body, path] of cases) {
    test(name, async () => {
      const res = await file(body as ReportBody);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().code, 'VALIDATION_FAILED');
      assert.ok(res.json().errors.some((e: { path: string }) => e.path.startsWith(path)), res.body);
    });
  }

  test('only the police file reports', async () => {
    const res = await file(validReport(), hub);
    assert.equal(res.statusCode, 403);
  });

  test('a child of unknown identity with an estimated age is accepted', async () => {
    const res = await file(validReport({ child: { identityKind: 'unknown', name: 'Uppgett: "Ali"', estimatedAge: 15, description: 'Ca 160 cm, svart jacka' } }));
    assert.equal(res.statusCode, 201, res.body);
  });
});

describe('duplicates and protected identity', () => {
  test('a new report on a child with an open case is linked and flagged', async () => {
    const child = { identityKind: 'known' as const, identityNumber: '20120315-1236' };
    const first = await filed(validReport({ child }));
    const second = await file(validReport({ child, policeDiaryNumber: '5000-K999999-26' }));
    assert.equal(second.json().duplicateFlag, true);
    const view = (await hub.request('GET', `/api/v1/cases/${second.json().id}`)).json();
    assert.equal(view.linkedCaseId, first);
  });

  test('skyddad identitet: addresses hidden from the hub, shown to Nacka once it owns the case, and the disclosure audited', async () => {
    const id = await filed(validReport({ protectedIdentity: true, child: { identityKind: 'known', identityNumber: '20080707-4570' } }));
    const decided = await claimAndDecide(id);
    assert.equal(decided.report.residence.address, undefined);
    assert.ok(decided.hiddenFields.includes('residence.address'));
    assert.equal(decided.report.whereaboutsNow.place, 'Skyddad identitet');
    assert.equal((await nacka.request('POST', `/api/v1/cases/${id}/acknowledge`, {})).statusCode, 200);
    const owned = (await nacka.request('GET', `/api/v1/cases/${id}`)).json();
    assert.equal(owned.report.residence.address, 'Testvägen 1, Nacka');
    assert.deepEqual(owned.hiddenFields, []);
    const reads = await t.testDb.database.db.select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'case.read_protected')));
    assert.ok(reads.length >= 1);
  });
});

describe('own, forward and return', () => {
  test('a Stockholm resident is Stockholm’s own case: the hub may assess it', async () => {
    const id = await filed(validReport({ residence: { municipalityCode: '0180' } }));
    const c = await claimAndDecide(id);
    assert.equal(c.status, 'own');
    assert.equal(c.basis, 'own_residence');
    assert.ok(c.allowedActions.includes('record_skyddsbedomning'));
    const s = await hub.request('POST', `/api/v1/cases/${id}/skyddsbedomning`, { assessedAt: '2026-03-03T10:30:00+01:00', outcome: 'no_immediate_protection_needed', measures: '' });
    assert.equal(s.statusCode, 200, s.body);
  });

  test('a child from Uppsala found in Solna is forwarded, with a record of what was sent; the police see it', async () => {
    const id = await filed(validReport({ residence: { municipalityCode: '0380' }, found: { at: '2026-03-03T09:00:00+01:00', municipalityCode: '0184', place: 'Solna C' } }));
    const c = await claimAndDecide(id);
    assert.equal(c.handling, 'forward');
    assert.equal(c.status, 'triage');
    const f = await hub.request('POST', `/api/v1/cases/${id}/forward`, { municipalityCode: '0380', channel: 'email', address: 'registrator@uppsala.demo.envagin.se' });
    assert.equal(f.statusCode, 200, f.body);
    assert.equal(f.json().status, 'forwarded');
    const police = (await polis.request('GET', `/api/v1/cases/${id}`)).json();
    assert.equal(police.forwardedTo.municipalityCode, '0380');
  });

  test('an 18-year-old is returned to the police with a reason', async () => {
    const id = await filed(validReport({ child: { identityKind: 'known', identityNumber: '20080303-1236' } }));
    const view = (await hub.request('GET', `/api/v1/cases/${id}`)).json();
    assert.equal(view.ageAtReceipt, 18);
    const c = await claimAndDecide(id);
    assert.equal(c.handling, 'return');
    const r = await hub.request('POST', `/api/v1/cases/${id}/return`, { reason: 'Inte i målgruppen: 18 år på mottagningsdagen.' });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().status, 'returned');
    const police = (await polis.request('GET', `/api/v1/cases/${id}`)).json();
    assert.match(police.returnReason, /Inte i målgruppen/);
  });
});

describe('override, refusal, verbal acknowledgement', () => {
  test('only a supervisor overrides, and only with a reason', async () => {
    const id = await filed(validReport());
    assert.equal((await hub.request('POST', `/api/v1/cases/${id}/claim`, {})).statusCode, 200);
    const byHandler = await hub.request('POST', `/api/v1/cases/${id}/decision`, { override: { handling: 'own', reason: 'x' } });
    assert.equal(byHandler.statusCode, 403);
    const noReason = await hubchef.request('POST', `/api/v1/cases/${id}/decision`, { override: { handling: 'own', reason: '' } });
    assert.equal(noReason.statusCode, 400);
    const ok = await hubchef.request('POST', `/api/v1/cases/${id}/decision`, { override: { handling: 'own', reason: 'Barnet vistas i Stockholm och behöver akut skydd här.' } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'own');
    assert.match(ok.json().overrideReason, /akut skydd/);
  });

  test('the receiving municipality refuses: back to triage, and it loses access', async () => {
    const id = await filed(validReport());
    await claimAndDecide(id);
    const refused = await nacka.request('POST', `/api/v1/cases/${id}/refuse`, { reason: 'Barnet är folkbokfört i Tyresö sedan januari.' });
    assert.equal(refused.statusCode, 204, refused.body);
    assert.equal((await hub.request('GET', `/api/v1/cases/${id}`)).json().status, 'triage');
    assert.equal((await nacka.request('GET', `/api/v1/cases/${id}`)).statusCode, 404);
  });

  test('the hub records a verbal acknowledgement with the name of who accepted', async () => {
    const id = await filed(validReport());
    await claimAndDecide(id);
    const v = await hub.request('POST', `/api/v1/cases/${id}/verbal-acknowledgement`, { acceptedByName: 'Socialsekreterare Test Testsson' });
    assert.equal(v.statusCode, 200, v.body);
    assert.equal(v.json().status, 'accepted');
    assert.equal(v.json().handover.acceptedVerbally, true);
    assert.equal(v.json().handover.acceptedByName, 'Socialsekreterare Test Testsson');
  });
});

describe('concurrency and versions', () => {
  test('two handlers claiming at once: one wins, the other gets a clear 409', async () => {
    const id = await filed(validReport());
    const [a, b] = await Promise.all([hub.request('POST', `/api/v1/cases/${id}/claim`, {}), hubchef.request('POST', `/api/v1/cases/${id}/claim`, {})]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
  });

  test('If-Match with a stale version is 412', async () => {
    const id = await filed(validReport());
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/claim`,
      headers: { cookie: hub.cookie, 'x-csrf-token': hub.csrf, 'if-match': '"7"' },
      payload: {},
    });
    assert.equal(res.statusCode, 412);
    assert.equal(res.json().code, 'PRECONDITION_FAILED');
  });

  test('transitions from the wrong state are 409 INVALID_STATE, from the wrong party 403', async () => {
    const id = await filed(validReport());
    const early = await hubchef.request('POST', `/api/v1/cases/${id}/release`, {});
    assert.equal(early.statusCode, 409);
    assert.equal(early.json().code, 'INVALID_STATE');
    const notMine = await hub.request('POST', `/api/v1/cases/${id}/decision`, {});
    assert.equal(notMine.statusCode, 403, 'only the assignee (or a supervisor) decides');
    const police = await polis.request('POST', `/api/v1/cases/${id}/claim`, {});
    assert.equal(police.statusCode, 403);
    const jour = await sydost.request('POST', `/api/v1/cases/${id}/acknowledge`, {});
    assert.equal(jour.statusCode, 404, 'the jour has no relation to a case not handed to it');
    const badId = await hub.request('POST', '/api/v1/cases/not-a-uuid/claim', {});
    assert.equal(badId.statusCode, 400);
  });
});

describe('the clarification thread', () => {
  test('hub asks, police read and answer; read receipts and answered state are kept', async () => {
    const id = await filed(validReport());
    const q = await hub.request('POST', `/api/v1/cases/${id}/messages`, { kind: 'question', body: 'Vet ni om vårdnadshavarna är underrättade?' });
    assert.equal(q.statusCode, 201, q.body);
    const qid = q.json().id;
    assert.equal((await polis.request('POST', `/api/v1/cases/${id}/messages/${qid}/read`)).statusCode, 204);
    const a = await polis.request('POST', `/api/v1/cases/${id}/messages`, { kind: 'answer', body: 'Ja, mamman är underrättad 22:55.', replyToId: qid });
    assert.equal(a.statusCode, 201, a.body);
    const again = await polis.request('POST', `/api/v1/cases/${id}/messages`, { kind: 'answer', body: 'igen', replyToId: qid });
    assert.equal(again.statusCode, 409);
    const thread = (await hub.request('GET', `/api/v1/cases/${id}`)).json().messages;
    assert.equal(thread.length, 2);
    assert.ok(thread[0].answeredAt);
    assert.equal(thread[0].readBy[0].orgId, 'police-roc');
  });
});

describe('lists', () => {
  test('keyset pagination walks the queue without repeats', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/cases?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await hub.request('GET', url)).json() as { cases: { id: string }[]; nextCursor: string | null };
      for (const c of page.cases) {
        assert.ok(!seen.has(c.id), 'no repeats');
        seen.add(c.id);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 50);
    assert.ok(pages > 1);
    const bad = await hub.request('GET', '/api/v1/cases?cursor=garbage');
    assert.equal(bad.statusCode, 400);
  });

  test('a municipality pages through its whole history newest first, the same cases as in one page', async () => {
    type Page = { cases: { id: string; number: string; receivedAt: string }[]; nextCursor: string | null };
    // Handed over to Nacka's intake, some acknowledged and one closed, filed a minute apart.
    for (let i = 0; i < 5; i++) {
      now = new Date(now.getTime() + 60_000);
      const id = await filed(validReport());
      await claimAndDecide(id);
      if (i % 2 === 0) assert.equal((await nacka.request('POST', `/api/v1/cases/${id}/acknowledge`, {})).statusCode, 200);
      if (i === 2) await closeAsNacka(id);
    }
    for (const status of ['all', 'closed', 'open'] as const) {
      const whole = (await nacka.request('GET', `/api/v1/cases?status=${status}&limit=200`)).json() as Page;
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = (await nacka.request('GET', `/api/v1/cases?status=${status}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
        paged.push(...page.cases.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(paged, whole.cases.map((c) => c.id), status);
      const times = whole.cases.map((c) => Date.parse(c.receivedAt));
      const ordered = status === 'open' ? [...times].sort((a, b) => a - b) : [...times].sort((a, b) => b - a);
      assert.deepEqual(times, ordered, `${status}: ${status === 'open' ? 'oldest' : 'newest'} first`);
    }
    const all = (await nacka.request('GET', '/api/v1/cases?status=all&limit=200')).json() as Page;
    assert.ok(all.cases.length >= 5);
    for (const c of all.cases) assert.equal((await nacka.request('GET', `/api/v1/cases/${c.id}`)).statusCode, 200, c.number);
  });

  test('the police see only their own organisation’s reports', async () => {
    const list = (await polis.request('GET', '/api/v1/cases?status=all&limit=200')).json();
    assert.ok(list.cases.length > 0);
    now = new Date('2026-03-03T10:05:00+01:00');
  });
});
