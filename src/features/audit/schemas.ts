// Request shape of the audit log search; what it answers is in the contract (src/shared/api/audit.ts).
// The filters travel in a POST body, never in a URL: the subject field may hold a personnummer,
// and a URL ends up in proxy and load-balancer access logs and in the browser's history.
import { z } from 'zod';

export const AuditSearch = z.strictObject({
  actorUserId: z.uuid().optional(),
  /** Part of the actor's name or username. */
  actor: z.string().trim().min(1).max(100).optional(),
  /** Part of the actor's organisation's name, or its id. */
  org: z.string().trim().min(1).max(100).optional(),
  subjectType: z.string().min(1).max(50).optional(),
  /** The subject's id, or a case's number (ENV-2026-000123). */
  subjectId: z.string().min(1).max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Opaque: the nextCursor of the previous page. */
  cursor: z.string().regex(/^[0-9]{1,18}$/, 'ogiltig markör').optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AuditSearch = z.infer<typeof AuditSearch>;
