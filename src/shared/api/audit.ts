// API shapes of the audit log as the auditor reads it: a page of entries and the result of
// verifying the hash chain.
import { z } from 'zod';

export const AuditEntryDto = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorUserId: z.string().nullable(),
  /** The actor's display name and organisation's name, for reading (the ids stay for precision). */
  actorName: z.string().nullable(),
  actorOrgName: z.string().nullable(),
  /** The subject in words: a case's number, a user's name; null when the id is all there is. */
  subjectLabel: z.string().nullable(),
  actorRole: z.string().nullable(),
  actorOrgId: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

export const AuditPage = z.object({
  items: z.array(AuditEntryDto),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});

export const ChainVerificationDto = z.object({
  intact: z.boolean(),
  rowsChecked: z.number().int(),
  headHash: z.string(),
  lastId: z.string().nullable(),
  firstBroken: z.object({ id: z.string(), kind: z.enum(['changed', 'link_broken']) }).nullable(),
});

/**
 * Registerutdrag (GDPR art. 15) for the person the data is about: the personal data held, why, on
 * which ground, where it came from, to whom it went and how long it is kept. Not the case file:
 * no assessments, notes, thread or call log (their content is the handling municipality's, under
 * secrecy, 26 kap. OSL), no other person's contact details, and for a child with skyddad identitet
 * no address or place at all.
 */
export const RegisterExtractDto = z.object({
  identityNumber: z.string(),
  createdAt: z.iso.datetime(),
  controller: z.string(),
  purposes: z.array(z.string()),
  legalBasis: z.array(z.string()),
  storage: z.object({ text: z.string(), reportDays: z.number().int(), threadDays: z.number().int(), contactLogDays: z.number().int() }),
  rights: z.string(),
  cases: z.array(
    z.object({
      number: z.string(),
      receivedAt: z.iso.datetime(),
      status: z.string(),
      closedAt: z.iso.datetime().nullable(),
      /** The day its personal data is to be purged (gallras), once the case is finished; null while open. */
      purgeFrom: z.string().nullable(),
      purgedAt: z.iso.datetime().nullable(),
      source: z.object({ organisation: z.string(), reference: z.string(), kind: z.string() }),
      protectedIdentity: z.boolean(),
      /** Fields left out because the child has skyddad identitet (addresses and places). */
      withheld: z.array(z.string()),
      /** Label → value, in the report's order; empty once purged. */
      personalData: z.array(z.object({ label: z.string(), value: z.string() })),
      recipients: z.array(z.object({ organisation: z.string(), what: z.string(), at: z.iso.datetime().nullable(), ground: z.string() })),
      /** That these exist and when, never their content. */
      processing: z.array(z.object({ what: z.string(), at: z.iso.datetime().nullable() })),
    }),
  ),
});
