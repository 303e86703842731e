// The statistics' facts are kept in step with every case change (DESIGN.md rule 11): after
// random sequences of transitions through HTTP, with time passing and the real engine breaching
// and escalating clocks in between, every stored fact row equals a recomputation from the case
// and its timeline. The backfill writes the same rows; gallring leaves them as they were.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, getTableColumns, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { caseFacts, cases } from '../db/schema.ts';
import { ManualClock } from '../jobs/clock-source.ts';
import type { Engine } from '../jobs/engine.ts';
import { createEngine } from '../jobs/start-engine.ts';
import { purgeAllPersonalData } from '../features/retention/purge-personal-data.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../test/app.ts';
import { testPersonnummer, validReport } from '../test/reports.ts';
import { backfillCaseFacts, loadFactCases, recomputeCaseFacts } from './case-facts-store.ts';

const T0 = new Date('2026-11-27T22:00:00Z'); // a Friday night: Nacka's cases go to Sydostjouren
let now = T0;
let t: TestApp;
let engine: Engine;
const clock = new ManualClock(T0);
const as: Record<string, AsUser> = {};

before(async () => {
  t = await buildTestApp({}, () => now);
  engine = createEngine(t.app, { clock, databaseUrl: null });
  for (const name of ['polis', 'hub', 'hubchef', 'nacka', 'sydost']) as[name] = await logInAs(t.app, name);
});
after(() => t.close());

const db = () => t.testDb.database.db;
const override = (handling: string) => ({ override: { handling, reason: 'Prövat i test', ...(handling === 'handover' ? { responsibleMunicipalityCode: '0182' } : {}) } });
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

const steps = {
  claim: [['hub', 'hubchef'], 'claim', {}],
  release: [['hub', 'hubchef'], 'release', {}],
  decide: [['hub', 'hubchef'], 'decision', {}],
  decideOwn: [['hubchef'], 'decision', override('own')],
  decideForward: [['hubchef'], 'decision', override('forward')],
  decideReturn: [['hubchef'], 'decision', override('return')],
  forward: [['hub', 'hubchef'], 'forward', { municipalityCode: '0182', channel: 'email', address: 'nacka@example.se' }],
  return: [['hub', 'hubchef'], 'return', { reason: 'Inte i målgruppen' }],
  call: [['hub', 'hubchef'], 'contact-attempts', { orgName: 'Sydostjouren', label: 'Jourtelefon', phone: '08-465 004 70', outcome: 'no_answer' }],
  verbal: [['hub', 'hubchef'], 'verbal-acknowledgement', { acceptedByName: 'Jourhavande' }],
  acknowledge: [['sydost', 'nacka'], 'acknowledge', {}],
  refuse: [['sydost', 'nacka'], 'refuse', { reason: 'Inte vår kommun' }],
  skydd: [['sydost', 'nacka', 'hub', 'hubchef'], 'skyddsbedomning', { assessedAt: T0.toISOString(), outcome: 'no_immediate_protection_needed', measures: '' }],
  forhands: [['sydost', 'nacka', 'hub', 'hubchef'], 'forhandsbedomning', { decision: 'inte_inleda', decidedOn: '2026-11-28', note: '' }],
  feedback: [['sydost', 'nacka', 'hub', 'hubchef'], 'feedback', { withheld: false, message: 'Klart.' }],
  close: [['sydost', 'nacka', 'hub', 'hubchef'], 'close', {}],
  reopen: [['sydost', 'nacka', 'hubchef'], 'reopen', { reason: 'Ny uppgift' }],
  question: [['hub'], 'messages', { kind: 'question', body: 'Var bor barnet?' }],
} as const;
type Step = keyof typeof steps | 'wait';

let filed = 0;
async function fileReport(): Promise<string> {
  const n = filed++;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: as.polis!.cookie, 'x-csrf-token': as.polis!.csrf, 'idempotency-key': `facts-case-${n}` },
    payload: validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(4000 + n) } }),
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

async function take(caseId: string, step: Step): Promise<void> {
  if (step === 'wait') {
    // Time passes and the engine runs: clocks breach and escalate.
    now = later(47);
    clock.set(now);
    await engine.runOnce(now);
    return;
  }
  now = later(1);
  const [who, path, body] = steps[step];
  for (const name of who) {
    const res = await as[name]!.request('POST', `/api/v1/cases/${caseId}/${path}`, body);
    assert.ok(res.statusCode < 500, `${step} as ${name}: ${res.statusCode} ${res.body}`);
    if (res.statusCode < 300) return;
  }
}

const generatedColumns = Object.entries(getTableColumns(caseFacts))
  .filter(([, column]) => column.generated !== undefined)
  .map(([key]) => key);

/**
 * A stored row without its key, its write time and the durations PostgreSQL derives from its
 * milestones (generated columns), as plain JSON, to compare with a recomputation.
 */
