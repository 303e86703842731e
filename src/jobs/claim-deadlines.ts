// Deadline processing, GoAlert-style: one transaction per batch selects due rows with
// FOR UPDATE SKIP LOCKED (other instances take other rows), decides each escalation, and writes
// the step advance, audit rows and outbox rows before committing. A process killed mid-batch
// rolls everything back and releases the row locks, so another instance redoes exactly that
// work: each fire happens once in effect. A deadline whose escalation cannot be built is put
// back for a minute, audited and counted (envagin_escalation_failures_total): one bad row must not
// hold up every other escalation in the county.
import { inArray, sql } from 'drizzle-orm';
import { escalationPolicies } from '../db/schema.ts';
import type { Db, Tx } from '../db/types.ts';
import { queryRows } from '../db/query-rows.ts';
import { sqlState, withTransaction } from '../db/transaction.ts';
import type { ClockKind, EscalationStep } from '../domain/deadlines.ts';
import type { DirectorySnapshot } from '../domain/directory-types.ts';
import { recordSystemAudits, type SystemAuditEntry } from './audit-batch.ts';
import { escalateDeadline, type DueDeadline } from './escalate.ts';
import { addClockTallies } from '../facts/case-facts-store.ts';
import { checkedPayload, enqueueNotifications, type NotificationInput } from './notify.ts';
import { defaultPolicies, toPolicy } from './policies.ts';
import { TargetResolver } from './targets.ts';

interface DueRow {
  id: string | number;
  case_id: string;
  clock: ClockKind;
  policy_id: string | null;
  due_at: Date | string;
  step: number;
  breached_at: Date | string | null;
  number: string | null;
  assigned_user_id: string | null;
  responsible_municipality_code: string | null;
  handover_org_id: string | null;
  subject_id: string;
  addressed_org_id: string | null;
  addressed_org_kind: string | null;
  addressed_municipality_code: string | null;
  asking_org_id: string | null;
  asking_org_kind: string | null;
  asking_municipality_code: string | null;
  sent_by_user_id: string | null;
}

