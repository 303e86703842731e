// "Inkommande": the cases handed over to this municipality or jour group. A handover waiting for
// kvittens comes first and says so in words; the case page has the big "Kvittera" button.
// "Våra tidsfrister" lists each case's next deadline, overdue first, with a live countdown.
import { useMemo, useState } from 'react';
import { municipalityName } from '../../../shared/municipalities.ts';
import { LoadState } from '../admin/LoadState.tsx';
import { useLoad } from '../admin/useLoad.ts';
import { useNow } from '../cases/clocks.ts';
import { CaseLink } from '../cases/CaseLink.tsx';
import { NextDue } from '../cases/Countdown.tsx';
import { formatTime, statusText, urgencyLabels, urgencyRank } from '../cases/format.ts';
import { useLiveRefresh } from '../cases/live.ts';
import type { CaseList, CaseSummary } from '../cases/types.ts';
import { awaitsOffice, fromJourLines, isJourOf } from '../cases/FromJour.tsx';
import { t, tf, tn } from '../i18n.ts';
import { client, ok } from '../api.ts';

/** Waits for this reader's kvittens: a handover, or a case passed from the jour to the office. */
const awaitsUs = (c: CaseSummary) => c.status === 'handover_pending' || awaitsOffice(c);

export function IncomingPage({ onOpenCase, myOrgId }: { onOpenCase(id: string): void; myOrgId: string }) {
  const [round, setRound] = useState(0);
  const { load, reload } = useLoad<CaseList>('open cases', () => ok(client.GET('/api/v1/cases', { params: { query: { status: 'open', limit: 200 } } })), round);
  const mode = useLiveRefresh(() => setRound((r) => r + 1));
  const now = useNow();
  const cases = useMemo(
    () =>
      load.state === 'ready'
        ? [...load.data.cases].sort(
            (a, b) =>
              Number(awaitsUs(b)) - Number(awaitsUs(a)) ||
              urgencyRank[a.urgency] - urgencyRank[b.urgency] ||
              a.receivedAt.localeCompare(b.receivedAt),
          )
        : [],
    [load],
  );
  // Overdue first (the longest overdue at the top), then the soonest due.
  const deadlines = useMemo(
    () =>
      cases
        .filter((c) => c.nextDue !== null)
        .sort((a, b) => Number(b.breached) - Number(a.breached) || a.nextDue!.dueAt.localeCompare(b.nextDue!.dueAt)),
    [cases],
  );
  const waiting = cases.filter((c) => awaitsUs(c) && !(c.fromJour && isJourOf(c.fromJour, myOrgId))).length;
  return (
    <>
      <h1>{t('navIncoming')}</h1>
      <p className="muted" role="status">
        {mode === 'live' ? t('liveOn') : t('livePolling')}
      </p>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' && (
        <>
          {waiting > 0 && <p className="alert-banner">{tn('awaitingAck', waiting)}</p>}
          {cases.length === 0 ? (
            <p className="empty">{t('incomingEmpty')}</p>
          ) : (
            <ul className="case-cards">
              {cases.map((c) => (
                <li key={c.id} className={`case-card${c.status === 'handover_pending' || (awaitsOffice(c) && !isJourOf(c.fromJour!, myOrgId)) ? ' pending' : ''}`}>
                  <CaseLink id={c.id} number={c.number} className="case-link" onOpenCase={onOpenCase} />
                  {c.fromJour && !isJourOf(c.fromJour, myOrgId) && <strong className="flag from-jour-flag">{t('fromJourFlag')}</strong>}
                  {c.status === 'handover_pending' ? <strong className="flag">{t('awaitingAck')}</strong> : <span className="status">{statusText(c)}</span>}
                  {fromJourLines(c, myOrgId).map((line) => (
                    <span key={line} className="from-jour-line">
                      {line}
                    </span>
                  ))}
                  <span className={`urgency urgency-${c.urgency}`}>{t(urgencyLabels[c.urgency])}</span>
                  {c.nextDue && <NextDue nextDue={c.nextDue} breached={c.breached} escalationStep={c.escalationStep} now={now} />}
                  <span className="muted">
                    {tf('receivedAt', { time: formatTime(c.receivedAt) })}
                    {c.responsibleMunicipalityCode ? ` · ${municipalityName(c.responsibleMunicipalityCode)}` : ''}
                    {c.ageAtReceipt !== null ? ` · ${tf('years', { n: c.ageAtReceipt })}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <section aria-labelledby="our-deadlines-h">
            <h2 id="our-deadlines-h">{t('ourDeadlinesHeading')}</h2>
            {deadlines.length === 0 ? (
              <p className="muted">{t('ourDeadlinesEmpty')}</p>
            ) : (
              <div className="scroll" role="region" aria-label={tf('scrollRegion', { name: t('ourDeadlinesCaption') })} tabIndex={0}>
                <table className="data">
                  <caption>{t('ourDeadlinesCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('colCase')}</th>
                      <th scope="col">{t('colDeadline')}</th>
                      <th scope="col">{t('colDueAt')}</th>
                      <th scope="col">{t('colStatus')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {deadlines.map((c) => (
                      <tr key={c.id}>
                        <th scope="row" className="nowrap">
                          <CaseLink id={c.id} number={c.number} onOpenCase={onOpenCase} />
                        </th>
                        <td>
                          <NextDue nextDue={c.nextDue} breached={c.breached} escalationStep={c.escalationStep} now={now} />
                        </td>
                        <td className="nowrap">{formatTime(c.nextDue!.dueAt)}</td>
                        <td>{statusText(c)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}
