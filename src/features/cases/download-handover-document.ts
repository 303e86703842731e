// Fetching the handover document (PDF or JSON) of a handed-over case: the document's content,
// the read audited as a read of the case (with what skyddad identitet kept out), and — when the
// receiving municipality fetches it — a disclosure in the register, all in the request's
// transaction. The hub's own copy is no disclosure: the data stays with the discloser.
import { personRef } from '../../audit/person-ref.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { Tx } from '../../db/types.ts';
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import { handoverGround } from '../../domain/disclosures.ts';
import { mayDownloadHandoverDocument, caseRelations } from '../../policies/cases.ts';
import type { Actor } from '../../shared/actor.ts';
import type { HandoverDocument } from '../../shared/api/handover-document.ts';
import { AppError } from '../../shared/errors.ts';
import { recordDisclosure } from '../../audit/record-disclosure.ts';
import { buildHandoverDocument, documentFields } from './build-handover-document.ts';
import { listAttempts, type CaseRow } from './queries.ts';

export interface DownloadContext {
  tx: Tx;
  actor: Actor;
  row: CaseRow;
  dir: DirectorySnapshot;
  now: Date;
  requestId: string;
  personKey: string;
  format: 'pdf' | 'json';
}

export async function downloadHandoverDocument(ctx: DownloadContext): Promise<HandoverDocument> {
  const { tx, actor, row, dir, now } = ctx;
  if (!mayDownloadHandoverDocument(caseRelations(actor, row))) throw new AppError('FORBIDDEN', 'Överlämnandedokumentet är till för mottagande kommun och socialjouren.');
  if (!row.handoverStartedAt || !row.report) {
    throw new AppError('INVALID_STATE', row.report ? 'Ärendet har inte överlämnats till en kommun, så det finns inget överlämnandedokument.' : 'Anmälan är gallrad.');
  }
  const doc = buildHandoverDocument({ row, attempts: await listAttempts(tx, row.id), dir, now });
  const person = row.identityNumber ? personRef(ctx.personKey, row.identityNumber) : null;
  await recordAudit(tx, {
    actor,
    action: 'case.read',
    subjectType: 'case',
    subjectId: row.id,
    requestId: ctx.requestId,
    details: { number: row.number, ...(person ? { person } : {}), via: 'handover_document', format: ctx.format, hiddenFields: doc.withheldFields },
  });
  if (actor.orgId !== dir.hub.orgId) {
    await recordDisclosure(tx, {
      kase: row,
      personKey: ctx.personKey,
      kind: 'handover_document',
      fromOrganisationId: dir.hub.orgId,
      toOrganisationId: actor.orgId,
      fields: documentFields(doc),
      legalGround: handoverGround(row.basis),
      actor,
      at: now,
      requestId: ctx.requestId,
    });
  }
  return doc;
}
