// The hub's queue through HTTP (GET /cases?order=attention): what needs the hub now comes first,
// the counts use the one definition of "försenad" (src/domain/hub-attention.ts) and agree with
// the rows, and the SQL order is the domain's order. Also the case after "Nådd": the handover
// is done by phone, nothing more to call, and "Ring nu" never names a number it is not showing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { validReport } from '../../test/reports.ts';
import { compareForHub, isOverdue } from '../../domain/hub-attention.ts';
import type { ReportBody } from '../../shared/api/cases.ts';

let now = new Date('2026-03-03T10:00:00+01:00'); // a Tuesday morning: offices open
let t: TestApp;
let polis: AsUser, hub: AsUser, nacka: AsUser;
let seq = 0;

before(async () => {
  t = await buildTestApp({}, () => now);
  polis = await logInAs(t.app, 'polis');
  hub = await logInAs(t.app, 'hub');
  nacka = await logInAs(t.app, 'nacka');
});
after(() => t.close());

const tick = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));

async function filed(report: ReportBody): Promise<{ id: string; number: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': `hub-queue-${++seq}` },
    payload: report,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

interface Summary {
  id: string;
  number: string;
  urgency: 'acute' | 'today' | 'not_urgent';
  receivedAt: string;
  status: string;
  hubClock: { clock: string; dueAt: string; breached: boolean; escalationStep: number } | null;
  acceptedBy: { orgName: string; at: string } | null;
}
type Queue = { cases: Summary[]; nextCursor: string | null; counts: { open: number; unclaimed: number; overdue: number } };

describe('the hub’s queue', () => {
  const ids: Record<string, string> = {};

  test('overdue first, then due soonest, the kvitterade last; counts from the one definition', async () => {
    // The oldest: acute, handed over to Nacka and kvitterad: nothing for the hub now.
    const kvitterad = await filed(validReport({ urgency: 'acute' }));
    assert.equal((await hub.request('POST', `/api/v1/cases/${kvitterad.id}/claim`, {})).statusCode, 200);
    assert.equal((await hub.request('POST', `/api/v1/cases/${kvitterad.id}/decision`, {})).statusCode, 200);
    assert.equal((await nacka.request('POST', `/api/v1/cases/${kvitterad.id}/acknowledge`, {})).statusCode, 200);
    tick(1);
    // "I dag", then an acute one, both unclaimed: their claim clocks (10 min) run out.
    const today = await filed(validReport({ urgency: 'today' }));
    tick(1);
    const acute = await filed(validReport({ urgency: 'acute' }));
    tick(1);
    // A fresh one the hub has taken: its triage clock runs.
    const taken = await filed(validReport({ urgency: 'not_urgent' }));
    assert.equal((await hub.request('POST', `/api/v1/cases/${taken.id}/claim`, {})).statusCode, 200);
    Object.assign(ids, { kvitterad: kvitterad.id, today: today.id, acute: acute.id, taken: taken.id });
    tick(10); // the claim clocks of "today" and "acute" are now past due; triage (20 min) is not

    const res = await hub.request('GET', '/api/v1/cases?status=open&order=attention&limit=200');
    assert.equal(res.statusCode, 200, res.body);
    const queue = res.json() as Queue;
    assert.deepEqual(
      queue.cases.map((c) => c.id),
      [acute.id, today.id, taken.id, kvitterad.id],
      'overdue (acute before "I dag"), then the running triage, then the kvitterad',
    );
    assert.equal(queue.nextCursor, null);
    const k = queue.cases.at(-1)!;
    assert.equal(k.hubClock, null, 'a kvitterad case has no hub clock, though its skyddsbedömning clock runs');
    assert.match(k.acceptedBy?.orgName ?? '', /Nacka/);
    // The counts use the same definition as the rows.
    const overdueRows = queue.cases.filter((c) => isOverdue(c.hubClock, now.getTime())).length;
    assert.deepEqual(queue.counts, { open: 4, unclaimed: 2, overdue: overdueRows });
    assert.equal(overdueRows, 2);
    // The SQL order is the domain's order.
    const sorted = [...queue.cases].sort((a, b) => compareForHub(a, b, now.getTime()));
    assert.deepEqual(sorted.map((c) => c.id), queue.cases.map((c) => c.id));
  });

  test('the counts cover every open case, not just the page', async () => {
    const page = (await hub.request('GET', '/api/v1/cases?status=open&order=attention&limit=1')).json() as Queue;
    assert.equal(page.cases.length, 1);
    assert.equal(page.cases[0]!.id, ids.acute);
    assert.equal(page.counts.open, 4);
  });

  test('order=attention is for open cases and has no cursor: 400, not 500', async () => {
    for (const q of ['status=all&order=attention', 'status=open&order=attention&cursor=abc', 'order=soonest']) {
      const res = await hub.request('GET', `/api/v1/cases?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.equal(res.json().code, 'VALIDATION_FAILED');
    }
  });

  test('the police see which unit acknowledged', async () => {
    const list = (await polis.request('GET', '/api/v1/cases?status=all&limit=200')).json() as Queue;
    const k = list.cases.find((c) => c.id === ids.kvitterad)!;
    assert.match(k.acceptedBy?.orgName ?? '', /Nacka/);
    const view = (await polis.request('GET', `/api/v1/cases/${ids.kvitterad}`)).json() as Summary;
    assert.match(view.acceptedBy?.orgName ?? '', /Nacka/);
  });
});

describe('after "Nådd"', () => {
  test('no one else to call; the handover says who was reached; the routing note only beside its own number', async () => {
    const c = await filed(validReport({ urgency: 'acute' }));
    assert.equal((await hub.request('POST', `/api/v1/cases/${c.id}/claim`, {})).statusCode, 200);
    assert.equal((await hub.request('POST', `/api/v1/cases/${c.id}/decision`, {})).statusCode, 200);
    type View = { callNow?: { contact: { orgName: string; label: string; phone: string; orgId: string | null } | null; reasons: string[] }; handover: { reached?: unknown } };
    let view = (await hub.request('GET', `/api/v1/cases/${c.id}`)).json() as View;
    const first = view.callNow!.contact!;
    assert.ok(view.callNow!.reasons.some((r) => r.includes(first.phone)), 'the routing note names the number shown');
    assert.equal(view.handover.reached, null);

    // No answer: "Ring nu" moves on, and the note naming the first number goes with it.
    const call = (x: typeof first, outcome: string) =>
      hub.request('POST', `/api/v1/cases/${c.id}/contact-attempts`, { orgName: x.orgName, label: x.label, phone: x.phone, orgId: x.orgId, outcome });
    const noAnswer = await call(first, 'no_answer');
    assert.equal(noAnswer.statusCode, 200, noAnswer.body);
    view = (await hub.request('GET', `/api/v1/cases/${c.id}`)).json() as View;
    const second = view.callNow!.contact!;
    assert.notEqual(second.phone, first.phone);
    assert.ok(!view.callNow!.reasons.some((r) => r.includes(first.phone)), `no note names ${first.phone}: ${view.callNow!.reasons.join(' | ')}`);

    // Reached: the handover is done by phone.
    tick(1);
    const reached = await call(second, 'reached');
    assert.equal(reached.statusCode, 200, reached.body);
    view = (await hub.request('GET', `/api/v1/cases/${c.id}`)).json() as View;
    assert.equal(view.callNow, undefined, 'nothing more to call');
    assert.deepEqual(view.handover.reached, { at: now.toISOString(), orgName: second.orgName, label: second.label, phone: second.phone });
  });
});
