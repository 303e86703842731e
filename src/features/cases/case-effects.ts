// The clocks and notifications each case change sets in motion (DESIGN.md rules 5 and 10), all
// written in the change's own transaction: a committed change always has its deadlines and
// outbox rows, a rolled-back one has none. Notification texts carry the case number and what is
// due, never anything about the child.
import type { Registry } from 'prom-client';
import type { Tx } from '../../db/types.ts';
import { eq } from 'drizzle-orm';
import { clockKinds, organisations } from '../../db/schema.ts';
import { startClock, startClocks, stopClock } from '../../jobs/clocks.ts';
import { engineMetrics } from '../../jobs/metrics.ts';
import { scheduleOfficeHandover } from '../../jobs/office-handovers.ts';
import { caseLink } from '../../jobs/escalate.ts';
import { enqueueNotification } from '../../jobs/notify.ts';
import type { CaseEffects } from './effects.ts';
import { OPEN_STATUSES, type CaseRow } from './queries.ts';

const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

const HUB_ORG = 'hub';
const link = (row: CaseRow) => caseLink(row.id);

async function stopAll(tx: Tx, row: CaseRow, reason: string, at: Date) {
  for (const clock of clockKinds) {
    if (clock === 'clarification' || clock === 'information_request') continue;
    await stopClock(tx, { caseId: row.id, clock, reason, at });
  }
}

function receivers(row: CaseRow): string[] {
  const orgs = new Set<string>();
  if (row.handoverOrgId) orgs.add(row.handoverOrgId);
  if (row.responsibleMunicipalityCode) orgs.add(`intake-${row.responsibleMunicipalityCode}`);
  return [...orgs];
}

