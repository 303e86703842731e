// API shapes the admin screens read, taken from the contract (src/shared/api) as types only (zod
// is never bundled into the web app).
import type { z } from 'zod';
import type { AgreementDto } from '../../../shared/api/agreements.ts';
import type { ContactPointDto, DirectoryChangeDto, DirectoryDto, OpeningHoursDto, OrganisationDto } from '../../../shared/api/directory.ts';
import type { CoverageDto } from '../../../shared/api/routing.ts';

export type Directory = z.infer<typeof DirectoryDto>;
export type Organisation = z.infer<typeof OrganisationDto>;
export type Municipality = Directory['municipalities'][number];
export type ContactPoint = z.infer<typeof ContactPointDto>;
export type OpeningHours = z.infer<typeof OpeningHoursDto>;
export type TimeRange = NonNullable<OpeningHours['weekly'][1]>[number];
export type DirectoryChange = z.infer<typeof DirectoryChangeDto>;
export type Agreement = z.infer<typeof AgreementDto>;
export type Coverage = z.infer<typeof CoverageDto>;
export type CoverageGap = Coverage['gaps'][number];
