// Creates or replaces an escalation policy (admin), with its audit row (the reason, and the rules
// before and after) in the same transaction. A policy's clock and municipality are its identity:
// they cannot change, and only one policy may exist for each pair. Running clocks keep their
// deadline; new steps apply at their next fire.
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { escalationPolicies } from '../../db/schema.ts';
import type { Tx } from '../../db/types.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import type { PolicyRow } from './queries.ts';
import type { PutPolicyBody } from './schemas.ts';
import { now } from '../../jobs/clock-source.ts';

type Policy = Omit<z.infer<typeof PutPolicyBody>, 'reason'>;

/** `current` is the policy under `id`, locked by the caller (findPolicyForUpdate), or null to create it. */
export async function saveEscalationPolicy(
  tx: Tx,
  input: { actor: Actor; id: string; current: PolicyRow | null; policy: Policy; reason: string; requestId: string },
): Promise<PolicyRow> {
  const { actor, id, current, policy, reason, requestId } = input;
  if (current && (current.clock !== policy.clock || current.municipalityCode !== policy.municipalityCode)) {
    throw new AppError('CONFLICT', 'En policys klocka och kommun kan inte ändras; skapa en ny.');
  }
  const values = { ...policy, updatedAt: now() };
  const [saved] = current
    ? await tx.update(escalationPolicies).set(values).where(eq(escalationPolicies.id, id)).returning()
    : await tx.insert(escalationPolicies).values({ id, ...values }).onConflictDoNothing().returning();
  // The same clock and municipality under another id.
  if (!saved) throw new AppError('CONFLICT', 'Det finns redan en policy för den klockan och kommunen.');
  await recordAudit(tx, {
    actor,
    action: current ? 'escalation_policy.updated' : 'escalation_policy.created',
    subjectType: 'escalation_policy',
    subjectId: saved.id,
    requestId,
    details: { reason, before: current ? { deadline: current.deadline, steps: current.steps } : null, after: { deadline: saved.deadline, steps: saved.steps } },
  });
  return saved;
}
