// A simulated stretch of the calendar (issue 19): the real application (buildApp, every request
// through app.inject, so routing, authentication, authorization, the case operations and their
// clocks) and the real engine (runOnce), on the database the tests use (PGlite, or PostgreSQL
// with DATABASE_URL), driven by a manual clock moved forward from event to event.
//
// Reports arrive at random with a night-heavy hour-of-day pattern; simulated people (the hub,
// the receiving intakes and jour groups) act after random delays and sometimes never: a phone
// that is not answered, a kvittens that never comes, an assessment left undone. A seeded PRNG
// makes a run reproducible. Checked while it runs and at the end:
//   - every handover, and every number the hub was told to call, went to an organisation that
//     answers for the municipality at that minute, per the directory read by an independent
//     2027 calendar (calendar-2027.ts), and to the office whenever the office was open;
//   - every deadline that passed was escalated by the engine pass of the cycle it fell in
//     (the engine runs at every multiple of its poll interval at which something is due);
//   - no case is open at the end with a clock past its first supervisor step (hub supervisor or
//     municipality manager) without that supervisor having been alerted.
// Used by bench/simulate-year.ts (a whole year) and test/simulation/simulate-year.test.ts (weeks).
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { auditLog, caseHandovers, cases, deadlines, sessions, users } from '../../db/schema.ts';
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import { SESSION_COOKIE, hashToken, newToken } from '../../features/auth/session-token.ts';
import { seedDemo } from '../../features/directory/seed-demo.ts';
import { buildApp, type App } from '../../http/app.ts';
import { ManualClock } from '../../jobs/clock-source.ts';
import { findOpenCasesWithoutClock } from '../../jobs/clocks.ts';
import { defaultPolicies } from '../../jobs/policies.ts';
import { createEngine } from '../../jobs/start-engine.ts';
import { setLocalEngine } from '../../jobs/wake.ts';
import { createTestDatabase } from '../db.ts';
import { testConfig } from '../app.ts';
import { testPersonnummer, validReport } from '../reports.ts';
import { reachableOrgs } from './calendar-2027.ts';

export interface SimulationOptions {
  /** First and last instant simulated. */
  from: Date;
  to: Date;
  seed: number;
  /** Mean reports a day (default 30). */
  reportsPerDay?: number;
  /** Progress lines (e.g. once a simulated week). */
  progress?: (line: string) => void;
  /** Stop early after this much wall time, and summarise the time simulated so far. */
  wallLimitSeconds?: number;
  /** Asked before each event: true stops the run there and summarises it (e.g. on SIGINT). */
  stopRequested?: () => boolean;
}

export interface SimulationSummary {
  from: string;
  /** Where the run ended: `to`, or earlier when it ran out of its wall time. */
  to: string;
  completed: boolean;
  seed: number;
  database: 'pglite' | 'postgresql';
  cases: number;
  byStatus: Record<string, number>;
  byHandling: Record<string, number>;
  handovers: number;
  contactAttempts: { reached: number; unanswered: number };
  /** report → kvittens of handed-over cases that were acknowledged, in minutes. */
  kvittens: { count: number; medianMinutes: number | null; p90Minutes: number | null; longestMinutes: number | null; neverAcknowledged: number };
  /** Audited engine actions per clock and target: 'claim → hub_supervisor': n. */
  escalationsPerStep: Record<string, number>;
  stepsSkipped: number;
  breaches: number;
  engine: { cycleMs: number; passes: number; deadlinesFired: number; latestMs: number };
  requests: number;
  openCasesWithoutClock: number;
  /** Each broken rule, described (empty when the run is sound). */
  violations: string[];
  wallSeconds: number;
  /** Where the wall time went: HTTP requests, engine passes, the simulation's own checks. */
  spentSeconds: { requests: number; engine: number; checks: number };
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Relative report intensity per Stockholm hour of day: most at night, least in the morning. */
const HOURLY_WEIGHT = [2.2, 2.4, 2.2, 1.8, 1.3, 0.8, 0.5, 0.5, 0.6, 0.7, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.5, 1.7, 1.9, 2.1, 2.2];
const SUPERVISORS = new Set(['hub_supervisor', 'municipality_manager']);

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    /** A log-normal delay with the given median (ms); sigma 0.8 gives a long but bounded tail. */
    delay: (medianMs: number, sigma = 0.8) => {
      const u = Math.max(next(), 1e-12);
      const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
      return Math.round(medianMs * Math.exp(sigma * z));
    },
    poisson: (mean: number) => {
      const l = Math.exp(-mean);
      let k = 0;
      for (let p = next(); p > l; p *= next()) k++;
      return k;
    },
  };
}

