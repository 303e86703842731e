// Request shapes of the directory routes. Input is strict (unknown fields rejected); the shapes
// the web app also reads and edits (opening hours, contact points) are in the contract
// (src/shared/api/directory.ts).
import { z } from 'zod';
import { IsoDate, Kommunkod } from '../../shared/api/common.ts';
import { ContactPointDto, OpeningHoursDto } from '../../shared/api/directory.ts';

export const OrgIdParam = z.strictObject({ orgId: z.string().regex(/^[a-z0-9-]{1,64}$/, 'Ogiltigt organisations-id') });

export const ReplaceContactsBody = z.strictObject({
  contacts: z.array(ContactPointDto).min(1, 'Minst ett nummer behövs').max(10),
  reason: z.string().trim().min(1, 'Ange varför').max(500),
});

export const SetHoursBody = z.strictObject({
  /** null for a jour group: active whenever the member's intake is closed. */
  hours: OpeningHoursDto.nullable(),
  reason: z.string().trim().min(1, 'Ange varför').max(500),
});

export const ChangesQuery = z.strictObject({
  entityId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ReplaceJourMembersBody = z.strictObject({
  members: z
    .array(z.strictObject({ municipalityCode: Kommunkod, from: IsoDate.nullable().optional(), to: IsoDate.nullable().optional() }))
    .max(40),
  reason: z.string().trim().min(1, 'Ange varför').max(500),
});