export function caseEffects(registry: Registry): CaseEffects {
  const metrics = engineMetrics(registry);
  return {
    async onCreated(tx, row) {
      await startClocks(tx, [
        { caseId: row.id, clock: 'claim', startedAt: row.receivedAt, municipalityCode: null },
        { caseId: row.id, clock: 'report_to_kvittens', startedAt: row.receivedAt, municipalityCode: null },
      ]);
      await enqueueNotification(tx, {
        topic: 'case.reported',
        caseId: row.id,
        caseNumber: row.number,
        orgIds: [HUB_ORG],
        text: `${row.urgency === 'acute' ? 'AKUT: n' : 'N'}ytt ärende ${row.number} har kommit in från polisen och väntar på att tas.`,
        link: link(row),
        dedupeKey: `case.reported:${row.id}`,
      });
    },

    async onTransition(tx, name, before, after, subjectId) {
      const at = after.updatedAt;
      const muni = after.responsibleMunicipalityCode;
      switch (name) {
        case 'claim':
          await stopClock(tx, { caseId: after.id, clock: 'claim', reason: 'claimed', at });
          await startClock(tx, { caseId: after.id, clock: 'triage', startedAt: at, municipalityCode: null });
          metrics.timeToClaim.observe({ municipality: after.residenceCode ?? 'unknown' }, (at.getTime() - after.receivedAt.getTime()) / 1000);
          return;
        case 'release':
          await stopClock(tx, { caseId: after.id, clock: 'triage', reason: 'released', at });
          await startClock(tx, { caseId: after.id, clock: 'claim', startedAt: at, municipalityCode: null });
          return;
        case 'decide':
          // A decision to forward or return leaves the case in triage, its clock running, until
          // the forward or return is done.
          if (after.status !== 'triage') await stopClock(tx, { caseId: after.id, clock: 'triage', reason: 'decided', at });
          if (after.status === 'handover_pending') {
            await startClock(tx, { caseId: after.id, clock: 'acknowledge', startedAt: at, municipalityCode: muni });
            await enqueueNotification(tx, {
              topic: 'case.handed_over',
              caseId: after.id,
              caseNumber: after.number,
              orgIds: receivers(after),
              text: `Ärende ${after.number} överlämnas till er från Stockholms stads socialjour och väntar på kvittens.`,
              link: link(after),
            });
          } else if (after.status === 'own') {
            // Stockholm takes the case itself: no other municipality's kvittens is awaited.
            await stopClock(tx, { caseId: after.id, clock: 'report_to_kvittens', reason: 'own', at });
            await startAssessmentClocks(tx, after);
          }
          return;
        case 'acknowledge':
        case 'record_verbal_acknowledgement':
          await stopClock(tx, { caseId: after.id, clock: 'acknowledge', reason: name, at });
          await stopClock(tx, { caseId: after.id, clock: 'report_to_kvittens', reason: name, at });
          if (after.handoverStartedAt) {
            metrics.timeToAcknowledge.observe({ municipality: muni ?? 'unknown' }, (at.getTime() - after.handoverStartedAt.getTime()) / 1000);
          }
          await startAssessmentClocks(tx, after);
          // A jour group's kvittens: the case passes to the office intake when it opens.
          await scheduleOfficeHandover(tx, after, at);
          await enqueueNotification(tx, {
            topic: 'case.acknowledged',
            caseId: after.id,
            caseNumber: after.number,
            orgIds: [HUB_ORG],
            // Every screen open on the case follows: the other receiver (the municipality's intake
            // or its jour group), the acknowledging unit's other devices, and the police.
            liveOrgIds: [...receivers(before), ...receivers(after), ...(after.acceptedByOrgId ? [after.acceptedByOrgId] : []), after.reporterOrgId],
            text: `Ärende ${after.number} är kvitterat av ${(await orgName(tx, after.acceptedByOrgId)) ?? 'mottagande kommun'}.`,
            link: link(after),
          });
          return;
        case 'acknowledge_from_jour':
          await stopClock(tx, { caseId: after.id, clock: 'office_acknowledge', reason: 'acknowledged', at });
          await enqueueNotification(tx, {
            topic: 'case.acknowledged_from_jour',
            caseId: after.id,
            caseNumber: after.number,
            orgIds: after.acceptedByOrgId ? [after.acceptedByOrgId] : [],
            text: `Ärende ${after.number} är kvitterat av mottagningen. Jouren ser nu bara sina egna anteckningar i ärendet.`,
            link: link(after),
          });
          return;
        case 'refuse':
          await stopClock(tx, { caseId: after.id, clock: 'acknowledge', reason: 'refused', at });
          // Back in triage, and already due: the engine alerts the hub supervisor at once, and
          // on by the triage policy until the hub decides again.
          await startClock(tx, { caseId: after.id, clock: 'triage', startedAt: at, dueAt: at, municipalityCode: null });
          await enqueueNotification(tx, {
            topic: 'case.refused',
            caseId: after.id,
            caseNumber: after.number,
            orgIds: [HUB_ORG],
            liveOrgIds: receivers(before),
            text: `Ärende ${after.number} togs inte emot av kommunen och är åter hos socialjouren.`,
            link: link(after),
          });
          return;
        case 'record_skyddsbedomning':
          await stopClock(tx, { caseId: after.id, clock: 'skyddsbedomning', reason: 'recorded', at });
          return;
        case 'record_forhandsbedomning':
          await stopClock(tx, { caseId: after.id, clock: 'forhandsbedomning', reason: 'recorded', at });
          await startClock(tx, { caseId: after.id, clock: 'feedback', startedAt: at, municipalityCode: muni });
          return;
        case 'send_feedback':
          await stopClock(tx, { caseId: after.id, clock: 'feedback', reason: 'sent', at });
          await startClock(tx, { caseId: after.id, clock: 'closure', startedAt: at, municipalityCode: muni });
          await notifyPolice(tx, after, 'case.feedback_sent', `Återkoppling har lämnats i ärende ${after.number}.`);
          return;
        case 'forward':
          await stopAll(tx, after, 'forwarded', at);
          await notifyPolice(tx, after, 'case.forwarded', `Ärende ${after.number} har vidarebefordrats till ansvarig kommun.`);
          return;
        case 'return':
          await stopAll(tx, after, 'returned', at);
          await notifyPolice(tx, after, 'case.returned', `Ärende ${after.number} har återsänts till polisen. Se skälet i ärendet.`);
          return;
        case 'close':
          await stopAll(tx, after, 'closed', at);
          return;
        case 'reopen':
          // Back to where it was closed from: a case open again waits to be closed again.
          if (isOpen(after.status)) await startClock(tx, { caseId: after.id, clock: 'closure', startedAt: at, municipalityCode: muni });
          return;
        case 'message_question':
          await startClock(tx, { caseId: after.id, clock: 'clarification', subjectId, startedAt: at, municipalityCode: null });
          await enqueueNotification(tx, {
            topic: 'case.question_asked',
            caseId: after.id,
            caseNumber: after.number,
            orgIds: [HUB_ORG, after.reporterOrgId, ...(after.acceptedByOrgId ? [after.acceptedByOrgId] : [])],
            text: `En fråga väntar på svar i ärende ${after.number}.`,
            link: link(after),
          });
          return;
        case 'message_answer':
          await stopClock(tx, { caseId: after.id, clock: 'clarification', subjectId, reason: 'answered', at });
          return;
        default:
          // reassign, log_contact_attempt, ask/answer via transitions: nothing to start or stop.
          void before;
      }
    },
  };
}

async function startAssessmentClocks(tx: Tx, row: CaseRow) {
  // Both clocks run from receipt (förvaltningslagen): not from when the municipality got it.
  const muni = row.responsibleMunicipalityCode;
  await startClock(tx, { caseId: row.id, clock: 'skyddsbedomning', startedAt: row.receivedAt, municipalityCode: muni });
  await startClock(tx, { caseId: row.id, clock: 'forhandsbedomning', startedAt: row.receivedAt, municipalityCode: muni });
}

/** An organisation's name (a unit's name is no personal data), for a notification's text. */
async function orgName(tx: Tx, orgId: string | null): Promise<string | null> {
  if (!orgId) return null;
  const [row] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  return row?.name ?? null;
}

function notifyPolice(tx: Tx, row: CaseRow, topic: string, text: string) {
  return enqueueNotification(tx, { topic, caseId: row.id, caseNumber: row.number, orgIds: [row.reporterOrgId], text, link: link(row) });
}
