import { useEffect, useRef, useState } from 'react';
import { useStackedLabels } from './stacked.ts';
import type { Role } from '../../../shared/role-names.ts';
import { t, tf } from '../i18n.ts';
import { roleCan } from '../permissions.ts';
import { AgreementForm } from './AgreementForm.tsx';
import { LoadState } from './LoadState.tsx';
import { TerminateAgreementForm } from './TerminateAgreementForm.tsx';
import type { Agreement } from './types.ts';
import { useLoad } from './useLoad.ts';
import { client, ok } from '../api.ts';

/**
 * The register of agreements; admins (agreements.write) also register and terminate them. The
 * role comes from the caller when it passes one, otherwise from the session (/auth/me).
 */
export function AgreementsPage({ role }: { role: Role }) {
  const stacked = useStackedLabels<HTMLTableElement>();
  const { load, reload } = useLoad<{ agreements: Agreement[] }>('agreements', () => ok(client.GET('/api/v1/agreements')));
  const canWrite = roleCan(role, 'agreements.write');
  const [registering, setRegistering] = useState(false);
  const [terminating, setTerminating] = useState<Agreement | null>(null);
  const [done, setDone] = useState('');
  const registerButton = useRef<HTMLButtonElement>(null);
  const restoreFocus = useRef<string | null>(null);

  // After a form closes, focus goes back to the button that opened it.
  useEffect(() => {
    if (registering || terminating || !restoreFocus.current) return;
    const target = restoreFocus.current === 'register' ? registerButton.current : document.getElementById(`terminate-${restoreFocus.current}`);
    restoreFocus.current = null;
    target?.focus();
  }, [registering, terminating, load]);

  const closeRegister = () => {
    restoreFocus.current = 'register';
    setRegistering(false);
  };
  const closeTerminate = () => {
    restoreFocus.current = terminating?.id ?? null;
    setTerminating(null);
  };

  return (
    <>
      <h1>{t('agreementsHeading')}</h1>
      <p>{t('agreementsIntro')}</p>
      {canWrite && !registering && (
        <button
          type="button"
          ref={registerButton}
          onClick={() => {
            setDone('');
            setTerminating(null);
            setRegistering(true);
          }}
        >
          {t('registerAgreement')}
        </button>
      )}
      {canWrite && registering && (
        <AgreementForm
          onCancel={closeRegister}
          onSaved={(a) => {
            setDone(tf('agreementSaved', { name: a.municipalityName }));
            closeRegister();
            reload();
          }}
        />
      )}
      <p role="status" className="saved">
        {done}
      </p>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' &&
        (load.data.agreements.length === 0 ? (
          <p className="empty">{t('noAgreements')}</p>
        ) : (
          <div className="scroll" role="region" aria-label={tf('scrollRegion', { name: t('agreementsCaption') })} tabIndex={0}>
            <table className="data agreements stacked" ref={stacked}>
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
                  {canWrite && <th scope="col">{t('colAction')}</th>}
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
                    {canWrite && (
                      <td>
                        {a.terminatedFrom === null && (
                          <button
                            type="button"
                            id={`terminate-${a.id}`}
                            className="secondary danger"
                            aria-expanded={terminating?.id === a.id}
                            onClick={() => {
                              setDone('');
                              setRegistering(false);
                              setTerminating(a);
                            }}
                          >
                            {t('terminate')}
                            <span className="sr-only"> {tf('terminateWhich', { name: a.municipalityName, dnr: a.dnr })}</span>
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      {canWrite && terminating && (
        <TerminateAgreementForm
          key={terminating.id}
          agreement={terminating}
          onCancel={closeTerminate}
          onSaved={(a) => {
            setDone(tf('agreementTerminated', { name: a.municipalityName, date: a.terminatedFrom ?? '' }));
            restoreFocus.current = null;
            setTerminating(null);
            reload();
          }}
        />
      )}
    </>
  );
}
