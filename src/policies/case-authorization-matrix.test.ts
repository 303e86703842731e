// Every role × every case endpoint × relation to the case (the reporting police organisation,
// the hub, the receiving municipality, another municipality or jour group, no relation at all).
// The expected outcome of each cell is written here by hand. Each cell gets a fresh case in the
// state where the endpoint makes sense, so an allowed call never fails for a reason other than
// authorization.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../db/schema.ts';
import { passDueHandovers } from '../jobs/office-handovers.ts';
import { withoutSystemRole } from '../test/system-role-guard.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../test/app.ts';
import { validReport } from '../test/reports.ts';

const users = ['polis', 'hub', 'hubchef', 'nacka', 'sydost', 'solna', 'admin', 'revisor', 'analytiker', 'sis'] as const;
type User = (typeof users)[number];
type Expect = Record<User, number>;

// polis: reporter · hub, hubchef: the hub · nacka: receiving municipality · sydost: a jour group with no part in
// an office-hours case · solna: another municipality · admin, revisor, analytiker: never case content ·
// sis: another authority, never the case (its requests and party rows only; 404 unless a cell says otherwise).
/** What a denial answers; every other expected status is a 2xx: the operation was done. */
const denial: Record<number, string> = { 403: 'FORBIDDEN', 404: 'NOT_FOUND' };
const row = (...codes: number[]): Expect => Object.fromEntries(users.map((u, i) => [u, codes[i] ?? (u === 'sis' ? 404 : undefined)])) as Expect;

type State = 'received' | 'triage' | 'forwardable' | 'pending' | 'accepted' | 'assessed' | 'decided' | 'fed_back' | 'closed' | JourState;
/**
 * Jour → office: kvitterad by Sydostjouren and passed to Nacka's office intake (from_jour), then
 * kvitterad by the office too (jour_done), then closed by the office (jour_closed). Here sydost
 * is the jour group that held the case.
 */
type JourState = 'from_jour' | 'jour_done' | 'jour_closed';

interface Cell {
  name: string;
  state: State;
  method: 'GET' | 'POST';
  path: (id: string, messageId: string) => string;
  body?: unknown;
  expect: Expect;
}

