// API shapes of cases, taken from the feature schemas as types only (zod is never bundled here).
import type { z } from 'zod';
import type { CaseDto, CaseListDto, CaseSummaryDto, SubmitResultDto } from '../../../features/cases/dto.ts';
import type { ReportBody } from '../../../features/cases/schemas.ts';
import type { TransitionName } from '../../../domain/case-machine.ts';

export type { CaseDto, TransitionName };
export type CaseSummary = z.infer<typeof CaseSummaryDto>;
export type CaseList = z.infer<typeof CaseListDto>;
export type SubmitResult = z.infer<typeof SubmitResultDto>;
/** The report as the police send it (before the server's defaults). */
export type ReportInput = z.input<typeof ReportBody>;
export type Report = NonNullable<CaseDto['report']>;
export type Contact = NonNullable<NonNullable<CaseDto['callNow']>['contact']>;
export type Message = CaseDto['messages'][number];
export type Urgency = CaseSummary['urgency'];
