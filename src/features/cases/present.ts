// Case row → response, by the reader's relation to the case (rule 6). Also decides which
// protected fields were disclosed, so the read can be audited with exactly those fields.
import { allowedTransitions, statusLabel } from '../../domain/case-machine.ts';
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import { decideRouting, type RoutingContact } from '../../domain/routing.ts';
import type { ClockView } from '../../jobs/clocks.ts';
import { caseRelations, isInsideSocialServices } from '../../policies/cases.ts';
import type { Actor } from '../../shared/actor.ts';
import { factsOf } from './apply-transition.ts';
import type { CaseDto, ReportBody } from '../../shared/api/cases.ts';
import type { CaseRow, listAttempts, listEvents, listMessages, RunningClocks } from './queries.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const NO_CLOCKS: RunningClocks = { nextDue: null, breached: false, escalationStep: 0 };

export function presentSummary(row: CaseRow, actor: Actor, clocks: RunningClocks = NO_CLOCKS) {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    statusLabel: statusLabel(row.status),
    urgency: row.urgency,
    receivedAt: row.receivedAt.toISOString(),
    foundMunicipalityCode: row.foundMunicipalityCode,
    residenceCode: row.residenceCode,
    responsibleMunicipalityCode: row.responsibleMunicipalityCode,
    ageAtReceipt: row.ageAtReceipt,
    assignedToMe: row.assignedUserId === actor.userId,
    claimed: row.assignedUserId !== null,
    duplicateFlag: row.duplicateFlag,
    version: row.version,
    ...clocks,
  };
}

/** Removes address and location fields of a child with skyddad identitet; returns what was removed. */
function protect(report: ReportBody, hide: boolean): { report: ReportBody; hidden: string[] } {
  if (!hide) return { report, hidden: [] };
  const hidden: string[] = [];
  const { address: _a, ...residence } = report.residence;
  if (report.residence.address) hidden.push('residence.address');
  const guardians = report.guardians.map(({ address, ...g }, i) => {
    if (address) hidden.push(`guardians.${i}.address`);
    return g;
  });
  hidden.push('whereaboutsNow.place', 'found.place');
  return {
    report: { ...report, residence, guardians, whereaboutsNow: { ...report.whereaboutsNow, place: 'Skyddad identitet' }, found: { ...report.found, place: 'Skyddad identitet' } },
    hidden,
  };
}

/** Whom to call now: the live routing contacts, skipping numbers that went unanswered since the handover began. */
function callNow(row: CaseRow, dir: DirectorySnapshot, now: Date, attempts: Awaited<ReturnType<typeof listAttempts>>) {
  const decision = decideRouting(dir, {
    residence: row.responsibleMunicipalityCode ?? row.residenceCode ?? 'unknown',
    found: row.foundMunicipalityCode,
    age: row.ageAtReceipt ?? 0,
    receivedAt: row.receivedAt,
    at: now,
  });
  const chain = [decision.contact, ...decision.chain].filter((c): c is RoutingContact => c !== null && c.phone !== null);
  const since = row.handoverStartedAt?.getTime() ?? 0;
  const failed = new Set(attempts.filter((a) => a.at.getTime() >= since && a.outcome !== 'reached').map((a) => a.phone));
  const untried = chain.filter((c) => !failed.has(c.phone!));
  // Everyone tried: start over from the top of the chain (escalation has been alerted by then).
  const ordered = untried.length > 0 ? untried : chain;
  return { contact: ordered[0] ?? null, next: ordered.slice(1), reasons: decision.reasons.filter((r) => r.startsWith('Kontakt')) };
}

export interface CaseExtras {
  clocks: ClockView[];
  events: Awaited<ReturnType<typeof listEvents>>;
  messages: Awaited<ReturnType<typeof listMessages>>;
  attempts: Awaited<ReturnType<typeof listAttempts>>;
}

const POLICE_TIMELINE = new Set(['receive', 'claim', 'decide', 'acknowledge', 'record_verbal_acknowledgement', 'forward', 'return', 'send_feedback', 'close', 'reopen']);

