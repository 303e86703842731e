// The report as the police filed it (protected address fields are already removed by the server
// for readers who do not need them).
import type { ReactNode } from 'react';
import { municipalityName } from '../../../shared/municipalities.ts';
import { t, tf } from '../i18n.ts';
import { PhoneLink } from './CallNow.tsx';
import { formatTime, urgencyLabels } from './format.ts';
import type { CaseDto, Report } from './types.ts';

const gangKeys = { recruited: 'gangRecruited', exploited: 'gangExploited', threatened: 'gangThreatened', in_conflict: 'gangInConflict', other: 'gangOther' } as const;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children || t('none')}</dd>
    </>
  );
}

export function ReportView({ kase, report }: { kase: CaseDto; report: Report }) {
  const child = report.child;
  return (
    <section className="card wide" aria-labelledby="report-h">
      <h2 id="report-h">{t('reportHeading')}</h2>
      {kase.protectedIdentity && <p className="notice">{t('protectedNotice')}</p>}
      <dl className="facts">
        <Row label={t('urgency')}>{t(urgencyLabels[report.urgency])}</Row>
        <Row label={t('identityKind')}>
          {child.identityKind === 'known' ? `${child.identityNumber}${child.name ? ` – ${child.name}` : ''}` : `${t('identityUnknown')}: ${child.name}`}
        </Row>
        {child.identityKind === 'unknown' && (
          <>
            <Row label={t('estimatedAge')}>{tf('years', { n: child.estimatedAge })}</Row>
            <Row label={t('childDescription')}>{child.description}</Row>
          </>
        )}
        {kase.ageAtReceipt !== null && <Row label={t('ageAtReceipt')}>{tf('years', { n: kase.ageAtReceipt })}</Row>}
        <Row label={t('residenceMunicipality')}>
          {report.residence.municipalityCode ? municipalityName(report.residence.municipalityCode) : t('municipalityUnknown')}
          {report.residence.address ? `, ${report.residence.address}` : ''}
        </Row>
        <Row label={t('foundAt')}>{formatTime(report.found.at)}</Row>
        <Row label={t('foundMunicipality')}>
          {municipalityName(report.found.municipalityCode)}, {report.found.place}
        </Row>
        <Row label={t('whereaboutsNow')}>
          {report.whereaboutsNow.place}
          {report.whereaboutsNow.withWhom ? ` (${report.whereaboutsNow.withWhom})` : ''}
        </Row>
        <Row label={t('concern')}>{report.concern}</Row>
        <Row label={t('gangRiskTypes')}>{report.gangRisk.types.map((g) => t(gangKeys[g])).join(', ')}</Row>
        <Row label={t('gangRiskDescription')}>{report.gangRisk.description}</Row>
        <Row label={t('policeRiskAssessment')}>{report.policeRiskAssessment}</Row>
        <Row label={t('sectionGuardians')}>
          {report.guardians.length === 0
            ? t('none')
            : report.guardians.map((g, i) => (
                <span key={i} className="stack">
                  {g.name} ({g.relation}) {g.phone && <PhoneLink phone={g.phone} />} {g.address}
                </span>
              ))}
        </Row>
        <Row label={t('policeDiaryNumber')}>{report.policeDiaryNumber}</Row>
        <Row label={t('reportingOfficer')}>
          {report.reportingOfficer.name}, {report.reportingOfficer.unit} <PhoneLink phone={report.reportingOfficer.phone} />
        </Row>
      </dl>
    </section>
  );
}
