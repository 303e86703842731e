// "Översikt" for the hub's supervisor: every open case (paged through, up to MAX_CASES) sorted
// into what needs attention now: escalated and overdue deadlines (highest alert first),
// unassigned cases (oldest first) and handovers waiting for kvittens. Live like the queue.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { municipalityName } from '../../../shared/municipalities.ts';
import { ApiError, api } from '../api.ts';
import { useNow } from '../cases/clocks.ts';
import { CaseLink } from '../cases/CaseLink.tsx';
import { NextDue } from '../cases/Countdown.tsx';
import { duration, formatTime, minutesSince, urgencyLabels } from '../cases/format.ts';
import { useLiveRefresh } from '../cases/live.ts';
import type { CaseList, CaseSummary } from '../cases/types.ts';
import { t, tf } from '../i18n.ts';

const MAX_CASES = 500;
const PAGE = 200;

type State = { state: 'loading' } | { state: 'error'; message: string } | { state: 'ready'; cases: CaseSummary[]; truncated: boolean };

async function fetchOpenCases(): Promise<{ cases: CaseSummary[]; truncated: boolean }> {
  const all: CaseSummary[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ status: 'open', limit: String(PAGE) });
    if (cursor) query.set('cursor', cursor);
    const page: CaseList = await api<CaseList>('GET', `/api/v1/cases?${query.toString()}`);
    all.push(...page.cases);
    cursor = page.nextCursor;
  } while (cursor && all.length < MAX_CASES);
  return { cases: all.slice(0, MAX_CASES), truncated: cursor !== null || all.length > MAX_CASES };
}

export function isOverdue(c: CaseSummary, now: number): boolean {
  return c.breached || (c.nextDue !== null && new Date(c.nextDue.dueAt).getTime() <= now);
}

interface Section {
  id: string;
  heading: string;
  empty: string;
  cases: CaseSummary[];
}

export function OverviewPage({ onOpenCase }: { onOpenCase(id: string): void }) {
  const [data, setData] = useState<State>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const now = useNow();
  const mode = useLiveRefresh(() => setRound((r) => r + 1));
  const reload = useCallback(() => setRound((r) => r + 1), []);

  useEffect(() => {
    let live = true;
    fetchOpenCases().then(
      (result) => live && setData({ state: 'ready', ...result }),
      (e: unknown) => live && setData((prev) => (prev.state === 'ready' ? prev : { state: 'error', message: e instanceof ApiError ? e.message : String(e) })),
    );
    return () => {
      live = false;
    };
  }, [round]);

  const sections = useMemo<Section[]>(() => {
    const cases = data.state === 'ready' ? data.cases : [];
    const overdue = cases
      .filter((c) => isOverdue(c, now))
      .sort((a, b) => b.escalationStep - a.escalationStep || (a.nextDue?.dueAt ?? '').localeCompare(b.nextDue?.dueAt ?? ''));
    const unassigned = cases.filter((c) => !c.claimed && c.status === 'received').sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    const pending = cases
      .filter((c) => c.status === 'handover_pending')
      .sort((a, b) => (a.nextDue?.dueAt ?? a.receivedAt).localeCompare(b.nextDue?.dueAt ?? b.receivedAt));
    return [
      { id: 'overdue', heading: t('overdueHeading'), empty: t('overdueEmpty'), cases: overdue },
      { id: 'unassigned', heading: t('unassignedHeading'), empty: t('unassignedEmpty'), cases: unassigned },
      { id: 'pending', heading: t('pendingAckHeading'), empty: t('pendingAckEmpty'), cases: pending },
    ];
  }, [data, now]);

  return (
    <>
      <h1>{t('navOverview')}</h1>
      <p>{t('overviewIntro')}</p>
      <p className="muted" role="status">
        {mode === 'live' ? t('liveOn') : t('livePolling')}
      </p>
      {data.state === 'loading' && (
        <p role="status" aria-live="polite">
          {t('loading')}
        </p>
      )}
      {data.state === 'error' && (
        <div role="alert" className="error-box">
          <p className="error">
            {t('loadFailed')} {data.message}
          </p>
          <button type="button" className="secondary" onClick={reload}>
            {t('retry')}
          </button>
        </div>
      )}
      {data.state === 'ready' && (
        <>
          <p className="big-text">
            {tf('overviewCounts', { overdue: sections[0]!.cases.length, unassigned: sections[1]!.cases.length, pending: sections[2]!.cases.length })}
          </p>
          {data.truncated && <p className="notice">{tf('overviewTruncated', { n: MAX_CASES })}</p>}
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
                            <NextDue nextDue={c.nextDue} breached={c.breached} escalationStep={c.escalationStep} now={now} />
                          </td>
                          <td>
                            <span className={`urgency urgency-${c.urgency}`}>{t(urgencyLabels[c.urgency])}</span>
                          </td>
                          <td>{c.statusLabel}</td>
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