export function presentCase(row: CaseRow, actor: Actor, extras: CaseExtras, dir: DirectorySnapshot, now: Date): CaseDto {
  const relations = caseRelations(actor, row);
  const facts = factsOf(row);
  const hub = relations.includes('hub');
  const receiver = relations.includes('receiver');
  const owner = (receiver && (row.status === 'accepted' || row.status === 'closed')) || (hub && facts.isOwn);
  const internal = isInsideSocialServices(relations);
  const { report, hidden } = row.report ? protect(row.report as ReportBody, row.protectedIdentity && !owner) : { report: null, hidden: [] };
  const feedback = row.feedback as { withheld?: boolean; investigation?: string | null; message?: string } | null;
  const running = extras.clocks.filter((c) => !c.stoppedAt && !c.pausedAt).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return {
    ...presentSummary(row, actor, {
      nextDue: running[0] ? { clock: running[0].clock, dueAt: running[0].dueAt.toISOString() } : null,
      breached: running.some((c) => c.breachedAt !== null),
      escalationStep: Math.max(0, ...running.map((c) => c.step)),
    }),
    receiptDate: row.receiptDate,
    policeDiaryNumber: row.policeDiaryNumber,
    identityKind: row.identityKind,
    protectedIdentity: row.protectedIdentity,
    linkedCaseId: row.linkedCaseId,
    report,
    hiddenFields: hidden,
    routing: internal ? row.routing : null,
    basis: internal ? row.basis : null,
    handling: row.handling,
    overrideReason: hub ? row.overrideReason : undefined,
    handover: {
      orgId: row.handoverOrgId,
      startedAt: iso(row.handoverStartedAt),
      acceptedAt: iso(row.acceptedAt),
      acceptedByOrgId: row.acceptedByOrgId,
      acceptedByName: internal ? row.acceptedByName : null,
      acceptedVerbally: row.acceptedVerbally,
    },
    ...(hub && row.status === 'handover_pending' ? { callNow: callNow(row, dir, now, extras.attempts) } : {}),
    ...(hub
      ? { contactAttempts: extras.attempts.map((a) => ({ at: a.at.toISOString(), orgName: a.orgName, label: a.label, phone: a.phone, outcome: a.outcome, note: a.note })) }
      : {}),
    ...(owner || (receiver && facts.hasSkyddsbedomning) ? { skyddsbedomning: row.skyddsbedomning, forhandsbedomning: row.forhandsbedomning } : {}),
    // The police get what SoL says they get: whether an investigation was opened, unless withheld.
    feedback: internal ? row.feedback : feedback ? { withheld: feedback.withheld ?? false, investigation: feedback.investigation ?? null, message: feedback.message ?? '' } : null,
    forwardedTo: row.forwardedTo,
    returnReason: row.returnReason,
    closedAt: iso(row.closedAt),
    // Internal notes stay inside social services (the hub and the handling municipality).
    messages: extras.messages.filter((m) => internal || m.kind !== 'note').map((m) => ({
      id: m.id,
      at: m.at.toISOString(),
      authorName: m.authorName,
      authorOrgId: m.authorOrgId,
      kind: m.kind,
      body: m.body,
      replyToId: m.replyToId,
      answeredAt: iso(m.answeredAt),
      readBy: m.readBy.map((r) => ({ orgId: r.orgId, readAt: r.readAt.toISOString() })),
    })),
    timeline: extras.events
      .filter((e) => internal || POLICE_TIMELINE.has(e.type))
      .map((e) => ({ at: e.at.toISOString(), type: e.type, actorName: internal ? e.actorName : null, fromStatus: e.fromStatus, toStatus: e.toStatus, data: internal ? e.data : {} })),
    ...(internal
      ? {
          clocks: extras.clocks.map((c) => ({
            clock: c.clock,
            subjectId: c.subjectId,
            startedAt: c.startedAt.toISOString(),
            dueAt: c.dueAt.toISOString(),
            breachedAt: iso(c.breachedAt),
            stoppedAt: iso(c.stoppedAt),
            escalationStep: c.step,
          })),
        }
      : {}),
    allowedActions: allowedTransitions(facts, relations),
  };
}
