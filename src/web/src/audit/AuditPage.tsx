// "Granskning" for the auditor: search the audit log, "who has seen this child's data",
// verify the log's hash chain and create a register extract. Every one of these is itself
// audited by the server. A personnummer travels only in a POST body.
import type { z } from 'zod';
import type { AuditPage as AuditPageDto, ChainVerificationDto } from '../../../shared/api/audit.ts';
import { t } from '../i18n.ts';
import { AccessSection } from './AccessSection.tsx';
import { ExtractSection } from './ExtractSection.tsx';
import { LogSearch } from './LogSearch.tsx';
import { VerifySection } from './VerifySection.tsx';

export type AuditPageData = z.infer<typeof AuditPageDto>;
export type ChainVerification = z.infer<typeof ChainVerificationDto>;

export function AuditPage() {
  return (
    <>
      <h1>{t('navAudit')}</h1>
      <p>{t('auditIntro')}</p>
      <AccessSection />
      <VerifySection />
      <LogSearch />
      <ExtractSection />
    </>
  );
}
