// One due deadline's escalation, decided from the policy's steps (src/domain/deadlines.ts) and
// the targets as they resolve now. Returns what to write; the caller writes it in the batch's
// transaction, so the step advance, its audit rows and its outbox rows commit together.
import type { ClockKind, EscalationStep } from '../domain/deadlines.ts';
import { fireTime, planFires, stepForFire, stockholmClockTime } from '../domain/deadlines.ts';
import { escalationMessage } from '../shared/messages.ts';
import type { SystemAuditEntry } from './audit-batch.ts';
import type { NotificationInput } from './notify.ts';
import type { CaseFacts, TargetResolver } from './targets.ts';

export interface DueDeadline extends CaseFacts {
  id: number;
  clock: ClockKind;
  dueAt: Date;
  /** Fires already done. */
  step: number;
  breachedAt: Date | null;
  caseNumber: string;
  /** The sub-object of the clock (an information request's id), '' for the case's own clocks. */
  subjectId: string;
}

export interface EscalationOutcome {
  audits: SystemAuditEntry[];
  notifications: NotificationInput[];
  step: number;
  nextFireAt: Date | null;
  newlyBreached: boolean;
}

export const caseLink = (caseId: string) => `/arende/${caseId}`;
/** An information request in the inbox of the organisation that sees it. */
export const requestLink = (requestId: string) => `/forfragningar?request=${requestId}`;

export async function escalateDeadline(d: DueDeadline, steps: readonly EscalationStep[], resolver: TargetResolver, now: Date, instance: string): Promise<EscalationOutcome> {
  const base = { deadlineId: d.id, clock: d.clock, instance };
  const audit = (action: string, details: Record<string, unknown>): SystemAuditEntry => ({ action, subjectType: 'case', subjectId: d.caseId, details: { ...base, ...details } });
  const audits: SystemAuditEntry[] = [];
  const notifications: NotificationInput[] = [];
  if (!d.breachedAt) audits.push(audit('deadline.breached', { dueAt: d.dueAt.toISOString() }));

  const plan = planFires(steps, d.dueAt, d.step, now);
  let fired = plan.fired;
  let nextFireAt = plan.nextFireAt;
  const queue = [...plan.fires];
  for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
    const step = stepForFire(steps, n)!;
    const resolved = await resolver.resolve(step.target, d, n);
    if (resolved.orgIds.length + resolved.userIds.length === 0) {
      audits.push(audit('deadline.step_skipped', { fire: n, target: step.target, reason: 'no_reachable_target' }));
      // Nobody to alert: the next distinct step fires now instead of at its scheduled time.
      if (queue.length === 0 && fired < steps.length) {
        queue.push(fired);
        fired += 1;
        nextFireAt = fireTime(steps, d.dueAt, fired);
      }
      continue;
    }
    audits.push(audit('deadline.escalated', { fire: n, target: step.target, orgs: resolved.orgIds.length, users: resolved.userIds.length }));
    notifications.push({
      topic: 'deadline.escalated',
      caseId: d.caseId,
      caseNumber: d.caseNumber,
      orgIds: resolved.orgIds,
      userIds: resolved.userIds,
      ...(resolved.emails ? { emails: resolved.emails } : {}),
      text: escalationMessage(d.caseNumber, d.clock, stockholmClockTime(d.dueAt)),
      link: d.request ? requestLink(d.subjectId) : caseLink(d.caseId),
      // The (deadline, fire) pair can produce its rows once, whatever happens to this process.
      dedupeKey: `deadline:${d.id}:fire:${n}`,
    });
  }
  return { audits, notifications, step: fired, nextFireAt, newlyBreached: !d.breachedAt };
}
