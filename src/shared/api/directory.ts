// API shapes of the directory that the server sends and the web app edits: organisations, their
// opening hours and contact points, and the change history. Every limit the web app also needs
// lives here; the request bodies that wrap them are beside the routes (features/directory/schemas.ts).
import { z } from 'zod';
import { IsoDate } from './common.ts';

const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Ange tid som HH:MM');

const TimeRange = z.strictObject({ start: LocalTime, end: LocalTime });

export const OpeningHoursDto = z.strictObject({
  weekly: z.strictObject({
    1: z.array(TimeRange).max(4).optional(),
    2: z.array(TimeRange).max(4).optional(),
    3: z.array(TimeRange).max(4).optional(),
    4: z.array(TimeRange).max(4).optional(),
    5: z.array(TimeRange).max(4).optional(),
    6: z.array(TimeRange).max(4).optional(),
    7: z.array(TimeRange).max(4).optional(),
  }),
  closedOnPublicHolidays: z.boolean(),
  closedOnEves: z.boolean(),
  dayBeforeHoliday: z.array(TimeRange).max(4).nullable(),
  exceptions: z.array(z.strictObject({ date: IsoDate, ranges: z.array(TimeRange).max(4), note: z.string().max(200).optional() })).max(500),
});

/** Swedish phone numbers as people write them: digits, spaces, dashes, an optional leading +. */
const Phone = z.string().trim().regex(/^\+?[0-9][0-9 -]{5,20}$/, 'Ange ett telefonnummer, t.ex. 08-465 004 12');

export const ContactPointDto = z.strictObject({
  label: z.string().trim().min(1, 'Ange en benämning').max(100),
  phone: Phone,
  email: z.email('Ange en giltig e-postadress').max(200).nullable().optional(),
});

export const OrganisationDto = z.object({
  orgId: z.string(),
  name: z.string(),
  kind: z.enum(['hub', 'intake_unit', 'jour_group']),
  municipalityCode: z.string().nullable(),
  members: z.array(z.string()).optional(),
  hours: OpeningHoursDto.nullable(),
  contacts: z.array(ContactPointDto),
});

export const DirectoryDto = z.object({
  hub: OrganisationDto,
  municipalities: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      inCounty: z.boolean(),
      intakeOrgId: z.string().nullable(),
      jourOrgIds: z.array(z.string()),
      agreementInForce: z.boolean(),
    }),
  ),
  organisations: z.array(OrganisationDto),
});

export const DirectoryChangeDto = z.object({
  id: z.number(),
  at: z.iso.datetime(),
  actorName: z.string().nullable(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
