// API shapes of notifications and escalation. Inputs are strict; outputs never carry payload
// text beyond the case number (DESIGN.md rule 10).
import { z } from 'zod';
import { clockKinds, DeadlineSettings, EscalationSteps } from '../../domain/deadlines.ts';

export const PolicyIdParam = z.strictObject({ id: z.string().regex(/^[a-z0-9_-]{1,64}$/, 'Ogiltigt id') });
export const UuidParam = z.strictObject({ id: z.uuid('Ogiltigt id') });

export const PolicyDto = z.object({
  id: z.string(),
  clock: z.enum(clockKinds),
  municipalityCode: z.string().nullable(),
  name: z.string(),
  deadline: DeadlineSettings,
  steps: EscalationSteps,
  updatedAt: z.string(),
});

export const PutPolicyBody = z.strictObject({
  clock: z.enum(clockKinds),
  municipalityCode: z.string().regex(/^\d{4}$/, 'Kommunkod är fyra siffror').nullable(),
  name: z.string().trim().min(1).max(200),
  deadline: DeadlineSettings,
  steps: EscalationSteps,
  reason: z.string().trim().min(1, 'Ange varför').max(500),
});

export const CheckQuery = z.strictObject({
  from: z.iso.date('Ange datum som ÅÅÅÅ-MM-DD'),
  days: z.coerce.number().int().min(1).max(366).default(7),
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

export const DeliveriesQuery = z.strictObject({
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'dead']).optional(),
  channel: z.enum(['sse', 'email', 'webhook']).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const DeliveryDto = z.object({
  id: z.number(),
  topic: z.string(),
  channel: z.enum(['sse', 'email', 'webhook']),
  /** Which kind of recipient and a reference (org, user or webhook id; e-mail masked). */
  recipient: z.object({ kind: z.enum(['org', 'user', 'email', 'webhook']), ref: z.string() }),
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

export const WebhookDto = z.object({
  id: z.string(),
  orgId: z.string().nullable(),
  name: z.string(),
  url: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
});

const WebhookUrl = z.url({ protocol: /^https?$/, error: 'Ange en http(s)-adress' }).max(500);

export const CreateWebhookBody = z.strictObject({
  orgId: z.string().regex(/^[a-z0-9-]{1,64}$/).nullable(),
  name: z.string().trim().min(1).max(200),
  url: WebhookUrl,
  active: z.boolean().default(true),
});

export const UpdateWebhookBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  url: WebhookUrl,
  active: z.boolean(),
  rotateSecret: z.boolean().default(false),
});

export const PreferenceDto = z.strictObject({
  channel: z.enum(['sse', 'email']),
  enabled: z.boolean(),
  address: z.email('Ange en giltig e-postadress').max(200).nullable().optional(),
});

export const PreferencesDto = z.object({ preferences: z.array(PreferenceDto) });
export const PutPreferencesBody = z.strictObject({ preferences: z.array(PreferenceDto).max(2) });