export interface Breach {
  clock: ClockKind;
  municipality: string;
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

async function stepsFor(tx: Tx, rows: DueRow[]): Promise<(row: DueRow) => EscalationStep[]> {
  const ids = [...new Set(rows.map((r) => r.policy_id).filter((id) => id !== null))];
  const stored = ids.length ? await tx.select().from(escalationPolicies).where(inArray(escalationPolicies.id, ids)) : [];
  const byId = new Map(stored.map((p) => [p.id, toPolicy(p).steps]));
  // A policy deleted after the clock started: the built-in default for the clock still climbs.
  return (row) => (row.policy_id && byId.get(row.policy_id)) || defaultPolicies.find((p) => p.clock === row.clock)!.steps;
}

async function advance(tx: Tx, updates: { id: number; step: number; nextFireAt: Date | null }[], now: Date): Promise<void> {
  if (updates.length === 0) return;
  const values = sql.join(
    updates.map((u) => sql`(${u.id}::bigint, ${u.step}::int, ${u.nextFireAt?.toISOString() ?? null}::timestamptz)`),
    sql`, `,
  );
  const at = now.toISOString();
  await tx.execute(sql`
    update deadlines d
       set step = v.step, next_fire_at = v.next_fire_at, breached_at = coalesce(d.breached_at, ${at}::timestamptz), updated_at = ${at}::timestamptz
      from (values ${values}) as v(id, step, next_fire_at)
     where d.id = v.id`);
}

/** A deadline that could not be escalated is tried again after this long. */
export const ESCALATION_RETRY_MS = 60_000;

/** What the audit row says of an escalation that failed: its code or the error's name, never its message. */
const errorCode = (error: unknown) => String((error as { code?: unknown }).code ?? (error as Error).name ?? 'Error');

async function putBack(tx: Tx, failed: readonly { id: number }[], now: Date): Promise<void> {
  if (failed.length === 0) return;
  const retryAt = new Date(now.getTime() + ESCALATION_RETRY_MS).toISOString();
  await tx.execute(sql`update deadlines set next_fire_at = ${retryAt}::timestamptz, updated_at = ${now.toISOString()}::timestamptz where id = any(${sql.param(failed.map((f) => f.id))}::bigint[])`);
}

export interface BatchResult {
  processed: number;
  /** The breaches it recorded (counted after commit). */
  breaches: Breach[];
  /** Deadlines whose escalation could not be built, put back for ESCALATION_RETRY_MS. */
  failed: { id: number; clock: ClockKind }[];
}

/**
 * Escalates one deadline, with its notifications checked (checkedPayload) here as well as when
 * the batch's outbox rows are written: a deadline whose escalation cannot be built then
 * fails alone instead of failing its batch, and every batch after it, forever.
 */
async function escalateOne(...args: Parameters<typeof escalateDeadline>): Promise<Awaited<ReturnType<typeof escalateDeadline>>> {
  const outcome = await escalateDeadline(...args);
  for (const n of outcome.notifications) checkedPayload(n);
  return outcome;
}

/** Processes one batch of due deadlines. */
export async function processDueDeadlines(db: Db, directory: () => Promise<DirectorySnapshot>, now: Date, limit: number, instance: string): Promise<BatchResult> {
  const snapshot = await directory();
  return withTransaction(db, async (tx) => {
    const rows = await queryRows<DueRow>(
      tx,
      sql`select d.id, d.case_id, d.clock, d.policy_id, d.due_at, d.step, d.breached_at, d.subject_id,
                 c.number, c.assigned_user_id, c.responsible_municipality_code, c.handover_org_id,
                 r.addressed_org_id, o.kind as addressed_org_kind, o.municipality_code as addressed_municipality_code,
                 r.asking_org_id, ao.kind as asking_org_kind, ao.municipality_code as asking_municipality_code, r.sent_by_user_id
            from deadlines d left join cases c on c.id = d.case_id
                 left join information_requests r on d.clock = 'information_request' and r.id::text = d.subject_id
                 left join organisations o on o.id = r.addressed_org_id
                 left join organisations ao on ao.id = r.asking_org_id
           where d.next_fire_at <= ${now.toISOString()}::timestamptz and d.stopped_at is null and d.paused_at is null
           order by d.next_fire_at
           limit ${limit}
             for update of d skip locked`,
    );
    if (rows.length === 0) return { processed: 0, breaches: [], failed: [] };
    const steps = await stepsFor(tx, rows);
    const due: DueDeadline[] = rows.map((r) => ({
      id: Number(r.id),
      clock: r.clock,
      dueAt: toDate(r.due_at),
      step: r.step,
      breachedAt: r.breached_at ? toDate(r.breached_at) : null,
      caseNumber: r.number ?? '',
      caseId: r.case_id,
      assignedUserId: r.assigned_user_id,
      responsibleMunicipalityCode: r.responsible_municipality_code,
      handoverOrgId: r.handover_org_id,
      subjectId: r.subject_id,
      request: r.addressed_org_id
        ? {
            orgId: r.addressed_org_id,
            orgKind: r.addressed_org_kind ?? '',
            municipalityCode: r.addressed_municipality_code,
            asker: r.asking_org_id ? { orgId: r.asking_org_id, orgKind: r.asking_org_kind ?? '', municipalityCode: r.asking_municipality_code, userId: r.sent_by_user_id } : null,
          }
        : null,
    }));
    const resolver = new TargetResolver(tx, snapshot, now);
    await resolver.prepare(due);
    const audits: SystemAuditEntry[] = [];
    const notifications: NotificationInput[] = [];
    const updates: { id: number; step: number; nextFireAt: Date | null }[] = [];
    const tallies: { caseId: string; clock: string; breaches: number; escalations: number }[] = [];
    const breaches: Breach[] = [];
    const failed: BatchResult['failed'] = [];
    for (const [i, d] of due.entries()) {
      if (rows[i]!.number === null) {
        // The case row is gone (never committed, or purged): stop rather than spin on it.
        await tx.execute(sql`update deadlines set stopped_at = ${now.toISOString()}::timestamptz, stop_reason = 'case_missing', next_fire_at = null where id = ${d.id}`);
        audits.push({ action: 'deadline.stopped', subjectType: 'case', subjectId: d.caseId, details: { deadlineId: d.id, clock: d.clock, reason: 'case_missing' } });
        continue;
      }
      let outcome: Awaited<ReturnType<typeof escalateOne>>;
      try {
        outcome = await escalateOne(d, steps(rows[i]!), resolver, now, instance);
      } catch (error) {
        // A database error has aborted the transaction: the batch fails as a whole and is retried.
        if (sqlState(error)) throw error;
        failed.push({ id: d.id, clock: d.clock });
        audits.push({ action: 'deadline.escalation_failed', subjectType: 'case', subjectId: d.caseId, details: { deadlineId: d.id, clock: d.clock, step: d.step, error: errorCode(error) } });
        continue;
      }
      audits.push(...outcome.audits);
      notifications.push(...outcome.notifications);
      updates.push({ id: d.id, step: outcome.step, nextFireAt: outcome.nextFireAt });
      tallies.push({ caseId: d.caseId, clock: d.clock, breaches: outcome.newlyBreached ? 1 : 0, escalations: outcome.step - d.step });
      if (outcome.newlyBreached) breaches.push({ clock: d.clock, municipality: d.responsibleMunicipalityCode ?? 'okänd' });
    }
    await enqueueNotifications(tx, notifications, { now });
    await advance(tx, updates, now);
    await putBack(tx, failed, now);
    // The statistics' facts count each breach and escalation step (DESIGN.md rule 11).
    await addClockTallies(tx, tallies, now);
    // Last: the audit chain lock is held from here to commit, so concurrent batches overlap everything else.
    await recordSystemAudits(tx, audits);
    return { processed: rows.length, breaches, failed };
  });
}
