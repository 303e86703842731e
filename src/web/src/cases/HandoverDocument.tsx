// "Överlämnandedokument" on the case page, for the receiving municipality (and the hub): the
// report as a PDF and as JSON to register in the municipality's own case system. The server
// decides who may (kase.handoverDocument); each download is audited and registered as a disclosure.
import { t } from '../i18n.ts';
import type { CaseDto } from './types.ts';

export function HandoverDocumentPanel({ kase }: { kase: CaseDto }) {
  if (!kase.handoverDocument) return null;
  const base = `/api/v1/cases/${kase.id}/handover-document`;
  return (
    <section className="card handover-document" aria-labelledby="handover-doc-h">
      <h2 id="handover-doc-h">{t('handoverDocumentHeading')}</h2>
      <p>{t('handoverDocumentIntro')}</p>
      <p className="row-actions">
        <a className="button-link" href={`${base}.pdf`} download>
          {t('handoverDocumentPdf')}
        </a>
        <a className="button-link" href={`${base}.json`} download>
          {t('handoverDocumentJson')}
        </a>
      </p>
    </section>
  );
}
