// "Översikt" for the hub's supervisor: the hub's open cases (the same list, order and counts as
// the queue: src/domain/hub-attention.ts) sorted into what needs attention now: overdue
// deadlines of the hub, unassigned cases and handovers waiting for kvittens, each in the
// queue's order (overdue, acute, due soonest). Live like the queue.
import { useMemo } from 'react';
import { isOverdue } from '../../../shared/hub-attention.ts';
import { municipalityName } from '../../../shared/municipalities.ts';
import { LoadState } from '../admin/LoadState.tsx';
import { useNow } from '../cases/clocks.ts';
import { CaseLink } from '../cases/CaseLink.tsx';
import { CountdownText } from '../cases/Countdown.tsx';
import { duration, formatTime, minutesSince, statusText, urgencyLabels } from '../cases/format.ts';
import type { CaseSummary } from '../cases/types.ts';
import { t, tf, tn } from '../i18n.ts';
import { useHubQueue } from './useHubQueue.ts';

interface Section {
  id: string;
  heading: string;
  empty: string;
  cases: CaseSummary[];
}

export function OverviewPage({ onOpenCase }: { onOpenCase(id: string): void }) {
  const { load, reload, mode } = useHubQueue();
  const now = useNow();

  // The server's order (overdue first, acute first, due soonest) within every section.
  const sections = useMemo<Section[]>(() => {
    const cases = load.state === 'ready' ? load.data.cases : [];
    return [
      { id: 'overdue', heading: t('overdueHeading'), empty: t('overdueEmpty'), cases: cases.filter((c) => isOverdue(c.hubClock, now)) },
      { id: 'unassigned', heading: t('unassignedHeading'), empty: t('unassignedEmpty'), cases: cases.filter((c) => !c.claimed && c.status === 'received') },
      { id: 'pending', heading: t('pendingAckHeading'), empty: t('pendingAckEmpty'), cases: cases.filter((c) => c.status === 'handover_pending') },
    ];
  }, [load, now]);
  const counts = load.state === 'ready' ? load.data.counts : undefined;

  return (
    <>
      <h1>{t('navOverview')}</h1>
      <p>{t('overviewIntro')}</p>
      <p className="muted" role="status">
        {mode === 'live' ? t('liveOn') : t('livePolling')}
      </p>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' && counts && (
        <>
          <p className="big-text">
            {tf('overviewCounts', { overdue: tn('overdueCases', counts.overdue), unassigned: counts.unclaimed, pending: sections[2]!.cases.length })}
          </p>
          {counts.open > load.data.cases.length && <p className="notice">{tf('overviewTruncated', { n: load.data.cases.length })}</p>}
          {sections.map((s) => (
            <section key={s.id} className={`overview-section overview-${s.id}`} aria-labelledby={`ov-${s.id}-h`}>
              <h2 id={`ov-${s.id}-h`}>
                {s.heading} ({s.cases.length})
              </h2>
              {s.cases.length === 0 ? (
                <p className="empty">{s.empty}</p>
              ) : (
                <div className="scroll" role="region" aria-label={tf('scrollRegion', { name: s.heading })} tabIndex={0}>
                  <table className="data overview">
                    <caption className="sr-only">{s.heading}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('colCase')}</th>
                        <th scope="col">{t('colDeadline')}</th>
                        <th scope="col">{t('colUrgency')}</th>
                        <th scope="col">{t('colStatus')}</th>
                        <th scope="col">{t('colReceived')}</th>
                        <th scope="col">{t('colResponsible')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {s.cases.map((c) => (
                        <tr key={c.id}>
                          <th scope="row" className="nowrap">
                            <CaseLink id={c.id} number={c.number} onOpenCase={onOpenCase} />
                          </th>
                          <td>
                            {c.hubClock ? (
                              <CountdownText clock={c.hubClock.clock} dueAt={c.hubClock.dueAt} now={now} breached={c.hubClock.breached} escalationStep={c.hubClock.escalationStep} />
                            ) : (
                              <span className="muted">{t('nothingForHub')}</span>
                            )}
                          </td>
                          <td>
                            <span className={`urgency urgency-${c.urgency}`}>{t(urgencyLabels[c.urgency])}</span>
                          </td>
                          <td>{statusText(c)}</td>
                          <td className="nowrap">
                            {formatTime(c.receivedAt)}
                            <span className="muted stack">{tf('sinceReceipt', { time: duration(minutesSince(c.receivedAt, now)) })}</span>
                          </td>
                          <td>{c.responsibleMunicipalityCode ? municipalityName(c.responsibleMunicipalityCode) : t('none')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          ))}
        </>
      )}
    </>
  );
}
