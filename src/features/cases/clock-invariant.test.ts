// The invariant of DESIGN.md rule 5: every open case has at least one running clock with an
// escalation policy, from receipt until it is closed, so no case can sit without someone being
// alerted. Random sequences of transitions, each tried through HTTP by whoever could take it
// (most are refused in most states, as they would be for a real user), and the invariant
// checked after every step; also through the operators' metric.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, eq, isNull } from 'drizzle-orm';
import fc from 'fast-check';
import { cases, deadlines, openCaseStatuses } from '../../db/schema.ts';
import { passDueHandovers } from '../../jobs/office-handovers.ts';
import { buildTestApp, logInAs, type AsUser, type TestApp } from '../../test/app.ts';
import { testPersonnummer, validReport } from '../../test/reports.ts';

const now = new Date('2026-11-27T23:00:00+01:00'); // a Friday night: Nacka's cases go to Sydostjouren
let t: TestApp;
const as: Record<string, AsUser> = {};

before(async () => {
  t = await buildTestApp({}, () => now);
  for (const name of ['polis', 'hub', 'hubchef', 'nacka', 'sydost']) as[name] = await logInAs(t.app, name);
});
after(() => t.close());

const db = () => t.testDb.database.db;
const override = (handling: string) => ({ override: { handling, reason: 'Prövat i test', ...(handling === 'handover' ? { responsibleMunicipalityCode: '0182' } : {}) } });

/** Each step: who tries it (the first whose answer is 2xx counts), the path and the body. */
const steps = {
  claim: [['hub', 'hubchef'], 'claim', {}],
  release: [['hub', 'hubchef'], 'release', {}],
  reassign: [['hubchef'], 'reassign', {}],
  decide: [['hub', 'hubchef'], 'decision', {}],
  decideOwn: [['hubchef'], 'decision', override('own')],
  decideForward: [['hubchef'], 'decision', override('forward')],
  decideReturn: [['hubchef'], 'decision', override('return')],
  forward: [['hub', 'hubchef'], 'forward', { municipalityCode: '0182', channel: 'email', address: 'nacka@example.se' }],
  return: [['hub', 'hubchef'], 'return', { reason: 'Inte i målgruppen' }],
  verbal: [['hub', 'hubchef'], 'verbal-acknowledgement', { acceptedByName: 'Jourhavande' }],
  acknowledge: [['sydost', 'nacka'], 'acknowledge', {}],
  // Jour → office: the office's own kvittens of what its jour group took at night.
  ackFromJour: [['nacka'], 'acknowledge-from-jour', {}],
  refuse: [['sydost', 'nacka'], 'refuse', { reason: 'Inte vår kommun' }],
  skydd: [['sydost', 'nacka', 'hub', 'hubchef'], 'skyddsbedomning', { assessedAt: now.toISOString(), outcome: 'no_immediate_protection_needed', measures: '' }],
  forhands: [['sydost', 'nacka', 'hub', 'hubchef'], 'forhandsbedomning', { decision: 'inte_inleda', decidedOn: '2026-11-28', note: '' }],
  feedback: [['sydost', 'nacka', 'hub', 'hubchef'], 'feedback', { withheld: false, message: 'Klart.' }],
  close: [['sydost', 'nacka', 'hub', 'hubchef'], 'close', {}],
  reopen: [['sydost', 'nacka', 'hubchef'], 'reopen', { reason: 'Ny uppgift' }],
} as const;
/** Not a request: the engine's pass of the night's cases to the office intakes, at Monday 08:00. */
const PASS = 'passToOffice';
type Step = keyof typeof steps | typeof PASS;
const MONDAY_0800 = new Date('2026-11-30T08:00:00+01:00');

let filed = 0;
async function fileReport(): Promise<string> {
  const n = filed++;
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: as.polis!.cookie, 'x-csrf-token': as.polis!.csrf, 'idempotency-key': `clock-invariant-${n}` },
    payload: validReport({ child: { identityKind: 'known', identityNumber: testPersonnummer(3000 + n) } }),
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

