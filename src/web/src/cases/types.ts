// API shapes of cases, taken from the contract (src/shared/api/cases.ts) as types only (zod is
// never bundled here).
import type { z } from 'zod';
import type { CaseDto, CaseListDto, CaseSummaryDto, ReportBody, SubmitResultDto, TransitionName } from '../../../shared/api/cases.ts';

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
