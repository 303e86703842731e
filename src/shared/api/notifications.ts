// API shapes of notifications and escalation that the server sends and the web app edits.
// Outputs never carry payload text beyond the case number (DESIGN.md rule 10). The deadline and
// step shapes are the domain's own (src/domain/deadlines.ts), so a policy the editor builds is
// checked by the same rules that run it.
import { z } from 'zod';
import { clockKinds, DeadlineSettings, EscalationStep, EscalationSteps } from '../../domain/deadlines.ts';

export { DeadlineSettings, EscalationStep };

export const PolicyDto = z.object({
  id: z.string(),
  clock: z.enum(clockKinds),
  municipalityCode: z.string().nullable(),
  name: z.string(),
  deadline: DeadlineSettings,
  steps: EscalationSteps,
  updatedAt: z.string(),
});

export const PolicyProblemDto = z.object({
  policyId: z.string(),
  clock: z.enum(clockKinds),
  step: z.number().int(),
  target: z.string(),
  municipalityCode: z.string().nullable(),
  municipalityName: z.string().nullable(),
  reason: z.enum(['no_user', 'coverage_gap']),
  intervals: z.array(z.object({ start: z.string(), end: z.string() })),
  explanation: z.string(),
});

export const DeliveryDto = z.object({
  id: z.number(),
  topic: z.string(),
  channel: z.enum(['sse', 'email', 'webhook']),
  /** Which kind of recipient and a reference (org, user or webhook id; e-mail masked). */
  recipient: z.object({ kind: z.enum(['org', 'user', 'email', 'webhook']), ref: z.string(), name: z.string().nullable() }),
  caseNumber: z.string().nullable(),
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'dead']),
  attempts: z.number(),
  maxAttempts: z.number(),
  nextAttemptAt: z.string(),
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  history: z.array(z.object({ at: z.string(), status: z.string(), detail: z.string().nullable() })),
});

/** An e-mail the demo's built-in outbox holds: exactly what would have been sent, sent nowhere. */
export const DemoMailDto = z.object({
  id: z.number(),
  createdAt: z.string(),
  caseNumber: z.string().nullable(),
  /** Masked, as everywhere in the admin's views. */
  to: z.string(),
  subject: z.string(),
  text: z.string(),
});

export const WebhookDto = z.object({
  id: z.string(),
  orgId: z.string().nullable(),
  name: z.string(),
  url: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});

export const PreferenceDto = z.strictObject({
  channel: z.enum(['sse', 'email']),
  enabled: z.boolean(),
  address: z.email('Ange en giltig e-postadress').max(200).nullable().optional(),
});

export const PreferencesDto = z.object({ preferences: z.array(PreferenceDto) });
