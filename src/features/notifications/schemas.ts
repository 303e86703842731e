// Request shapes of the notification and escalation routes. Inputs are strict; what the routes
// answer is in the contract (src/shared/api/notifications.ts).
import { z } from 'zod';
import { clockKinds, DeadlineSettings, EscalationSteps } from '../../domain/deadlines.ts';
import { PreferenceDto } from '../../shared/api/notifications.ts';

export const PolicyIdParam = z.strictObject({ id: z.string().regex(/^[a-z0-9_-]{1,64}$/, 'Ogiltigt id') });
export const UuidParam = z.strictObject({ id: z.uuid('Ogiltigt id') });

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

export const DeliveriesQuery = z.strictObject({
  status: z.enum(['pending', 'sending', 'sent', 'failed', 'dead']).optional(),
  channel: z.enum(['sse', 'email', 'webhook']).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
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

export const PutPreferencesBody = z.strictObject({ preferences: z.array(PreferenceDto).max(2) });
