// Case row → response, by the reader's relation to the case (rule 6). Also decides which
// protected fields were disclosed, so the read can be audited with exactly those fields.
import { allowedTransitions, statusLabel } from '../../domain/case-machine.ts';
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import { hubClockOf } from '../../domain/hub-attention.ts';
import { decideRouting, type RoutingContact } from '../../domain/routing.ts';
import type { ClockView } from '../../jobs/clocks.ts';
import { caseRelations, isInsideSocialServices, mayDownloadHandoverDocument } from '../../policies/cases.ts';
import type { CaseRelation } from '../../domain/case-machine.ts';
import type { OfficeHandoverView } from '../../jobs/office-handovers.ts';
import type { Actor } from '../../shared/actor.ts';
import { factsOf } from './apply-transition.ts';
import type { CaseDto, ReportBody } from '../../shared/api/cases.ts';
import type { CaseRow, listAttempts, listEvents, listMessages, RunningClocks } from './queries.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const NO_CLOCKS: RunningClocks = { nextDue: null, breached: false, escalationStep: 0, running: [] };

/** The name of an organisation in the directory (an intake unit, a jour group, the hub). */
export function orgNameOf(dir: DirectorySnapshot, orgId: string | null): string | null {
  if (!orgId) return null;
  if (dir.hub.orgId === orgId) return dir.hub.name;
  return dir.intakeUnits.find((u) => u.orgId === orgId)?.name ?? dir.jourGroups.find((j) => j.orgId === orgId)?.name ?? null;
}

/** The jour → office handover (the office's kvitterare by name only for `named` readers). */
function presentFromJour(handover: OfficeHandoverView | undefined, dir: DirectorySnapshot, named: boolean) {
  if (!handover) return null;
  return {
    jourOrgId: handover.jourOrgId,
    jourName: orgNameOf(dir, handover.jourOrgId) ?? handover.jourOrgId,
    officeOrgId: handover.officeOrgId,
    officeName: orgNameOf(dir, handover.officeOrgId) ?? handover.officeOrgId,
    passAt: handover.passAt.toISOString(),
    passedAt: iso(handover.passedAt),
    officeAcknowledgedAt: iso(handover.acknowledgedAt),
    officeAcknowledgedByName: named ? handover.acknowledgedByName : null,
  };
}

/** The jour group after the office's kvittens: its own entries only (src/policies/cases.ts). */
const ownEntriesOnly = (relations: readonly CaseRelation[]) => relations.length === 1 && relations[0] === 'jour_earlier';

export function presentSummary(row: CaseRow, actor: Actor, clocks: RunningClocks, dir: DirectorySnapshot, handover?: OfficeHandoverView) {
  const { running, ...summary } = clocks;
  const acceptedByName = row.acceptedAt ? orgNameOf(dir, row.acceptedByOrgId) : null;
  const relations = caseRelations(actor, row);
  const narrow = ownEntriesOnly(relations);
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    statusLabel: statusLabel(row.status),
    urgency: row.urgency,
    receivedAt: row.receivedAt.toISOString(),
    foundMunicipalityCode: row.foundMunicipalityCode,
    residenceCode: narrow ? null : row.residenceCode,
    responsibleMunicipalityCode: row.responsibleMunicipalityCode,
    ageAtReceipt: narrow ? null : row.ageAtReceipt,
    assignedToMe: row.assignedUserId === actor.userId,
    claimed: row.assignedUserId !== null,
    duplicateFlag: row.duplicateFlag,
    version: row.version,
    ...(narrow ? { nextDue: null, breached: false, escalationStep: 0 } : summary),
    hubClock: narrow ? null : hubClockOf(row.status, running),
    // Who holds the case: the unit for everyone, the person too inside social services.
    acceptedBy:
      row.acceptedAt && acceptedByName
        ? { orgName: acceptedByName, personName: isInsideSocialServices(relations) ? row.acceptedByName : null, at: row.acceptedAt.toISOString() }
        : null,
    // Inside social services only (the hub, the municipality, the jour): the police learn who
    // acknowledged (acceptedBy), not how the municipality passes the case between its units.
    fromJour: isInsideSocialServices(relations) || narrow ? presentFromJour(handover, dir, true) : null,
    ownEntriesOnly: narrow,
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
  const failed = new Set(attemptsSinceHandover(row, attempts).filter((a) => a.outcome !== 'reached').map((a) => a.phone));
  const untried = chain.filter((c) => !failed.has(c.phone!));
  // Everyone tried: start over from the top of the chain (escalation has been alerted by then).
  const ordered = untried.length > 0 ? untried : chain;
  const contact = ordered[0] ?? null;
  // The routing's "Kontakt: … ring <number>" names the first contact of the chain: shown only
  // while that is the one to call, never beside another contact's number.
  const first = decision.contact?.phone ?? null;
  const reasons = contact && contact.phone === first ? decision.reasons.filter((r) => r.startsWith('Kontakt')) : [];
  return { contact, next: ordered.slice(1), reasons };
}

function attemptsSinceHandover(row: CaseRow, attempts: Awaited<ReturnType<typeof listAttempts>>) {
  const since = row.handoverStartedAt?.getTime() ?? 0;
  return attempts.filter((a) => a.at.getTime() >= since);
}

/** The call since the handover began that reached the receiver ("Nådd"): the handover is done by phone. */
function reachedCall(row: CaseRow, attempts: Awaited<ReturnType<typeof listAttempts>>) {
  if (!row.handoverStartedAt) return null;
  const reached = attemptsSinceHandover(row, attempts).filter((a) => a.outcome === 'reached').at(-1);
  return reached ? { at: reached.at.toISOString(), orgName: reached.orgName, label: reached.label, phone: reached.phone } : null;
}