const cells: Cell[] = [
  { name: 'GET /cases/:id', state: 'pending', method: 'GET', path: (id) => `/api/v1/cases/${id}`, expect: row(200, 200, 200, 200, 404, 404, 404, 404, 404) },
  { name: 'POST claim', state: 'received', method: 'POST', path: (id) => `/api/v1/cases/${id}/claim`, body: {}, expect: row(403, 200, 200, 404, 404, 404, 404, 404, 404) },
  { name: 'POST release', state: 'triage', method: 'POST', path: (id) => `/api/v1/cases/${id}/release`, body: {}, expect: row(403, 200, 200, 404, 404, 404, 404, 404, 404) },
  { name: 'POST reassign', state: 'triage', method: 'POST', path: (id) => `/api/v1/cases/${id}/reassign`, body: {}, expect: row(403, 403, 200, 404, 404, 404, 404, 404, 404) },
  { name: 'POST decision', state: 'triage', method: 'POST', path: (id) => `/api/v1/cases/${id}/decision`, body: {}, expect: row(403, 200, 200, 404, 404, 404, 404, 404, 404) },
  {
    name: 'POST contact-attempts',
    state: 'pending',
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/contact-attempts`,
    body: { orgName: 'Nacka', label: 'Mottagning', phone: '08-465 004 12', outcome: 'no_answer' },
    expect: row(403, 200, 200, 403, 404, 404, 404, 404, 404),
  },
  {
    name: 'POST verbal-acknowledgement',
    state: 'pending',
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/verbal-acknowledgement`,
    body: { acceptedByName: 'Test Testsson' },
    expect: row(403, 200, 200, 403, 404, 404, 404, 404, 404),
  },
  { name: 'POST acknowledge', state: 'pending', method: 'POST', path: (id) => `/api/v1/cases/${id}/acknowledge`, body: {}, expect: row(403, 403, 403, 200, 404, 404, 404, 404, 404) },
  {
    name: 'POST acknowledge-from-jour',
    state: 'from_jour',
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/acknowledge-from-jour`,
    body: {},
    expect: row(403, 403, 403, 200, 403, 404, 404, 404, 404),
  },
  {
    name: 'GET /cases/:id (the jour after the office’s kvittens: its own entries only)',
    state: 'jour_done',
    method: 'GET',
    path: (id) => `/api/v1/cases/${id}`,
    expect: row(200, 200, 200, 200, 200, 404, 404, 404, 404),
  },
  {
    name: 'POST messages (the jour after the office’s kvittens only reads)',
    state: 'jour_done',
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/messages`,
    body: { kind: 'note', body: 'Intern anteckning' },
    expect: row(403, 201, 201, 201, 403, 404, 404, 404, 404),
  },
  {
    name: 'GET /cases/:id (closed after the office’s kvittens: the jour’s reading has ended)',
    state: 'jour_closed',
    method: 'GET',
    path: (id) => `/api/v1/cases/${id}`,
    expect: row(200, 200, 200, 200, 404, 404, 404, 404, 404),
  },
  { name: 'POST refuse', state: 'pending', method: 'POST', path: (id) => `/api/v1/cases/${id}/refuse`, body: { reason: 'Fel kommun' }, expect: row(403, 403, 403, 204, 404, 404, 404, 404, 404) },
  {
    name: 'POST forward',
    state: 'forwardable',
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/forward`,
    body: { municipalityCode: '0380', channel: 'email', address: 'registrator@uppsala.demo.envagin.se' },
    expect: row(403, 200, 200, 404, 404, 404, 404, 404, 404),
  },
  { name: 'POST return', state: 'triage', method: 'POST', path: (id) => `/api/v1/cases/${id}/return`, body: { reason: 'Ej målgrupp' }, expect: row(403, 200, 200, 404, 404, 404, 404, 404, 404) },
  {
    name: 'POST skyddsbedomning',
    state: 'accepted',
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/skyddsbedomning`,
    body: { assessedAt: '2026-03-03T10:30:00+01:00', outcome: 'no_immediate_protection_needed', measures: '' },
    expect: row(403, 403, 403, 200, 404, 404, 404, 404, 404),
  },
  {
    name: 'POST forhandsbedomning',
    state: 'assessed',
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/forhandsbedomning`,
    body: { decision: 'inte_inleda', decidedOn: '2026-03-04', note: '' },
    expect: row(403, 403, 403, 200, 404, 404, 404, 404, 404),
  },
  {
    name: 'POST feedback',
    state: 'decided',
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/feedback`,
    body: { withheld: false, message: 'Utredning inleds inte.' },
    expect: row(403, 403, 403, 200, 404, 404, 404, 404, 404),
  },
  { name: 'POST close', state: 'fed_back', method: 'POST', path: (id) => `/api/v1/cases/${id}/close`, body: {}, expect: row(403, 403, 403, 200, 404, 404, 404, 404, 404) },
  { name: 'POST reopen', state: 'closed', method: 'POST', path: (id) => `/api/v1/cases/${id}/reopen`, body: { reason: 'Ny uppgift' }, expect: row(403, 403, 200, 200, 404, 404, 404, 404, 404) },
  {
    name: 'POST messages',
    state: 'pending',
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/messages`,
    body: { kind: 'question', body: 'En fråga' },
    expect: row(201, 201, 201, 201, 404, 404, 404, 404, 404),
  },
  {
    name: 'POST messages (an internal note: social services only)',
    state: 'pending',
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/messages`,
    body: { kind: 'note', body: 'Intern anteckning' },
    expect: row(403, 201, 201, 201, 404, 404, 404, 404, 404),
  },
  // The handover document: the receiving municipality and the hub; the police have the report already (403).
  { name: 'GET handover-document.pdf', state: 'pending', method: 'GET', path: (id) => `/api/v1/cases/${id}/handover-document.pdf`, expect: row(403, 200, 200, 200, 404, 404, 404, 404, 404) },
  { name: 'GET handover-document.json', state: 'accepted', method: 'GET', path: (id) => `/api/v1/cases/${id}/handover-document.json`, expect: row(403, 200, 200, 200, 404, 404, 404, 404, 404) },
  {
    name: 'GET handover-document.pdf (the jour after the office’s kvittens: no longer the receiver)',
    state: 'jour_done',
    method: 'GET',
    path: (id) => `/api/v1/cases/${id}/handover-document.pdf`,
    expect: row(403, 200, 200, 200, 403, 404, 404, 404, 404),
  },
  {
    name: 'POST messages/:messageId/read',
    state: 'pending',
    method: 'POST',
    path: (id, m) => `/api/v1/cases/${id}/messages/${m}/read`,
    expect: row(204, 204, 204, 204, 404, 404, 404, 404, 404),
  },
  // Information requests (issue 20): the roles that ask and answer by the relation to the case;
  // admin, revisor and analytiker take no part in requests (403 before any lookup).
  {
    name: 'GET information-requests',
    state: 'accepted',
    method: 'GET',
    path: (id) => `/api/v1/cases/${id}/information-requests`,
    expect: row(200, 200, 200, 200, 404, 404, 403, 403, 403, 404),
  },
  {
    name: 'POST information-requests (to the ROC, after the handover: the receiving municipality)',
    state: 'accepted',
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/information-requests`,
    body: { addressedOrgId: 'police-roc', kinds: ['risk_assessment'], text: 'Riskbedömning?', legalGroundId: 'osl-10-18a', urgency: 'normal' },
    expect: row(403, 403, 403, 201, 404, 404, 403, 403, 403, 404),
  },
  {
    name: 'POST information-requests (to the ROC, while the hub clarifies)',
    state: 'triage',
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/information-requests`,
    body: { addressedOrgId: 'police-roc', kinds: ['gang_affiliation'], text: 'Känd tillhörighet?', legalGroundId: 'osl-10-18a', urgency: 'urgent' },
    expect: row(403, 201, 201, 404, 404, 404, 403, 403, 403, 404),
  },
  {
    name: 'POST information-requests (the police to the municipality handling the case)',
    state: 'accepted',
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/information-requests`,
    body: { addressedOrgId: 'intake-0182', kinds: ['other'], text: 'Vad behöver ni?', legalGroundId: 'osl-10-28', urgency: 'normal' },
    expect: row(201, 403, 403, 403, 404, 404, 403, 403, 403, 404),
  },
  {
    name: 'POST parties (SiS made party by the social services handling the case)',
    state: 'accepted',
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/parties`,
    body: { orgId: 'sis', legalGroundId: 'osl-10-28' },
    expect: row(403, 403, 403, 201, 404, 404, 403, 403, 403, 403),
  },
  {
    name: 'POST parties (while the hub clarifies)',
    state: 'triage',
    method: 'POST',
    path: (id) => `/api/v1/cases/${id}/parties`,
    body: { orgId: 'sis', legalGroundId: 'osl-10-28' },
    expect: row(403, 201, 201, 404, 404, 404, 403, 403, 403, 403),
  },
];

