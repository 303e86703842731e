// "Inkommande": the cases handed over to this municipality or jour group. A handover waiting for
// kvittens comes first and says so in words; the case page has the big "Kvittera" button.
import { useMemo, useState } from 'react';
import { municipalityName } from '../../../shared/municipalities.ts';
import { LoadState } from '../admin/LoadState.tsx';
import { useLoad } from '../admin/useLoad.ts';
import { formatTime, urgencyLabels, urgencyRank } from '../cases/format.ts';
import { useLiveRefresh } from '../cases/live.ts';
import type { CaseList } from '../cases/types.ts';
import { t, tf } from '../i18n.ts';

export function IncomingPage({ onOpenCase }: { onOpenCase(id: string): void }) {
  const [round, setRound] = useState(0);
  const { load, reload } = useLoad<CaseList>('/api/v1/cases?status=open&limit=200', round);
  const mode = useLiveRefresh(() => setRound((r) => r + 1));
  const cases = useMemo(
    () =>
      load.state === 'ready'
        ? [...load.data.cases].sort(
            (a, b) =>
              Number(b.status === 'handover_pending') - Number(a.status === 'handover_pending') ||
              urgencyRank[a.urgency] - urgencyRank[b.urgency] ||
              a.receivedAt.localeCompare(b.receivedAt),
          )
        : [],
    [load],
  );
  const waiting = cases.filter((c) => c.status === 'handover_pending').length;
  return (
    <>
      <h1>{t('navIncoming')}</h1>
      <p className="muted" role="status">
        {mode === 'live' ? t('liveOn') : t('livePolling')}
      </p>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' && (
        <>
          {waiting > 0 && <p className="alert-banner">{tf('awaitingAckCount', { n: waiting })}</p>}
          {cases.length === 0 ? (
            <p className="empty">{t('incomingEmpty')}</p>
          ) : (
            <ul className="case-cards">
              {cases.map((c) => (
                <li key={c.id} className={`case-card${c.status === 'handover_pending' ? ' pending' : ''}`}>
                  <a
                    href={`/arende/${c.id}`}
                    className="case-link"
                    onClick={(e) => {
                      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                      e.preventDefault();
                      onOpenCase(c.id);
                    }}
                  >
                    {c.number}
                  </a>
                  {c.status === 'handover_pending' ? <strong className="flag">{t('awaitingAck')}</strong> : <span className="status">{c.statusLabel}</span>}
                  <span className={`urgency urgency-${c.urgency}`}>{t(urgencyLabels[c.urgency])}</span>
                  <span className="muted">
                    {tf('receivedAt', { time: formatTime(c.receivedAt) })}
                    {c.responsibleMunicipalityCode ? ` · ${municipalityName(c.responsibleMunicipalityCode)}` : ''}
                    {c.ageAtReceipt !== null ? ` · ${tf('years', { n: c.ageAtReceipt })}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
