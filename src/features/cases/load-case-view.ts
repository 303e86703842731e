// Reads a case with its thread, timeline and calls, presents it for the reader, and audits the
// read of personal data (which sections, and which protected fields were disclosed), all in one
// transaction so that no read goes unrecorded.
import type { Tx } from '../../db/types.ts';
import { listClocks } from '../../jobs/clocks.ts';
import { officeHandoversOf } from '../../jobs/office-handovers.ts';
import type { DirectorySnapshot } from '../../domain/directory-types.ts';
import type { Actor } from '../../shared/actor.ts';
import { personRef } from '../../audit/person-ref.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { CaseDto } from '../../shared/api/cases.ts';
import { presentCase } from './present.ts';
import { listAttempts, listEvents, listMessages, type CaseRow } from './queries.ts';

export async function loadCaseView(
  tx: Tx,
  actor: Actor,
  row: CaseRow,
  ctx: { dir: DirectorySnapshot; now: Date; requestId: string; personKey: string },
): Promise<CaseDto> {
  const { dir, now, requestId, personKey } = ctx;
  // One after another: PGlite has a single connection, and a transaction is one session anyway.
  const events = await listEvents(tx, row.id);
  const messages = await listMessages(tx, row.id);
  const attempts = await listAttempts(tx, row.id);
  const clocks = await listClocks(tx, row.id);
  const handover = (await officeHandoversOf(tx, [row.id])).get(row.id);
  const view = presentCase(row, actor, { events, messages, attempts, clocks, ...(handover ? { handover } : {}) }, dir, now);
  const disclosed = view.protectedIdentity && view.hiddenFields.length === 0;
  await recordAudit(tx, {
    actor,
    action: disclosed ? 'case.read_protected' : 'case.read',
    subjectType: 'case',
    subjectId: row.id,
    requestId,
    details: {
      number: row.number,
      ...(row.identityNumber ? { person: personRef(personKey, row.identityNumber) } : {}),
      sections: Object.keys(view).filter((k) => view[k as keyof CaseDto] !== undefined && view[k as keyof CaseDto] !== null),
      hiddenFields: view.hiddenFields,
    },
  });
  return view;
}