export interface CaseExtras {
  clocks: ClockView[];
  handover?: OfficeHandoverView;
  events: Awaited<ReturnType<typeof listEvents>>;
  messages: Awaited<ReturnType<typeof listMessages>>;
  attempts: Awaited<ReturnType<typeof listAttempts>>;
}

const POLICE_TIMELINE = new Set(['receive', 'claim', 'decide', 'acknowledge', 'record_verbal_acknowledgement', 'forward', 'return', 'send_feedback', 'close', 'reopen']);

export function presentCase(row: CaseRow, actor: Actor, extras: CaseExtras, dir: DirectorySnapshot, now: Date): CaseDto {
  const relations = caseRelations(actor, row);
  if (ownEntriesOnly(relations)) return presentOwnEntries(row, actor, extras, dir);
  const facts = factsOf(row);
  const hub = relations.includes('hub');
  const receiver = relations.includes('receiver');
  const owner = (receiver && (row.status === 'accepted' || row.status === 'closed')) || (hub && facts.isOwn);
  const internal = isInsideSocialServices(relations);
  const { report, hidden } = row.report ? protect(row.report as ReportBody, row.protectedIdentity && !owner) : { report: null, hidden: [] };
  const feedback = row.feedback as { withheld?: boolean; investigation?: string | null; message?: string } | null;
  const running = extras.clocks.filter((c) => !c.stoppedAt && !c.pausedAt).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const reached = row.status === 'handover_pending' ? reachedCall(row, extras.attempts) : null;
  return {
    ...presentSummary(
      row,
      actor,
      {
        nextDue: running[0] ? { clock: running[0].clock, dueAt: running[0].dueAt.toISOString() } : null,
        breached: running.some((c) => c.breachedAt !== null),
        escalationStep: Math.max(0, ...running.map((c) => c.step)),
        running: running.map((c) => ({ clock: c.clock, dueAt: c.dueAt.toISOString(), breached: c.breachedAt !== null, escalationStep: c.step })),
      },
      dir,
      extras.handover,
    ),
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
      ...(hub ? { reached } : {}),
    },
    // Once the receiver is reached the handover is done by phone: no one else to call.
    ...(hub && row.status === 'handover_pending' && !reached ? { callNow: callNow(row, dir, now, extras.attempts) } : {}),
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
    handoverDocument: mayDownloadHandoverDocument(relations) && row.handoverStartedAt !== null && row.report !== null,
    allowedActions: allowedTransitions(facts, relations),
  };
}

/** Timeline events about the jour's own holding of the case, besides those it wrote itself. */
const JOUR_HANDOVER_EVENTS = new Set(['pass_to_office', 'acknowledge_from_jour']);

/**
 * Jour → office, after the office's kvittens: the jour group sees the case's number and state
 * and its own entries (its kvittens, its skyddsbedömning, its notes, what it did on the
 * timeline, and that the case passed to the office), nothing else of the case: not the report,
 * the routing, the office's assessments, the thread's other messages or the clocks.
 */
function presentOwnEntries(row: CaseRow, actor: Actor, extras: CaseExtras, dir: DirectorySnapshot): CaseDto {
  const mine = (orgId: string | null | undefined) => orgId === actor.orgId;
  const skydd = row.skyddsbedomning as { orgId?: string } | null;
  const ownKvittens = mine(row.acceptedByOrgId);
  return {
    ...presentSummary(row, actor, NO_CLOCKS, dir, extras.handover),
    receiptDate: row.receiptDate,
    policeDiaryNumber: row.policeDiaryNumber,
    identityKind: row.identityKind,
    protectedIdentity: row.protectedIdentity,
    linkedCaseId: null,
    report: null,
    hiddenFields: [],
    routing: null,
    basis: null,
    handling: row.handling,
    handover: {
      orgId: row.handoverOrgId,
      startedAt: iso(row.handoverStartedAt),
      acceptedAt: ownKvittens ? iso(row.acceptedAt) : null,
      acceptedByOrgId: ownKvittens ? row.acceptedByOrgId : null,
      acceptedByName: ownKvittens ? row.acceptedByName : null,
      acceptedVerbally: ownKvittens && row.acceptedVerbally,
    },
    ...(skydd && mine(skydd.orgId) ? { skyddsbedomning: row.skyddsbedomning } : {}),
    feedback: null,
    closedAt: iso(row.closedAt),
    messages: extras.messages
      .filter((m) => mine(m.authorOrgId))
      .map((m) => ({
        id: m.id,
        at: m.at.toISOString(),
        authorName: m.authorName,
        authorOrgId: m.authorOrgId,
        kind: m.kind,
        body: m.body,
        replyToId: null,
        answeredAt: iso(m.answeredAt),
        readBy: [],
      })),
    timeline: extras.events
      .filter((e) => mine(e.actorOrgId) || JOUR_HANDOVER_EVENTS.has(e.type))
      .map((e) => ({
        at: e.at.toISOString(),
        type: e.type,
        actorName: mine(e.actorOrgId) ? e.actorName : null,
        fromStatus: e.fromStatus,
        toStatus: e.toStatus,
        data: mine(e.actorOrgId) || e.type === 'pass_to_office' ? e.data : {},
      })),
    handoverDocument: false,
    allowedActions: [],
  };
}
