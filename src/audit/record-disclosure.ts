// Writes one row of the disclosure register (utlämnanden, DESIGN.md rule 8) in the caller's
// transaction: the operation that discloses (a handover, a forward, an återkoppling, a handover
// document, an answered information request) and its record commit or roll back together.
// General on purpose: any operation that hands case data to another organisation calls this.
import { inArray } from 'drizzle-orm';
import { disclosures, organisations } from '../db/schema.ts';
import type { Tx } from '../db/types.ts';
import type { DisclosureKind } from '../domain/disclosures.ts';
import type { Actor } from '../shared/actor.ts';
import { personRef } from './person-ref.ts';

/**
 * The child, by the key of the person reference (config.auditPersonKey, the same as the audit
 * log's) applied to `kase.identityNumber`, or by the keyed reference the caller already holds
 * (an information request keeps its own, made with the same key).
 */
type Child = { personKey: string; personRef?: undefined } | { personRef: string | null; personKey?: undefined };

export type DisclosureInput = Child & {
  /** The case whose data left: its id, number and (when known) the child's normalised identity number. */
  kase: { id: string; number: string; identityNumber: string | null };
  kind: DisclosureKind;
  fromOrganisationId: string;
  /** The receiving organisation in the directory, or null with `toName` for one outside it. */
  toOrganisationId: string | null;
  toName?: string;
  /** What was disclosed, by field name (src/domain/disclosures.ts); never values. */
  fields: readonly string[];
  legalGround: string;
  /** Who disclosed; null for the engine's own passes (jour → office when the office opens). */
  actor: Actor | null;
  at: Date;
  requestId?: string | null;
};

export async function recordDisclosure(tx: Tx, input: DisclosureInput): Promise<void> {
  if (input.fields.length === 0) throw new Error('recordDisclosure: a disclosure names at least one field');
  const ids = [input.fromOrganisationId, ...(input.toOrganisationId ? [input.toOrganisationId] : [])];
  const names = new Map((await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids))).map((o) => [o.id, o.name]));
  const toName = (input.toOrganisationId ? names.get(input.toOrganisationId) : undefined) ?? input.toName ?? input.toOrganisationId;
  if (!toName) throw new Error('recordDisclosure: a receiver outside the directory needs its name');
  await tx.insert(disclosures).values({
    at: input.at,
    kind: input.kind,
    caseId: input.kase.id,
    caseNumber: input.kase.number,
    personRef: input.personKey === undefined ? input.personRef : input.kase.identityNumber ? personRef(input.personKey, input.kase.identityNumber) : null,
    fromOrgId: input.fromOrganisationId,
    fromName: names.get(input.fromOrganisationId) ?? input.fromOrganisationId,
    toOrgId: input.toOrganisationId,
    toName,
    fields: [...new Set(input.fields)].sort(),
    legalGround: input.legalGround,
    actorUserId: input.actor?.userId ?? null,
    actorRole: input.actor?.role ?? null,
    requestId: input.requestId ?? null,
  });
}
