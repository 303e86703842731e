// How an audit row's hash is computed: sha256 over the previous row's hash (of the same chain), a
// newline, and the row's content as canonical JSON (RFC 8785). The row's id is left out, so a
// copy of the log verifies too. Each row stores the version of the format it was hashed with:
//  1 (until 2026-12): the content named the chain by a number 0–15, now kept in chain_key as
//    'legacy-<number>'. Its canonical JSON was hand-built; for what the database returns (no
//    Dates, no undefined) it is byte for byte RFC 8785, so the same function recomputes it.
//  2: the content names the chain by its key and says its version.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

export const GENESIS_HASH = '0'.repeat(64);
export const CURRENT_HASH_VERSION = 2;

export interface HashedFields {
  chainKey: string;
  hashVersion: number;
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

function contentOf(row: HashedFields): Record<string, unknown> {
  const { chainKey, hashVersion, ...rest } = row;
  const fields = { ...rest, at: row.at.toISOString() };
  if (hashVersion === 1) {
    const legacy = /^legacy-(\d+)$/.exec(chainKey);
    if (!legacy) throw new Error(`audit hash version 1 needs a legacy chain, not ${chainKey}`);
    return { ...fields, chain: Number(legacy[1]) };
  }
  if (hashVersion === 2) return { ...fields, chainKey, hashVersion };
  throw new Error(`unknown audit hash version ${hashVersion}`);
}

export function auditHash(prevHash: string, row: HashedFields): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(contentOf(row))).digest('hex');
}