/** Tries the step as each user who might take it; true when one of them could. */
async function take(caseId: string, step: Step): Promise<boolean> {
  if (step === PASS) {
    const passedBefore = await passedToOffice(caseId);
    await passDueHandovers(db(), () => t.app.directoryCache.get(db()), MONDAY_0800, 200, 'clock-invariant', t.app.deps.config.auditPersonKey);
    return !passedBefore && (await passedToOffice(caseId));
  }
  const [who, path, body] = steps[step];
  for (const name of who) {
    const res = await as[name]!.request('POST', `/api/v1/cases/${caseId}/${path}`, body);
    assert.ok(res.statusCode < 500, `${step} as ${name}: ${res.statusCode} ${res.body}`);
    if (res.statusCode < 300) return true;
  }
  return false;
}

async function passedToOffice(caseId: string): Promise<boolean> {
  const [row] = await db().select({ at: cases.officePassedAt }).from(cases).where(eq(cases.id, caseId));
  return row!.at !== null;
}

/** The invariant for one case: open means at least one running clock, each with its policy. */
async function assertClockRuns(caseId: string, history: string[]) {
  const [row] = await db().select({ status: cases.status }).from(cases).where(eq(cases.id, caseId));
  const running = await db().select().from(deadlines).where(and(eq(deadlines.caseId, caseId), isNull(deadlines.stoppedAt)));
  if ((openCaseStatuses as readonly string[]).includes(row!.status)) {
    assert.ok(running.length > 0, `open case (${row!.status}) without a running clock after ${history.join(' → ')}`);
    for (const clock of running) assert.ok(clock.policyId, `the ${clock.clock} clock has no escalation policy`);
  } else {
    const caseClocks = running.filter((c) => c.clock !== 'clarification' && c.clock !== 'information_request');
    assert.deepEqual(caseClocks.map((c) => c.clock), [], `a finished case (${row!.status}) still has running clocks after ${history.join(' → ')}`);
  }
}

describe('every open case has a running clock', () => {
  test('after every step of random sequences of transitions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...(Object.keys(steps) as Step[]), PASS), { minLength: 1, maxLength: 14 }), async (sequence) => {
        const id = await fileReport();
        const history = ['received'];
        await assertClockRuns(id, history);
        for (const step of sequence) {
          if (await take(id, step)) history.push(step);
          await assertClockRuns(id, history);
        }
      }),
      { numRuns: 40, seed: 20261207 },
    );
  });

  test('the paths that matter, each walked to its end', async () => {
    const paths: Step[][] = [
      ['claim', 'decide', 'refuse', 'decide', 'acknowledge', 'skydd', 'forhands', 'feedback', 'close', 'reopen', 'close'],
      ['claim', 'decideForward', 'forward'],
      ['claim', 'decideReturn', 'return'],
      ['claim', 'decideOwn', 'skydd', 'forhands', 'feedback', 'close'],
      ['claim', 'release', 'claim', 'decide', 'verbal', 'skydd', 'forhands', 'feedback'],
      // The jour kvitterar at night, the case passes to the office when it opens, the office kvitterar and finishes it.
      ['claim', 'decide', 'acknowledge', 'skydd', PASS, 'ackFromJour', 'forhands', 'feedback', 'close'],
    ];
    for (const path of paths) {
      const id = await fileReport();
      for (const step of path) {
        assert.ok(await take(id, step), `${step} after ${path.slice(0, path.indexOf(step)).join(' → ')}`);
        await assertClockRuns(id, path.slice(0, path.indexOf(step) + 1));
      }
    }
  });

  test('the operators see it too: envagin_open_cases_without_clock is 0, and counts a case whose clocks are gone', async () => {
    const gauge = async () => Number(/^envagin_open_cases_without_clock (\d+)$/m.exec((await t.app.inject({ method: 'GET', url: '/metrics' })).body)?.[1]);
    assert.equal(await gauge(), 0);
    const id = await fileReport();
    await db().update(deadlines).set({ stoppedAt: now, stopReason: 'test' }).where(eq(deadlines.caseId, id));
    assert.equal(await gauge(), 1);
  });
});

describe('a refused handover', () => {
  test('starts triage again, due at once, so the supervisor is alerted in the next engine cycle', async () => {
    const id = await fileReport();
    for (const step of ['claim', 'decide', 'refuse'] as const) assert.ok(await take(id, step), step);
    const [triage] = await db().select().from(deadlines).where(and(eq(deadlines.caseId, id), eq(deadlines.clock, 'triage'), isNull(deadlines.stoppedAt)));
    assert.ok(triage, 'a running triage clock');
    assert.equal(triage.dueAt.getTime(), now.getTime(), 'due at the refusal');
    assert.equal(triage.policyId, 'default-triage');
  });
});