let t: TestApp;
const as = new Map<User, AsUser>();
let seq = 0;
before(async () => {
  t = await buildTestApp({}, () => now);
  for (const u of users) as.set(u, await logInAs(t.app, u));
});
after(() => t.close());

async function ok(user: User, method: 'POST', url: string, body: unknown = {}) {
  const res = await as.get(user)!.request(method, url, body);
  assert.ok(res.statusCode < 300, `${user} ${url}: ${res.statusCode} ${res.body}`);
  return res;
}

/** A fresh case brought to `state` by the parties who would do so, and a hub question in its thread. */
/** The app's clock: a fixed Tuesday morning, moved on a millisecond per report filed. */
let now = new Date('2026-03-03T10:00:00+01:00');

async function caseIn(state: State): Promise<{ id: string; messageId: string }> {
  // Each report a millisecond after the last, so lists (newest first) show it on their first page.
  now = new Date(now.getTime() + 1);
  const forwardable = state === 'forwardable';
  const report = forwardable
    ? validReport({ residence: { municipalityCode: '0380' }, found: { at: '2026-03-03T09:00:00+01:00', municipalityCode: '0184', place: 'Solna C' } })
    : validReport();
  const polis = as.get('polis')!;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: polis.cookie, 'x-csrf-token': polis.csrf, 'idempotency-key': `matrix-${++seq}-${process.pid}` },
    payload: report,
  });
  assert.equal(res.statusCode, 201, res.body);
  const id: string = res.json().id;
  const base = `/api/v1/cases/${id}`;
  const messageId: string = (await ok('hub', 'POST', `${base}/messages`, { kind: 'question', body: 'Fråga till polisen' })).json().id;
  const steps: [State, () => Promise<unknown>][] = [
    ['triage', () => ok('hub', 'POST', `${base}/claim`)],
    ['pending', () => ok('hub', 'POST', `${base}/decision`)],
    ['accepted', () => ok('nacka', 'POST', `${base}/acknowledge`)],
    ['assessed', () => ok('nacka', 'POST', `${base}/skyddsbedomning`, { assessedAt: '2026-03-03T10:20:00+01:00', outcome: 'no_immediate_protection_needed', measures: '' })],
    ['decided', () => ok('nacka', 'POST', `${base}/forhandsbedomning`, { decision: 'inte_inleda', decidedOn: '2026-03-04', note: '' })],
    ['fed_back', () => ok('nacka', 'POST', `${base}/feedback`, { withheld: false, message: '' })],
    ['closed', () => ok('nacka', 'POST', `${base}/close`)],
  ];
  if (state === 'from_jour' || state === 'jour_done' || state === 'jour_closed') {
    await viaJour(base, state);
    return { id, messageId };
  }
  const target = forwardable ? 'pending' : state;
  if (target === 'received') return { id, messageId };
  for (const [reached, step] of steps) {
    await step();
    if (reached === target) break;
  }
  return { id, messageId };
}

