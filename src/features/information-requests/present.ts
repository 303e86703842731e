// Request rows → the API's RequestDto. Nothing of the case but its number (and, for another
// authority, the least identity of its party row): the police never see social services' own
// assessments through a request, SiS never sees the case.
import { availableSteps, type RequestParty } from '../../domain/information-requests.ts';
import type { RequestDto } from '../../shared/api/information-requests.ts';
import type { ListedRequest } from './queries.ts';

const step = (at: Date | null, by: string | null) => (at ? { at: at.toISOString(), by: by ?? '' } : null);

/** `parts` is the reader's organisation's part in the request. */
export function presentRequest(r: ListedRequest, parts: RequestParty[]): RequestDto {
  const { row, answer } = r;
  return {
    id: row.id,
    caseId: row.caseId,
    caseNumber: row.caseNumber,
    child: r.party,
    asking: { orgId: row.askingOrgId, name: r.askingName },
    addressed: { orgId: row.addressedOrgId, name: r.addressedName },
    kinds: row.kinds as RequestDto['kinds'],
    text: row.text,
    legalGround: { id: row.legalGroundId, citation: r.citation },
    urgency: row.urgency,
    deadlineAt: row.deadlineAt.toISOString(),
    state: row.state,
    sent: { at: row.sentAt.toISOString(), by: row.sentByName },
    received: step(row.receivedAt, row.receivedByName),
    answered: step(row.answeredAt, row.answeredByName),
    declined: row.declinedAt ? { at: row.declinedAt.toISOString(), by: row.declinedByName ?? '', reason: row.declineReason ?? '' } : null,
    withdrawn: row.withdrawnAt ? { at: row.withdrawnAt.toISOString(), by: row.withdrawnByName ?? '', reason: row.withdrawReason } : null,
    answer: answer
      ? {
          text: answer.text,
          risk:
            answer.riskLevel && answer.assessedOn && answer.knownAffiliation
              ? { level: answer.riskLevel, assessedOn: answer.assessedOn, knownAffiliation: answer.knownAffiliation, groupDesignation: answer.groupDesignation }
              : null,
        }
      : null,
    parts,
    steps: availableSteps(row.state, parts),
    clock: r.clock ? { dueAt: r.clock.dueAt.toISOString(), breached: r.clock.breachedAt !== null, escalationStep: r.clock.step } : null,
  };
}
