import type { z } from 'zod';
import type { AuditEntryRow } from './queries.ts';
import type { AuditEntryDto, ChainVerificationDto } from '../../shared/api/audit.ts';
import type { ChainVerification } from './verify-chain.ts';

export function presentAuditEntry(row: AuditEntryRow): z.infer<typeof AuditEntryDto> {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actorUserId: row.actorUserId,
    actorName: row.actorName,
    actorOrgName: row.actorOrgName,
    subjectLabel: row.subjectLabel,
    actorRole: row.actorRole,
    actorOrgId: row.actorOrgId,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    requestId: row.requestId,
    details: row.details,
    hash: row.hash,
  };
}

export function presentVerification(v: ChainVerification): z.infer<typeof ChainVerificationDto> {
  return {
    intact: v.intact,
    rowsChecked: v.rowsChecked,
    headHash: v.headHash,
    lastId: v.lastId === null ? null : String(v.lastId),
    firstBroken: v.firstBroken ? { id: String(v.firstBroken.id), kind: v.firstBroken.kind } : null,
  };
}
