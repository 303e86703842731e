// Writes the de-identified facts of cases (DESIGN.md rule 11; the rules are in
// src/domain/case-facts.ts). Below the features and the engine, like src/audit: a case change
// (src/features/cases/apply-transition.ts, file-report.ts, post-message.ts) rewrites its case's
// row in its own transaction, and the engine adds the breaches and escalation steps it records
// (src/jobs/claim-deadlines.ts) in its batch transaction. Nothing here reads personal data
// beyond the report's gang-risk types, and nothing personal is written.
import { and, asc, gt, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { caseEvents, caseFacts, cases, deadlines } from '../db/schema.ts';
import type { DbOrTx, Tx } from '../db/types.ts';
import { computeCaseFacts, type CaseFactValues, type ClockTally, type FactCaseInput, type FactClock, type FactEvent } from '../domain/case-facts.ts';

export type FactCaseRow = FactCaseInput & { id: string };

/** Every column but the clock tallies, which only the engine changes (addClockTallies). */
function columnsOf(values: CaseFactValues) {
  const { clocks: _clocks, ...rest } = values;
  return rest;
}

async function eventsOf(db: DbOrTx, ids: string[]): Promise<Map<string, FactEvent[]>> {
  const rows = await db
    .select({ caseId: caseEvents.caseId, type: caseEvents.type, at: caseEvents.at, toStatus: caseEvents.toStatus })
    .from(caseEvents)
    .where(inArray(caseEvents.caseId, ids))
    .orderBy(asc(caseEvents.id));
  const byCase = new Map<string, FactEvent[]>();
  for (const r of rows) {
    let list = byCase.get(r.caseId);
    if (!list) byCase.set(r.caseId, (list = []));
    list.push({ type: r.type, at: r.at, toStatus: r.toStatus });
  }
  return byCase;
}

async function clocksOf(db: DbOrTx, ids: string[]): Promise<Map<string, FactClock[]>> {
  const rows = await db
    .select({ caseId: deadlines.caseId, clock: deadlines.clock, breachedAt: deadlines.breachedAt, step: deadlines.step })
    .from(deadlines)
    .where(and(inArray(deadlines.caseId, ids), or(isNotNull(deadlines.breachedAt), gt(deadlines.step, 0))));
  const byCase = new Map<string, FactClock[]>();
  for (const r of rows) {
    let list = byCase.get(r.caseId);
    if (!list) byCase.set(r.caseId, (list = []));
    list.push({ clock: r.clock, breachedAt: r.breachedAt, step: r.step });
  }
  return byCase;
}

async function previousRiskTypes(db: DbOrTx, rows: readonly FactCaseRow[]): Promise<Map<string, string[]>> {
  const purged = rows.filter((r) => r.report === null).map((r) => r.id);
  if (purged.length === 0) return new Map();
  const stored = await db.select({ caseId: caseFacts.caseId, types: caseFacts.gangRiskTypes }).from(caseFacts).where(inArray(caseFacts.caseId, purged));
  return new Map(stored.map((s) => [s.caseId, s.types]));
}

/**
 * The facts of these cases as the timeline says now, clock tallies included (what a stored
 * row must equal). Reads in three statements whatever the number of cases.
 */
export async function recomputeCaseFacts(db: DbOrTx, rows: readonly FactCaseRow[]): Promise<Map<string, CaseFactValues>> {
  if (rows.length === 0) return new Map();
  const ids = rows.map((r) => r.id);
  const [events, clocks, previous] = [await eventsOf(db, ids), await clocksOf(db, ids), await previousRiskTypes(db, rows)];
  const out = new Map<string, CaseFactValues>();
  for (const r of rows) {
    const prev = previous.get(r.id);
    out.set(r.id, computeCaseFacts(r, events.get(r.id) ?? [], clocks.get(r.id) ?? [], prev ? { gangRiskTypes: prev } : null));
  }
  return out;
}

/**
 * Rewrites the facts of cases just changed, in the change's transaction. A new row gets its
 * clock tallies from the timeline; an existing row keeps the tallies the engine keeps.
 */
export async function refreshCaseFacts(tx: Tx, rows: readonly FactCaseRow[], now: Date): Promise<void> {
  const facts = await recomputeCaseFacts(tx, rows);
  if (facts.size === 0) return;
  const values = [...facts].map(([caseId, v]) => ({ caseId, ...v, updatedAt: now }));
  const set = Object.fromEntries(
    Object.keys(columnsOf(values[0]!))
      .filter((k) => k !== 'caseId')
      .map((k) => [k, sql.raw(`excluded.${snake(k)}`)]),
  );
  await tx.insert(caseFacts).values(values).onConflictDoUpdate({ target: caseFacts.caseId, set });
}

/** The facts of a case just filed: nothing to read but the row itself (filing stays one plain insert more). */
export async function insertFactsOfNewCase(tx: Tx, row: FactCaseRow, at: Date): Promise<void> {
  const values = computeCaseFacts(row, [{ type: 'receive', at: row.receivedAt, toStatus: 'received' }], []);
  await tx.insert(caseFacts).values({ caseId: row.id, ...values, updatedAt: at });
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Adds the engine's breaches and escalation steps to the facts of their cases. Increments, not
 * a recomputation: two batches escalating two clocks of one case at once each add their own,
 * serialised by the fact row's lock.
 */
export async function addClockTallies(tx: Tx, increments: readonly { caseId: string; clock: string; breaches: number; escalations: number }[], now: Date): Promise<void> {
  const byCase = new Map<string, Record<string, ClockTally>>();
  for (const i of increments) {
    if (i.breaches === 0 && i.escalations === 0) continue;
    const delta = byCase.get(i.caseId) ?? {};
    const t = (delta[i.clock] ??= { breaches: 0, escalations: 0 });
    t.breaches += i.breaches;
    t.escalations += i.escalations;
    byCase.set(i.caseId, delta);
  }
  if (byCase.size === 0) return;
  const rows = sql.join(
    [...byCase].map(([caseId, delta]) => sql`(${caseId}::uuid, ${JSON.stringify(delta)}::jsonb)`),
    sql`, `,
  );
  await tx.execute(sql`
    update case_facts f
       set clocks = (
             select coalesce(jsonb_object_agg(k, jsonb_build_object(
                      'breaches', coalesce((f.clocks->k->>'breaches')::int, 0) + coalesce((v.delta->k->>'breaches')::int, 0),
                      'escalations', coalesce((f.clocks->k->>'escalations')::int, 0) + coalesce((v.delta->k->>'escalations')::int, 0))), '{}'::jsonb)
               from jsonb_object_keys(f.clocks || v.delta) as k),
           updated_at = ${now.toISOString()}::timestamptz
      from (values ${rows}) as v(case_id, delta)
     where f.case_id = v.case_id`);
}

/** The fact-relevant columns of cases, by id. */
export async function loadFactCases(db: DbOrTx, ids: readonly string[]): Promise<FactCaseRow[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: cases.id,
      status: cases.status,
      receivedAt: cases.receivedAt,
      urgency: cases.urgency,
      foundMunicipalityCode: cases.foundMunicipalityCode,
      residenceCode: cases.residenceCode,
      responsibleMunicipalityCode: cases.responsibleMunicipalityCode,
      identityKind: cases.identityKind,
      ageAtReceipt: cases.ageAtReceipt,
      basis: cases.basis,
      handling: cases.handling,
      duplicateFlag: cases.duplicateFlag,
      report: cases.report,
      routing: cases.routing,
      skyddsbedomning: cases.skyddsbedomning,
      forhandsbedomning: cases.forhandsbedomning,
      feedback: cases.feedback,
      forwardedTo: cases.forwardedTo,
    })
    .from(cases)
    .where(inArray(cases.id, [...ids]));
}

/**
 * Gives every case without facts its row, computed from its timeline, in batches. Idempotent:
 * run by `envagin migrate` and at every start (after the migrations), so cases filed before the
 * facts existed are counted; a second run finds nothing to do. Returns how many rows it wrote.
 */
export async function backfillCaseFacts(db: DbOrTx, batch = 500): Promise<number> {
  let written = 0;
  for (;;) {
    const missing = await db
      .select({ id: cases.id })
      .from(cases)
      .where(sql`not exists (select 1 from case_facts f where f.case_id = ${cases.id})`)
      .limit(batch);
    if (missing.length === 0) return written;
    const rows = await loadFactCases(db, missing.map((m) => m.id));
    const facts = await recomputeCaseFacts(db, rows);
    await db
      .insert(caseFacts)
      .values([...facts].map(([caseId, v]) => ({ caseId, ...v })))
      .onConflictDoNothing();
    written += facts.size;
  }
}
