import { t, tf } from '../i18n.ts';
import { LoadState } from './LoadState.tsx';
import type { Agreement } from './types.ts';
import { useLoad } from './useLoad.ts';

export function AgreementsPage() {
  const { load, reload } = useLoad<{ agreements: Agreement[] }>('/api/v1/agreements');
  return (
    <>
      <h1>{t('agreementsHeading')}</h1>
      <p>{t('agreementsIntro')}</p>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' &&
        (load.data.agreements.length === 0 ? (
          <p className="empty">{t('noAgreements')}</p>
        ) : (
          <div className="scroll" role="region" aria-label={tf('scrollRegion', { name: t('agreementsCaption') })} tabIndex={0}>
            <table className="data">
              <caption>{t('agreementsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('colMunicipality')}</th>
                  <th scope="col">{t('colDecidedBy')}</th>
                  <th scope="col">{t('colDnr')}</th>
                  <th scope="col">{t('colDecisionDate')}</th>
                  <th scope="col">{t('colValidFrom')}</th>
                  <th scope="col">{t('colValidTo')}</th>
                  <th scope="col">{t('colTerminatedFrom')}</th>
                  <th scope="col">{t('colInForceToday')}</th>
                </tr>
              </thead>
              <tbody>
                {load.data.agreements.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.municipalityName}</th>
                    <td>{a.decidedBy}</td>
                    <td className="nowrap">{a.dnr}</td>
                    <td className="nowrap">{a.decisionDate}</td>
                    <td className="nowrap">{a.validFrom}</td>
                    <td className="nowrap">{a.validTo ?? t('none')}</td>
                    <td className="nowrap">{a.terminatedFrom ?? t('none')}</td>
                    <td>{a.inForceToday ? t('yes') : t('no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </>
  );
}