/** Events in time order (ties in the order they were scheduled). */
class Agenda {
  private heap: { at: number; seq: number; run: () => Promise<void> }[] = [];
  private seq = 0;
  get size() {
    return this.heap.length;
  }
  peek(): number {
    return this.heap[0]?.at ?? Number.POSITIVE_INFINITY;
  }
  add(at: number, run: () => Promise<void>) {
    const h = this.heap;
    h.push({ at, seq: this.seq++, run });
    for (let i = h.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (this.less(h[p]!, h[i]!)) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }
  pop() {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
        if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
  private less(a: { at: number; seq: number }, b: { at: number; seq: number }) {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

interface Session {
  userId: string;
  cookie: string;
  csrf: string;
}

interface CaseView {
  id: string;
  status: string;
  handling: string | null;
  responsibleMunicipalityCode: string | null;
  handover: { orgId: string | null };
  callNow?: { contact: { orgId: string | null; orgName: string; label: string; phone: string | null; kind: string } | null };
}

/** Opens a session for a user the way a login ends, without the password and code round trips. */
async function openSession(app: App, userId: string): Promise<Session> {
  const token = newToken();
  const csrf = newToken();
  // Sessions live on the wall clock (features/auth/wall-clock.ts), not the simulated one.
  const wall = new Date();
  await app.deps.database.db
    .insert(sessions)
    .values({ tokenHash: hashToken(token), userId, csrfToken: csrf, expiresAt: new Date(wall.getTime() + 12 * HOUR), createdAt: wall, lastSeenAt: wall, mfaVerifiedAt: wall });
  return { userId, cookie: `${SESSION_COOKIE}=${token}`, csrf };
}

export async function simulate(opts: SimulationOptions): Promise<SimulationSummary> {
  const started = performance.now();
  const rng = prng(opts.seed);
  const from = opts.from.getTime();
  const to = opts.to.getTime();
  const clock = new ManualClock(opts.from);
  // The simulation's own throwaway database: prepared statements and commits that do not wait
  // for the WAL flush (simulation-only settings, docs/BENCHMARKS.md; src/test/db.ts says why).
  const testDb = await createTestDatabase({ namedStatements: true, asynchronousCommit: true });
  const config = testConfig({ SESSION_IDLE_MINUTES: '1440' });
  const db = testDb.database.db;
  await seedDemo(db, config.secrets);
  const app = await buildApp({ config, database: testDb.database, clock: () => clock.now() });
  await app.ready();
  const cycleMs = config.engine.pollMs;
  const engine = createEngine(app, { clock, databaseUrl: null });
  // The engine is this process's, as in `envagin serve`: work committed by a request nudges it in
  // process (jobs/wake.ts) instead of by a NOTIFY to no one. The simulation runs its passes
  // itself, at every cycle a deadline is due and hourly, so the nudge itself does nothing here.
  setLocalEngine(engine);
  const dir: DirectorySnapshot = await app.directoryCache.get(db);
  const violations: string[] = [];
  const violation = (text: string) => {
    if (violations.length < 200) violations.push(text);
  };

  // The people: the demo's hub, police and supervisor, and one intake user per receiving unit and
  // one manager per municipality (a real installation has them; the demo names only a few).
  const byName = async (username: string) => (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
  const polis = await openSession(app, await byName('polis'));
  const hub = await openSession(app, await byName('hub'));
  const hubchef = await openSession(app, await byName('hubchef'));
  const receiverOf = new Map<string, Session>();
  for (const orgId of [...dir.intakeUnits.map((u) => u.orgId), ...dir.jourGroups.map((g) => g.orgId)]) {
    const [u] = await db.insert(users).values({ username: `sim.${orgId}`, displayName: `Mottagare ${orgId}`, role: 'municipality.intake', orgId }).returning({ id: users.id });
    receiverOf.set(orgId, await openSession(app, u!.id));
  }
  const haveManager = new Set((await db.select({ orgId: users.orgId }).from(users).where(eq(users.role, 'municipality.manager'))).map((r) => r.orgId));
  for (const m of dir.municipalities.filter((x) => x.inCounty && !haveManager.has(`kommun-${x.code}`))) {
    await db.insert(users).values({ username: `sim.chef.${m.code}`, displayName: `Enhetschef ${m.name}`, role: 'municipality.manager', orgId: `kommun-${m.code}` });
  }

  let requests = 0;
  const spent = { requestsMs: 0, engineMs: 0, checksMs: 0 };
  const contactAttempts = { reached: 0, unanswered: 0 };
  async function call(who: Session, method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
    requests++;
    const t0 = performance.now();
    const res = await app.inject({ method, url, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, ...headers }, ...(body === undefined ? {} : { payload: body as object }) });
    spent.requestsMs += performance.now() - t0;
    if (res.statusCode >= 300) {
      violation(`${method} ${url.replace(/[0-9a-f-]{36}/, ':id')} answered ${res.statusCode} at ${clock.now().toISOString()}: ${res.body.slice(0, 200)}`);
      return undefined;
    }
    // null: done, and the case has left the actor's sight (a refusal answers 204).
    return res.statusCode === 204 ? null : (res.json() as CaseView);
  }
  const agenda = new Agenda();
  const later = (ms: number, run: () => Promise<void>) => agenda.add(clock.now().getTime() + Math.max(ms, 1_000), run);

  /** Checks an organisation the hub hands over to or calls against the independent calendar. */
  function checkReachable(what: string, orgId: string | null, municipality: string | null) {
    const at = clock.now();
    if (!municipality) return violation(`${what} at ${at.toISOString()}: no responsible municipality`);
    const expected = reachableOrgs(dir, municipality, at);
    if (!orgId || !expected.orgIds.includes(orgId)) {
      violation(`${what} for ${municipality} at ${at.toISOString()} went to ${orgId ?? 'nobody'}, but the directory says ${expected.kind}: ${expected.orgIds.join(', ') || 'nobody'}`);
    }
  }

  // The residence of the children: Stockholm most often, every other municipality of the
  // county, now and then Vaxholm (no agreement) or a child from outside the county.
  const county = dir.municipalities.filter((m) => m.inCounty).map((m) => m.code);
  const residence = () => (rng.chance(0.35) ? '0180' : rng.chance(0.03) ? '0380' : rng.pick(county));

  let child = 0;
  async function fileReport() {
    const home = residence();
    const found = rng.chance(0.7) || !county.includes(home) ? '0180' : home;
    const receivedAt = clock.now();
    const filed = await call(
      polis,
      'POST',
      '/api/v1/cases',
      validReport({
        policeDiaryNumber: `5000-K${String(100000 + child).slice(-6)}-27`,
        found: { at: new Date(receivedAt.getTime() - rng.delay(40 * MIN)).toISOString(), municipalityCode: found, place: 'Simulerad plats' },
        child: { identityKind: 'known', identityNumber: testPersonnummer(child++), name: 'Simulerat Barn' },
        residence: { municipalityCode: home, address: 'Simulerad gata 1' },
        urgency: rng.pick(['acute', 'acute', 'today', 'not_urgent'] as const),
      }),
      { 'idempotency-key': randomUUID() },
    );
    if (!filed) return;
    const id = filed.id;
    // The hub takes it, usually within minutes, at busy moments much later.
    later(rng.chance(0.08) ? rng.delay(25 * MIN) : rng.delay(3 * MIN), () => claim(id));
  }

  async function claim(id: string) {
    if (!(await call(hub, 'POST', `/api/v1/cases/${id}/claim`, {}))) return;
    later(rng.delay(6 * MIN), () => decide(id));
  }

  async function decide(id: string) {
    const view = await call(hub, 'POST', `/api/v1/cases/${id}/decision`, {});
    if (!view) return;
    if (view.status === 'handover_pending') {
      checkReachable('handover', view.handover.orgId, view.responsibleMunicipalityCode);
      // The hub picks up the phone at once, calling whom the decision's page says to call now.
      await phone(id, 1, view);
    } else if (view.status === 'own') {
      assess(id, hub);
    } else if (view.handling === 'forward') {
      later(rng.delay(15 * MIN), () => forward(id));
    } else if (view.handling === 'return') {
      later(rng.delay(10 * MIN), async () => void (await call(hub, 'POST', `/api/v1/cases/${id}/return`, { reason: 'Inte i målgruppen (simulerat).' })));
    }
  }

  /** The hub calls whom the case page says to call now; nobody answers about a time in four. */
  async function phone(id: string, attempt: number, seen?: CaseView) {
    const view = seen ?? (await call(hub, 'GET', `/api/v1/cases/${id}`));
    if (!view || view.status !== 'handover_pending') return;
    const contact = view.callNow?.contact;
    if (!contact?.phone) return violation(`case ${id}: nobody to call at ${clock.now().toISOString()}`);
    checkReachable('call', contact.orgId, view.responsibleMunicipalityCode);
    const reached = rng.chance(contact.kind === 'jour' ? 0.8 : 0.7);
    const logged = await call(hub, 'POST', `/api/v1/cases/${id}/contact-attempts`, {
      orgName: contact.orgName,
      label: contact.label,
      phone: contact.phone,
      orgId: contact.orgId,
      outcome: reached ? 'reached' : 'no_answer',
    });
    if (!logged) return;
    if (!reached) {
      contactAttempts.unanswered++;
      // After six unanswered calls the hub stops calling: the escalation chain has to carry it.
      if (attempt < 6) later(rng.delay(5 * MIN, 0.4), () => phone(id, attempt + 1));
      else leaveUndone(id, supervisorCalls(id));
      return;
    }
    contactAttempts.reached++;
    const receiver = receiverOf.get(view.handover.orgId ?? '');
    const r = rng.next();
    if (r < 0.08) {
      // Accepted on the phone: the hub records it with the name of who accepted.
      if (await call(hub, 'POST', `/api/v1/cases/${id}/verbal-acknowledgement`, { acceptedByName: 'Simulerad mottagare' })) {
        if (receiver) assess(id, receiver);
      }
    } else if (r < 0.1 && receiver) {
      later(rng.delay(10 * MIN), async () => {
        if ((await call(receiver, 'POST', `/api/v1/cases/${id}/refuse`, { reason: 'Fel kommun enligt vår folkbokföring (simulerat).' })) !== undefined) {
          // Back in triage: the hub decides again.
          later(rng.delay(10 * MIN), () => decide(id));
        }
      });
    } else if (r < 0.95 && receiver) {
      later(rng.delay(8 * MIN), async () => {
        if (await call(receiver, 'POST', `/api/v1/cases/${id}/acknowledge`, {})) assess(id, receiver);
      });
    }
    // Otherwise no kvittens ever comes.
    else leaveUndone(id, supervisorCalls(id));
  }

  /**
   * What was left undone, per case (a case can wait for several things at once: its office
   * kvittens from the jour and an assessment): all of it taken up when a supervisor is alerted
   * about the case (the hub supervisor phones the municipality and records its acceptance; a
   * manager gets the office to kvittera and the assessment done). Supervisors always act, if
   * late: the chain is what catches the rest.
   */
  const undone = new Map<string, (() => Promise<void>)[]>();
  const leaveUndone = (caseId: string, work: () => Promise<void>) => undone.set(caseId, [...(undone.get(caseId) ?? []), work]);
  async function supervisorAlerted(caseId: string, target: string) {
    const works = undone.get(caseId);
    if (!works) return;
    undone.delete(caseId);
    for (const work of works) later(target === 'hub_supervisor' ? rng.delay(30 * MIN) : rng.delay(6 * HOUR), work);
  }
  /** The hub supervisor reaches the receiver on the phone and records the acceptance. */
  const supervisorCalls = (id: string) => async () => {
    const view = await call(hubchef, 'GET', `/api/v1/cases/${id}`);
    if (!view || view.status !== 'handover_pending') return;
    const contact = view.callNow?.contact;
    if (contact?.phone) {
      checkReachable('call', contact.orgId, view.responsibleMunicipalityCode);
      contactAttempts.reached++;
      await call(hubchef, 'POST', `/api/v1/cases/${id}/contact-attempts`, { orgName: contact.orgName, label: contact.label, phone: contact.phone, orgId: contact.orgId, outcome: 'reached' });
    }
    if (await call(hubchef, 'POST', `/api/v1/cases/${id}/verbal-acknowledgement`, { acceptedByName: 'Simulerad mottagare' })) {
      const receiver = receiverOf.get(view.handover.orgId ?? '');
      if (receiver) assess(id, receiver);
    }
  };

  /** Skyddsbedömning the same day, förhandsbedömning within two weeks, feedback, close; each sometimes never. */
  function assess(id: string, who: Session) {
    const base = `/api/v1/cases/${id}`;
    const step = (p: number, delayMs: number, path: string, body: () => unknown, then?: () => void) => {
      const work = async () => {
        // Whoever handles the case by then: the office, once it has taken over from its jour.
        if ((await call(handlerOf.get(id) ?? who, 'POST', `${base}/${path}`, body())) !== undefined) then?.();
      };
      if (rng.chance(p)) later(rng.delay(delayMs), work);
      else leaveUndone(id, work);
    };
    step(0.96, 2 * HOUR, 'skyddsbedomning', () => ({ assessedAt: clock.now().toISOString(), outcome: 'no_immediate_protection_needed', measures: '' }), () =>
      step(0.93, 7 * DAY, 'forhandsbedomning', () => ({ decision: rng.pick(['inleda_utredning', 'inte_inleda'] as const), decidedOn: clock.now().toISOString().slice(0, 10), note: '' }), () =>
        step(0.95, 2 * DAY, 'feedback', () => ({ withheld: false, message: 'Utredning pågår (simulerat).' }), () => step(0.95, 2 * DAY, 'close', () => ({}))),
      ),
    );
  }

  /**
   * The office opens and finds the cases its jour group took at night ("från jouren"): it
   * kvitterar them after a while (90 %), or never, and its manager and then the hub supervisor
   * are alerted by the office_acknowledge clock (the hub supervisor then gets it done).
   */
  const passedToOffice = new Set<number>();
  const handlerOf = new Map<string, Session>();
  async function officeTakesOver() {
    const passed = await db
      .select({ id: caseHandovers.id, caseId: caseHandovers.caseId, orgId: caseHandovers.orgId })
      .from(caseHandovers)
      .where(and(eq(caseHandovers.kind, 'office'), isNull(caseHandovers.acknowledgedAt), isNull(caseHandovers.endedAt), sql`${caseHandovers.passedAt} is not null`));
    for (const h of passed.filter((x) => !passedToOffice.has(x.id))) {
      passedToOffice.add(h.id);
      const office = receiverOf.get(h.orgId);
      if (!office) continue;
      const work = async () => {
        // Only while the case still waits for the office: the jour may have closed it meanwhile.
        const [open] = await db
          .select({ id: caseHandovers.id })
          .from(caseHandovers)
          .innerJoin(cases, eq(cases.id, caseHandovers.caseId))
          .where(and(eq(caseHandovers.id, h.id), isNull(caseHandovers.acknowledgedAt), isNull(caseHandovers.endedAt), eq(cases.status, 'accepted')));
        if (open && (await call(office, 'POST', `/api/v1/cases/${h.caseId}/acknowledge-from-jour`, {}))) handlerOf.set(h.caseId, office);
      };
      if (rng.chance(0.9)) later(rng.delay(20 * MIN), work);
      else leaveUndone(h.caseId, work);
    }
  }

  async function forward(id: string) {
    const view = await call(hub, 'GET', `/api/v1/cases/${id}`);
    const code = view?.responsibleMunicipalityCode ?? '0380';
    if (await call(hub, 'POST', `/api/v1/cases/${id}/forward`, { municipalityCode: code, channel: 'email', address: 'registrator@example.se' })) {
      later(rng.delay(DAY), async () => void (await call(hub, 'POST', `/api/v1/cases/${id}/close`, {})));
    }
  }

  // Arrivals: a Poisson number per hour, weighted by the Stockholm hour of day.
  const weightSum = HOURLY_WEIGHT.reduce((a, b) => a + b, 0);
  const perDay = opts.reportsPerDay ?? 30;
  const hourOf = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: '2-digit', hourCycle: 'h23' });
  for (let h = from; h < to; h += HOUR) {
    const n = rng.poisson((perDay * HOURLY_WEIGHT[Number(hourOf.format(new Date(h)))]!) / weightSum);
    for (let i = 0; i < n; i++) agenda.add(h + Math.floor(rng.next() * HOUR), fileReport);
  }

  // The engine: a pass at every multiple of its poll interval at which a deadline is due, and an
  // hourly pass for the deliveries (its nudged delivery cycles change no clock).
  const engineStats = { passes: 0, deadlinesFired: 0, latestMs: 0 };
  const nextDue = async () => {
    const [row] = await db
      .select({ at: sql<string | null>`min(${deadlines.nextFireAt})` })
      .from(deadlines)
      .where(and(isNull(deadlines.stoppedAt), isNull(deadlines.pausedAt)));
    return row?.at ? new Date(row.at).getTime() : Number.POSITIVE_INFINITY;
  };
  async function enginePass(at: number) {
    const now = new Date(at);
    const due = await db
      .select({ id: deadlines.id, caseId: deadlines.caseId, nextFireAt: deadlines.nextFireAt, step: deadlines.step })
      .from(deadlines)
      .where(and(isNull(deadlines.stoppedAt), isNull(deadlines.pausedAt), lte(deadlines.nextFireAt, now)));
    const t0 = performance.now();
    const result = await engine.runOnce(now);
    spent.engineMs += performance.now() - t0;
    engineStats.passes++;
    engineStats.deadlinesFired += result.deadlines;
    if (result.handovers > 0) await officeTakesOver();
    if (due.length === 0) return;
    const t1 = performance.now();
    const after = new Map((await db.select().from(deadlines).where(inArray(deadlines.id, due.map((d) => d.id)))).map((d) => [d.id, d]));
    const fired = await db
      .select({ id: sql<string>`${auditLog.details}->>'deadlineId'`, caseId: auditLog.subjectId, target: sql<string>`${auditLog.details}->>'target'` })
      .from(auditLog)
      // By subject (indexed): the log grows by the hundred thousand over a year.
      .where(
        and(
          eq(auditLog.subjectType, 'case'),
          inArray(auditLog.subjectId, [...new Set(due.map((d) => d.caseId))]),
          eq(auditLog.at, now),
          inArray(auditLog.action, ['deadline.escalated', 'deadline.step_skipped']),
        ),
      );
    const audited = new Set(fired.map((r) => Number(r.id)));
    for (const f of fired) if (SUPERVISORS.has(f.target) && f.caseId) await supervisorAlerted(f.caseId, f.target);
    for (const d of due) {
      const late = at - d.nextFireAt!.getTime();
      engineStats.latestMs = Math.max(engineStats.latestMs, late);
      const row = after.get(d.id)!;
      const handled = row.stoppedAt !== null || (row.step > d.step && (row.nextFireAt === null || row.nextFireAt.getTime() > at) && audited.has(d.id));
      if (!handled || late >= cycleMs) violation(`deadline ${d.id} (${row.clock}) due ${d.nextFireAt!.toISOString()} was ${handled ? `escalated ${late} ms late` : 'not escalated'} by the pass at ${now.toISOString()}`);
    }
    spent.checksMs += performance.now() - t1;
  }

  let nextHourly = from + HOUR;
  let end = to;
  let dueAt = await nextDue();
  let week = from + 7 * DAY;
  while (true) {
    const engineAt = Number.isFinite(dueAt) ? Math.ceil(dueAt / cycleMs) * cycleMs : Number.POSITIVE_INFINITY;
    const t = Math.min(agenda.peek(), engineAt, nextHourly);
    if (t >= to) break;
    if ((opts.wallLimitSeconds && performance.now() - started > opts.wallLimitSeconds * 1000) || opts.stopRequested?.()) {
      end = t;
      break;
    }
    clock.set(new Date(t));
    if (t === engineAt || t === nextHourly) {
      await enginePass(t);
      if (t === nextHourly) nextHourly += HOUR;
    } else {
      await agenda.pop().run();
    }
    dueAt = await nextDue();
    if (t >= week) {
      opts.progress?.(`${new Date(t).toISOString().slice(0, 10)}: ${requests} requests, ${engineStats.passes} engine passes, ${Math.round((performance.now() - started) / 1000)} s`);
      week += 7 * DAY;
    }
  }
  clock.set(new Date(end));

  const summary = await summarise(app, { ...opts, to: new Date(end) }, { violation, violations, requests, contactAttempts, engineStats, cycleMs });
  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  setLocalEngine(null);
  await app.close();
  await testDb.drop();
  return { ...summary, completed: end === to, wallSeconds: seconds(performance.now() - started), spentSeconds: { requests: seconds(spent.requestsMs), engine: seconds(spent.engineMs), checks: seconds(spent.checksMs) } };
}

async function summarise(
  app: App,
  opts: SimulationOptions,
  s: {
    violation: (t: string) => void;
    violations: string[];
    requests: number;
    contactAttempts: SimulationSummary['contactAttempts'];
    engineStats: { passes: number; deadlinesFired: number; latestMs: number };
    cycleMs: number;
  },
): Promise<Omit<SimulationSummary, 'wallSeconds' | 'spentSeconds'>> {
  const db = app.deps.database.db;
  const all = await db
    .select({ id: cases.id, status: cases.status, handling: cases.handling, receivedAt: cases.receivedAt, acceptedAt: cases.acceptedAt, handoverStartedAt: cases.handoverStartedAt })
    .from(cases);
  const count = (xs: readonly (string | null)[]) => xs.reduce<Record<string, number>>((m, x) => ({ ...m, [x ?? 'none']: (m[x ?? 'none'] ?? 0) + 1 }), {});
  const handedOver = all.filter((c) => c.handoverStartedAt !== null);
  const kvittens = handedOver
    .filter((c) => c.acceptedAt !== null)
    .map((c) => (c.acceptedAt!.getTime() - c.receivedAt.getTime()) / MIN)
    .sort((a, b) => a - b);
  const quantile = (q: number) => (kvittens.length ? Math.round(kvittens[Math.min(kvittens.length - 1, Math.floor(q * kvittens.length))]! * 10) / 10 : null);

  const steps = await db
    .select({ action: auditLog.action, clock: sql<string>`${auditLog.details}->>'clock'`, target: sql<string>`${auditLog.details}->>'target'`, n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(inArray(auditLog.action, ['deadline.escalated', 'deadline.step_skipped', 'deadline.breached']))
    .groupBy(auditLog.action, sql`2`, sql`3`);
  const escalationsPerStep: Record<string, number> = {};
  for (const r of steps.filter((x) => x.action === 'deadline.escalated').sort((a, b) => b.n - a.n)) escalationsPerStep[`${r.clock} → ${r.target}`] = r.n;

  // Open at the end with a clock past its first supervisor step: that supervisor must have been alerted.
  const end = opts.to.getTime();
  const openIds = all.filter((c) => !['closed', 'forwarded', 'returned'].includes(c.status)).map((c) => c.id);
  const late = openIds.length
    ? await db.select().from(deadlines).where(and(inArray(deadlines.caseId, openIds), isNull(deadlines.stoppedAt)))
    : [];
  const alerted = new Set(
    (
      await db
        .select({ caseId: auditLog.subjectId, target: sql<string>`${auditLog.details}->>'target'` })
        .from(auditLog)
        .where(eq(auditLog.action, 'deadline.escalated'))
    )
      .filter((r) => SUPERVISORS.has(r.target))
      .map((r) => r.caseId),
  );
  for (const d of late) {
    const policy = defaultPolicies.find((p) => p.clock === d.clock)!;
    const first = policy.steps.find((x) => SUPERVISORS.has(x.target));
    if (!first || d.pausedAt) continue;
    const supervisorDue = d.dueAt.getTime() + first.afterMinutes * MIN;
    if (supervisorDue + s.cycleMs <= end && !alerted.has(d.caseId)) {
      s.violation(`case ${d.caseId} ended open with its ${d.clock} clock due ${d.dueAt.toISOString()} and no supervisor alerted`);
    }
  }

  return {
    from: opts.from.toISOString(),
    to: opts.to.toISOString(),
    completed: true,
    seed: opts.seed,
    database: app.deps.database.kind === 'pglite' ? 'pglite' : 'postgresql',
    cases: all.length,
    byStatus: count(all.map((c) => c.status)),
    byHandling: count(all.map((c) => c.handling)),
    handovers: handedOver.length,
    contactAttempts: s.contactAttempts,
    kvittens: {
      count: kvittens.length,
      medianMinutes: quantile(0.5),
      p90Minutes: quantile(0.9),
      longestMinutes: kvittens.length ? Math.round(kvittens[kvittens.length - 1]! * 10) / 10 : null,
      neverAcknowledged: handedOver.length - kvittens.length,
    },
    escalationsPerStep,
    stepsSkipped: steps.filter((x) => x.action === 'deadline.step_skipped').reduce((a, r) => a + r.n, 0),
    breaches: steps.filter((x) => x.action === 'deadline.breached').reduce((a, r) => a + r.n, 0),
    engine: { cycleMs: s.cycleMs, ...s.engineStats },
    requests: s.requests,
    openCasesWithoutClock: (await findOpenCasesWithoutClock(db)).length,
    violations: s.violations,
  };
}