const comparable = (row: object) => {
  const { caseId: _c, updatedAt: _u, ...rest } = row as Record<string, unknown>;
  for (const key of generatedColumns) delete rest[key];
  return JSON.parse(JSON.stringify(rest)) as unknown;
};

async function storedFacts(ids: string[]) {
  const rows = await db().select().from(caseFacts).where(inArray(caseFacts.caseId, ids));
  return new Map(rows.map((r) => [r.caseId, comparable(r)]));
}

async function assertFactsMatchTimeline(ids: string[], context: string) {
  const stored = await storedFacts(ids);
  const recomputed = await recomputeCaseFacts(db(), await loadFactCases(db(), ids));
  for (const id of ids) {
    assert.ok(stored.has(id), `no facts for a case (${context})`);
    assert.deepEqual(stored.get(id), comparable(recomputed.get(id)!), `facts differ from the timeline after ${context}`);
  }
}

describe('facts follow every case change', () => {
  const all: string[] = [];
  const stepNames = [...(Object.keys(steps) as (keyof typeof steps)[]), 'wait', 'wait'] as Step[];

  test('random sequences of transitions, time passing and the engine breaching clocks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...stepNames), { minLength: 1, maxLength: 14 }), async (sequence) => {
        const id = await fileReport();
        all.push(id);
        await assertFactsMatchTimeline([id], 'filing');
        for (const [i, step] of sequence.entries()) {
          await take(id, step);
          await assertFactsMatchTimeline([id], sequence.slice(0, i + 1).join(' → '));
        }
      }),
      { numRuns: 25, seed: 20261207 },
    );
    // Some clocks must actually have breached for the property to mean anything.
    const rows = await db().select({ clocks: caseFacts.clocks }).from(caseFacts);
    assert.ok(rows.some((r) => Object.keys(r.clocks).length > 0), 'no breach recorded in any run');
    // And every earlier case still matches (the engine touched cases after their last step).
    await assertFactsMatchTimeline(all, 'the whole run');
  });

  test('the paths that matter, walked to their end', async () => {
    const paths: Step[][] = [
      ['claim', 'decide', 'call', 'refuse', 'wait', 'decide', 'acknowledge', 'skydd', 'forhands', 'feedback', 'close', 'reopen', 'close'],
      ['claim', 'decideForward', 'forward'],
      ['claim', 'decideReturn', 'return'],
      ['wait', 'claim', 'decideOwn', 'skydd', 'forhands', 'feedback', 'close'],
      ['claim', 'release', 'claim', 'decide', 'wait', 'wait', 'verbal', 'skydd', 'question', 'forhands', 'feedback'],
    ];
    for (const path of paths) {
      const id = await fileReport();
      for (const step of path) await take(id, step);
      await assertFactsMatchTimeline([id], path.join(' → '));
      const [f] = await db().select().from(caseFacts).where(eq(caseFacts.caseId, id));
      if (path.includes('close')) assert.ok(f!.closedAt, `closed: ${path.join(' → ')}`);
      if (path.includes('forward')) assert.equal(f!.forwardedToCode, '0182');
      if (path.includes('verbal')) assert.equal(f!.acknowledgedVerbally, true);
      if (path.includes('refuse')) assert.equal(f!.refusals, 1);
    }
  });
});

describe('the backfill', () => {
  test('writes for cases without facts exactly what the case changes wrote, and only for those', async () => {
    const before = await storedFacts((await db().select({ id: cases.id }).from(cases)).map((c) => c.id));
    assert.ok(before.size > 5);
    const some = [...before.keys()].slice(0, 5);
    await db().delete(caseFacts).where(inArray(caseFacts.caseId, some));
    assert.equal(await backfillCaseFacts(db(), 2), 5);
    assert.equal(await backfillCaseFacts(db()), 0, 'idempotent');
    const afterwards = await storedFacts([...before.keys()]);
    assert.deepEqual(afterwards, before);
  });
});

describe('gallring', () => {
  test('purging the personal data leaves every fact row as it was', async () => {
    const ids = (await db().select({ id: cases.id }).from(cases)).map((c) => c.id);
    const before = await storedFacts(ids);
    const totals = await purgeAllPersonalData(db(), { periods: { reportDays: 0, threadDays: 0, contactLogDays: 0, outboxDays: 90, passwordLinkDays: 30, accessRequestDays: 730 }, dryRun: false, now: () => later(60 * 24) });
    assert.ok(totals.report > 0, 'some cases were purged');
    assert.deepEqual(await storedFacts(ids), before);
    // The purged report no longer names its gang-risk types; a later change keeps them.
    const [purged] = await db().select({ id: cases.id, report: cases.report }).from(cases).where(eq(cases.status, 'closed')).limit(1);
    assert.equal(purged!.report, null);
    const recomputed = await recomputeCaseFacts(db(), await loadFactCases(db(), [purged!.id]));
    assert.deepEqual(comparable(recomputed.get(purged!.id)!), before.get(purged!.id));
  });
});
