import { z } from 'zod';

export const AuditQuery = z.strictObject({
  actorUserId: z.uuid().optional(),
  subjectType: z.string().min(1).max(50).optional(),
  subjectId: z.string().min(1).max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Opaque: the nextCursor of the previous page. */
  cursor: z.string().regex(/^[0-9]{1,18}$/, 'ogiltig markör').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntryDto = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorUserId: z.string().nullable(),
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
