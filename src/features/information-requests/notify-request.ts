// What an information request's steps tell the other party: an outbox row per channel (live, the
// organisation's functional mailbox, webhooks), written in the step's transaction. The text names
// the case number and what happened, never the child, the question or the answer (rule 10).
import type { Tx } from '../../db/types.ts';
import { stockholmClockTime } from '../../domain/deadlines.ts';
import { stockholmDate } from '../../domain/stockholm-time.ts';
import { requestLink } from '../../jobs/escalate.ts';
import { enqueueNotification } from '../../jobs/notify.ts';
import type { RequestRow } from './queries.ts';

export type RequestTopic = 'information_request.sent' | 'information_request.acknowledged' | 'information_request.answered' | 'information_request.declined' | 'information_request.withdrawn';

function textOf(topic: RequestTopic, r: RequestRow): string {
  const due = `${stockholmDate(r.deadlineAt)} ${stockholmClockTime(r.deadlineAt)}`;
  switch (topic) {
    case 'information_request.sent':
      return `Ny förfrågan om uppgifter i ärende ${r.caseNumber}${r.urgency === 'urgent' ? ' (brådskande)' : ''}. Svar senast ${due}.`;
    case 'information_request.acknowledged':
      return `Förfrågan i ärende ${r.caseNumber} är kvitterad av mottagaren.`;
    case 'information_request.answered':
      return `Förfrågan i ärende ${r.caseNumber} är besvarad.`;
    case 'information_request.declined':
      return `Förfrågan i ärende ${r.caseNumber} har avböjts.`;
    case 'information_request.withdrawn':
      return `Förfrågan i ärende ${r.caseNumber} har återkallats.`;
  }
}

/**
 * To `toOrgId` on every channel it has; the other party's open screens follow live only. The
 * dedupe key makes a retried step write its rows once.
 */
export async function notifyRequestStep(tx: Tx, topic: RequestTopic, r: RequestRow, toOrgId: string, alsoLive: readonly string[]): Promise<void> {
  await enqueueNotification(tx, {
    topic,
    caseId: r.caseId,
    caseNumber: r.caseNumber,
    orgIds: [toOrgId],
    liveOrgIds: [...alsoLive],
    text: textOf(topic, r),
    link: requestLink(r.id),
    dedupeKey: `${topic}:${r.id}:${r.version}`,
  });
}
