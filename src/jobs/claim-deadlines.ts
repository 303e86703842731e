// Deadline processing, GoAlert-style: one transaction per batch selects due rows with
// FOR UPDATE SKIP LOCKED (other instances take other rows), decides each escalation, and writes
// the step advance, audit rows and outbox rows before committing. A process killed mid-batch
// rolls everything back and releases the row locks, so another instance redoes exactly that
// work: each fire happens once in effect.
import { inArray, sql } from 'drizzle-orm';
import { escalationPolicies } from '../db/schema.ts';
import type { Db, Tx } from '../db/types.ts';
import { queryRows } from '../db/query-rows.ts';
import { withTransaction } from '../db/transaction.ts';
import type { ClockKind, EscalationStep } from '../domain/deadlines.ts';
import type { DirectorySnapshot } from '../domain/directory-types.ts';
import { recordSystemAudits, type SystemAuditEntry } from './audit-batch.ts';
import { escalateDeadline, type DueDeadline } from './escalate.ts';
import { enqueueNotifications, type NotificationInput } from './notify.ts';
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

/** Processes one batch of due deadlines. Returns the breaches it recorded (counted after commit). */
export async function processDueDeadlines(db: Db, directory: () => Promise<DirectorySnapshot>, now: Date, limit: number, instance: string): Promise<{ processed: number; breaches: Breach[] }> {
  const snapshot = await directory();
  return withTransaction(db, async (tx) => {
    const rows = await queryRows<DueRow>(
      tx,
      sql`select d.id, d.case_id, d.clock, d.policy_id, d.due_at, d.step, d.breached_at,
                 c.number, c.assigned_user_id, c.responsible_municipality_code, c.handover_org_id
            from deadlines d left join cases c on c.id = d.case_id
           where d.next_fire_at <= ${now.toISOString()}::timestamptz and d.stopped_at is null and d.paused_at is null
           order by d.next_fire_at
           limit ${limit}
             for update of d skip locked`,
    );
    if (rows.length === 0) return { processed: 0, breaches: [] };
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
    }));
    const resolver = new TargetResolver(tx, snapshot, now);
    await resolver.prepare(due);
    const audits: SystemAuditEntry[] = [];
    const notifications: NotificationInput[] = [];
    const updates: { id: number; step: number; nextFireAt: Date | null }[] = [];
    const breaches: Breach[] = [];
    for (const [i, d] of due.entries()) {
      if (rows[i]!.number === null) {
        // The case row is gone (never committed, or purged): stop rather than spin on it.
        await tx.execute(sql`update deadlines set stopped_at = ${now.toISOString()}::timestamptz, stop_reason = 'case_missing', next_fire_at = null where id = ${d.id}`);
        audits.push({ action: 'deadline.stopped', subjectType: 'case', subjectId: d.caseId, details: { deadlineId: d.id, clock: d.clock, reason: 'case_missing' } });
        continue;
      }
      const outcome = await escalateDeadline(d, steps(rows[i]!), resolver, now, instance);
      audits.push(...outcome.audits);
      notifications.push(...outcome.notifications);
      updates.push({ id: d.id, step: outcome.step, nextFireAt: outcome.nextFireAt });
      if (outcome.newlyBreached) breaches.push({ clock: d.clock, municipality: d.responsibleMunicipalityCode ?? 'okänd' });
    }
    await enqueueNotifications(tx, notifications, { now });
    await advance(tx, updates, now);
    // Last: the audit chain lock is held from here to commit, so concurrent batches overlap everything else.
    await recordSystemAudits(tx, audits);
    return { processed: rows.length, breaches };
  });
}