/**
 * The matrix's clock is in office hours, so the hub records that Sydostjouren took the case on the
 * phone (as at 07:55, say); the office is open, so the engine's pass gives it to Nacka at once.
 */
async function viaJour(base: string, state: JourState) {
  await ok('hub', 'POST', `${base}/claim`);
  await ok('hub', 'POST', `${base}/decision`);
  await ok('hub', 'POST', `${base}/verbal-acknowledgement`, { acceptedByName: 'Jourhavande', orgId: 'jour-sydost' });
  const db = t.testDb.database.db;
  assert.ok((await passDueHandovers(db, () => t.app.directoryCache.get(db), t.app.now(), 100, 'matrix', t.app.deps.config.auditPersonKey)) >= 1);
  if (state === 'from_jour') return;
  await ok('nacka', 'POST', `${base}/acknowledge-from-jour`);
  if (state === 'jour_done') return;
  await ok('nacka', 'POST', `${base}/skyddsbedomning`, { assessedAt: '2026-03-03T10:20:00+01:00', outcome: 'no_immediate_protection_needed', measures: '' });
  await ok('nacka', 'POST', `${base}/forhandsbedomning`, { decision: 'inte_inleda', decidedOn: '2026-03-04', note: '' });
  await ok('nacka', 'POST', `${base}/feedback`, { withheld: false, message: '' });
  await ok('nacka', 'POST', `${base}/close`);
}

