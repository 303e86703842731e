// Who "the next contact" is when a handover is not acknowledged in time: the next organisation
// in the municipality's contact chain as it stands now (office intake while open, else the jour
// group, for Stockholm finally the hub). Pure: the directory snapshot and an instant in.
import { findCurrentContacts } from './contacts.ts';
import type { DirectorySnapshot } from './directory-types.ts';

/**
 * The organisation to alert: the one after the handover organisation in today's chain; the
 * first of the chain when the handover organisation is not in it (e.g. the intake has closed
 * since and the jour group answers now); the handover organisation itself when it is the only
 * one reachable. Empty when nobody is reachable now: a coverage gap, and the step falls through.
 */
export function nextContactOrgs(dir: DirectorySnapshot, municipalityCode: string | null, handoverOrgId: string | null, at: Date): string[] {
  if (!municipalityCode) return handoverOrgId ? [handoverOrgId] : [];
  const chain: string[] = [];
  for (const c of findCurrentContacts(dir, municipalityCode, at)) {
    if (c.orgId && !chain.includes(c.orgId)) chain.push(c.orgId);
  }
  if (chain.length === 0) return [];
  const index = handoverOrgId ? chain.indexOf(handoverOrgId) : -1;
  if (index === -1) return [chain[0]!];
  return [chain[index + 1] ?? chain[index]!];
}
