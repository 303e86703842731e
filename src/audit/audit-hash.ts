import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  chain: number;
  at: Date;
  actorUserId: string | null;
  actorRole: string | null;
  actorOrgId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

/** sha256 over the previous hash and the row's content; the id is left out so a copy verifies. */
export function auditHash(prevHash: string, row: HashedFields): string {
  const content = canonicalJson({ ...row, at: row.at.toISOString() });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}
