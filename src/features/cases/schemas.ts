// Request shapes of the case routes. Input is strict: unknown fields are rejected, not silently
// dropped. The police report itself is part of the contract (src/shared/api/cases.ts): the web
// form is built from it.
import { z } from 'zod';
import { Kommunkod } from '../../shared/api/common.ts';
import { Phone, text } from '../../shared/api/cases.ts';

export const CaseIdParams = z.strictObject({ id: z.uuid('Ogiltigt ärende-id') });

export const DecisionBody = z.strictObject({
  /** A hub supervisor may override the computed decision, with a written reason. */
  override: z
    .strictObject({
      handling: z.enum(['own', 'handover', 'forward', 'return']),
      responsibleMunicipalityCode: Kommunkod.optional(),
      reason: text(1000, 'Ange skälet till att beslutet ändras'),
    })
    .optional(),
});

export const ContactAttemptBody = z.strictObject({
  orgName: text(200),
  label: text(100),
  phone: Phone,
  orgId: z.string().max(64).nullable().optional(),
  outcome: z.enum(['no_answer', 'busy', 'reached', 'voicemail']),
  note: z.string().trim().max(1000).optional(),
});

export const VerbalAcknowledgementBody = z.strictObject({
  acceptedByName: text(200, 'Ange namnet på den som tog emot ärendet'),
  orgId: z.string().max(64).optional(),
});

export const ReasonBody = z.strictObject({ reason: text(2000, 'Ange ett skäl') });

export const ForwardBody = z.strictObject({
  municipalityCode: Kommunkod,
  channel: z.enum(['email', 'phone', 'letter', 'other']),
  address: text(300, 'Ange vart ärendet skickades (e-post, nummer eller adress)'),
  note: z.string().trim().max(2000).optional(),
});

export const SkyddsbedomningBody = z.strictObject({
  assessedAt: z.iso.datetime({ offset: true }),
  outcome: z.enum(['immediate_protection_needed', 'no_immediate_protection_needed']),
  measures: z.string().trim().max(3000).default(''),
});

export const ForhandsbedomningBody = z.strictObject({
  decision: z.enum(['inleda_utredning', 'inte_inleda', 'redan_pagaende']),
  decidedOn: z.iso.date(),
  note: z.string().trim().max(3000).default(''),
});

export const FeedbackBody = z
  .strictObject({
    withheld: z.boolean(),
    withheldReason: z.string().trim().max(2000).optional(),
    message: z.string().trim().max(2000).default(''),
  })
  .refine((b) => !b.withheld || (b.withheldReason ?? '').length > 0, {
    message: 'Ange varför återkopplingen inte lämnas',
    path: ['withheldReason'],
  });

export const MessageBody = z.strictObject({
  kind: z.enum(['question', 'answer', 'note']),
  body: text(5000),
  replyToId: z.uuid().optional(),
});

export const ListQuery = z.strictObject({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Opaque keyset cursor from the previous page. */
  cursor: z.string().max(200).optional(),
  /**
   * `received`: by receipt (keyset pages). `attention`: the hub's queue order (what needs the
   * hub now first, src/domain/hub-attention.ts) with the queue's counts; open cases, one page.
   */
  order: z.enum(['received', 'attention']).default('received'),
}).refine((q) => q.order !== 'attention' || (q.status === 'open' && q.cursor === undefined), {
  message: 'Ordningen "attention" gäller öppna ärenden (status=open) och har ingen sidmarkör',
  path: ['order'],
});