describe('case authorization matrix', () => {
  test('every cell expects the operation done (2xx) or a designed denial (403, 404)', () => {
    for (const cell of cells) for (const code of Object.values(cell.expect)) assert.ok((code >= 200 && code < 300) || code in denial, `${cell.name}: ${code}`);
  });

  for (const cell of cells) {
    test(cell.name, async () => {
      for (const user of users) {
        const { id, messageId } = await caseIn(cell.state);
        // As the reader only: the engine's role may touch no table meanwhile (src/test/system-role-guard.ts).
        const res = await withoutSystemRole(t.testDb.database.db, () => as.get(user)!.request(cell.method, cell.path(id, messageId), cell.body));
        assert.equal(res.statusCode, cell.expect[user], `${user}: ${res.body}`);
        // A denial is the designed one: 403 FORBIDDEN for a party without the right (not a
        // CSRF or second-factor refusal), 404 NOT_FOUND for a reader with no relation to the case.
        if (res.statusCode >= 400) {
          assert.equal(res.json().code, denial[res.statusCode], `${user}: ${res.body}`);
          // Every denial leaves its trace: the case asked for, by whom, with what answer.
          const [trace] = await t.testDb.database.db
            .select()
            .from(auditLog)
            .where(and(eq(auditLog.action, 'case.access_denied'), eq(auditLog.subjectId, id), eq(auditLog.requestId, res.headers['x-request-id'] as string)));
          assert.ok(trace, `${user}: a denied ${cell.name} is audited`);
          assert.equal(trace.details.code, denial[res.statusCode]);
        }
      }
    });
  }

  test('lists: nobody lists a case they could not open', async () => {
    const { id } = await caseIn('pending');
    const expectList = row(200, 200, 200, 200, 200, 200, 403, 403, 403, 403);
    const expectSeen: Record<User, boolean> = { polis: true, hub: true, hubchef: true, nacka: true, sydost: false, solna: false, admin: false, revisor: false, analytiker: false, sis: false };
    for (const user of users) {
      const res = await withoutSystemRole(t.testDb.database.db, () => as.get(user)!.request('GET', '/api/v1/cases?status=all&limit=200'));
      assert.equal(res.statusCode, expectList[user], `${user}: ${res.body}`);
      if (res.statusCode !== 200) continue;
      const ids = (res.json().cases as { id: string }[]).map((c) => c.id);
      assert.equal(ids.includes(id), expectSeen[user], user);
      for (const listed of ids) {
        const open = await as.get(user)!.request('GET', `/api/v1/cases/${listed}`);
        assert.equal(open.statusCode, 200, `${user} lists ${listed} but cannot open it`);
      }
    }
  });

  test("internal notes: the hub and the handling municipality see them, the police never (not even by a note's id)", async () => {
    const { id } = await caseIn('accepted');
    const note = (await ok('hub', 'POST', `/api/v1/cases/${id}/messages`, { kind: 'note', body: 'Intern anteckning' })).json().id as string;
    const seen: Partial<Record<User, boolean>> = { polis: false, hub: true, hubchef: true, nacka: true };
    for (const [user, sees] of Object.entries(seen) as [User, boolean][]) {
      const messages = (await as.get(user)!.request('GET', `/api/v1/cases/${id}`)).json().messages as { id: string; kind: string }[];
      assert.equal(messages.some((m) => m.id === note), sees, user);
      assert.ok(messages.some((m) => m.kind === 'question'), `${user} still sees the questions`);
    }
    const read = await as.get('polis')!.request('POST', `/api/v1/cases/${id}/messages/${note}/read`);
    assert.equal(read.statusCode, 404, read.body);
  });

  test('filing: only the police', async () => {
    for (const user of users) {
      const a = as.get(user)!;
      const res = await withoutSystemRole(t.testDb.database.db, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/cases',
          headers: { cookie: a.cookie, 'x-csrf-token': a.csrf, 'idempotency-key': `matrix-file-${user}-${process.pid}` },
          payload: validReport(),
        }),
      );
      assert.equal(res.statusCode, user === 'polis' ? 201 : 403, user);
    }
  });
});

test('every case operation in the OpenAPI document has a row here', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  const rows = new Set([...cells.map((c) => `${c.method} ${c.path('{id}', '{messageId}').replace('/api/v1', '')}`), 'GET /cases', 'POST /cases']);
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/cases')) continue;
    for (const method of Object.keys(ops)) {
      const key = `${method.toUpperCase()} ${path.replace('/api/v1', '')}`;
      assert.ok(rows.has(key), `not in the case matrix: ${key}`);
    }
  }
});
