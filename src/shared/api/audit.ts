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
