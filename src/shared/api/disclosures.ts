// API shapes of the disclosure register (utlämnanden) as the auditor reads it. The child is
// searched by personnummer in a POST body (never in an address); the server turns it into the
// keyed person reference the register holds and never stores the number.
import { z } from 'zod';
import { disclosureKinds } from '../../domain/disclosures.ts';
import { IsoDate } from './common.ts';

export const DisclosureSearch = z
  .strictObject({
    /** The child's personnummer or samordningsnummer. */
    identityNumber: z.string().trim().min(10, 'Ange personnummer eller samordningsnummer').max(13).optional(),
    /** An organisation that disclosed or received (its id in the directory). */
    organisationId: z.string().trim().min(1).max(100).optional(),
    /** The period, whole days in Swedish time, both included. */
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    /** From the previous page's nextCursor. */
    cursor: z.string().regex(/^\d{1,18}$/).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'Från-datum måste vara före eller samma som till-datum', path: ['to'] });
export type DisclosureSearch = z.infer<typeof DisclosureSearch>;

export const DisclosureDto = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  kind: z.enum(disclosureKinds),
  caseId: z.string(),
  caseNumber: z.string(),
  fromOrgId: z.string(),
  fromName: z.string(),
  toOrgId: z.string().nullable(),
  toName: z.string(),
  /** What was disclosed, by field name (never values). */
  fields: z.array(z.string()),
  legalGround: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
});
export type DisclosureDto = z.infer<typeof DisclosureDto>;

export const DisclosurePage = z.object({
  items: z.array(DisclosureDto),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});

/** The organisations that appear in the register, for the auditor's filter. */
export const DisclosureOrganisations = z.object({ organisations: z.array(z.object({ id: z.string(), name: z.string() })) });
