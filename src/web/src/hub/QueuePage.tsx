// "Kö": the hub's live queue of open cases in the order of what needs the hub now (overdue
// first, then acute, then the deadline due soonest: src/domain/hub-attention.ts, ordered and
// counted by the server), each row with ONE clock state (the hub's deadline), and "Ta ärendet"
// (claim) with one click. Cases kvitterade by a municipality, which need nothing from the hub,
// are listed apart below. Dense enough to fit a 1366 px laptop without sideways scrolling:
// secondary facts go on a second line of their cell.
import { useEffect, useMemo, useRef, useState } from 'react';
import { municipalityName } from '../../../shared/municipalities.ts';
import { LoadState } from '../admin/LoadState.tsx';
import { ApiError } from '../api.ts';
import { errorText, transition } from '../cases/caseApi.ts';
import { CaseLink } from '../cases/CaseLink.tsx';
import { CountdownText } from '../cases/Countdown.tsx';
import { duration, minutesSince, statusText, urgencyLabels } from '../cases/format.ts';
import { useNow } from '../cases/clocks.ts';
import { beep } from '../cases/live.ts';
import type { CaseSummary } from '../cases/types.ts';
import { t, tf, tn } from '../i18n.ts';
import type { Session } from '../session.ts';
import { useHubQueue } from './useHubQueue.ts';

const SOUND_KEY = 'envagin.queueSound';

export function QueuePage({ session, onOpenCase }: { session: Session; onOpenCase(id: string): void }) {
  const { load, reload, mode, refresh } = useHubQueue();
  const now = useNow(15_000);
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) === 'on');
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const known = useRef<Set<string> | null>(null);
  const soundRef = useRef(sound);
  soundRef.current = sound;

  const cases = useMemo(() => (load.state === 'ready' ? load.data.cases : []), [load]);
  const needsHub = cases.filter((c) => c.hubClock !== null);
  const rest = cases.filter((c) => c.hubClock === null);

  // New cases since the last look: announce them, and beep when the user asked for sound.
  useEffect(() => {
    if (load.state !== 'ready') return;
    const ids = new Set(cases.map((c) => c.id));
    if (known.current) {
      const fresh = cases.filter((c) => !known.current!.has(c.id) && c.status === 'received');
      if (fresh.length > 0) {
        setAnnouncement(tf('newCasesArrived', { numbers: fresh.map((c) => c.number).join(', ') }));
        if (soundRef.current) beep();
      }
    }
    known.current = ids;
  }, [cases, load.state]);

  async function claim(c: CaseSummary) {
    setBusyId(c.id);
    setError(null);
    try {
      await transition(c, 'claim');
      onOpenCase(c.id);
    } catch (e) {
      setError(e instanceof ApiError && (e.code === 'PRECONDITION_FAILED' || e.code === 'CONFLICT' || e.code === 'INVALID_STATE') ? t('claimTaken') : errorText(e));
      refresh();
    } finally {
      setBusyId(null);
    }
  }

  const counts = load.state === 'ready' ? load.data.counts : undefined;

  return (
    <>
      <h1>{t('navQueue')}</h1>
      <div className="toolbar queue-bar">
        <p className="muted" role="status">
          {mode === 'live' ? t('liveOn') : t('livePolling')}
        </p>
        <label className="choice">
          <input
            type="checkbox"
            checked={sound}
            onChange={(e) => {
              setSound(e.target.checked);
              localStorage.setItem(SOUND_KEY, e.target.checked ? 'on' : 'off');
              if (e.target.checked) beep();
            }}
          />
          <span>{t('soundToggle')}</span>
        </label>
      </div>
      <p className="sr-only" aria-live="assertive">
        {announcement}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' && counts && (
        <>
          <p className="queue-summary">
            {tf('queueSummary', { open: tn('openCases', counts.open), unclaimed: counts.unclaimed, overdue: tn('overdueCases', counts.overdue) })}
            {session.user.role === 'hub.supervisor' && counts.overdue > 0 ? ` ${t('supervisorLateNote')}` : ''}
          </p>
          {cases.length === 0 ? (
            <p className="empty">{t('queueEmpty')}</p>
          ) : (
            <>
              {needsHub.length > 0 && (
                <QueueTable caption={t('queueCaption')} cases={needsHub} now={now} busyId={busyId} onClaim={claim} onOpenCase={onOpenCase} />
              )}
              {rest.length > 0 && (
                <section aria-labelledby="queue-rest-h">
                  <h2 id="queue-rest-h">{t('queueRestHeading')}</h2>
                  <QueueTable caption={t('queueRestCaption')} captionHidden cases={rest} now={now} busyId={busyId} onClaim={claim} onOpenCase={onOpenCase} />
                </section>
              )}
            </>
          )}
        </>
      )}
    </>
  );
}

interface TableProps {
  caption: string;
  captionHidden?: boolean;
  cases: CaseSummary[];
  now: number;
  busyId: string | null;
  onClaim(c: CaseSummary): void;
  onOpenCase(id: string): void;
}

function QueueTable({ caption, captionHidden, cases, now, busyId, onClaim, onOpenCase }: TableProps) {
  return (
    <table className="data queue">
      <caption className={captionHidden ? 'sr-only' : undefined}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('colCase')}</th>
          <th scope="col">{t('colUrgency')}</th>
          <th scope="col">{t('colDeadline')}</th>
          <th scope="col">{t('colChild')}</th>
          <th scope="col">{t('colHandler')}</th>
          <th scope="col">
            <span className="sr-only">{t('colAction')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id}>
            <th scope="row">
              <CaseLink id={c.id} number={c.number} onOpenCase={onOpenCase} />
              {c.duplicateFlag && <span className="tag">{t('linkedTag')}</span>}
              <span className="muted stack small">{statusText(c)}</span>
            </th>
            <td data-label={t('colUrgency')}>
              <span className={`urgency urgency-${c.urgency}`}>{t(urgencyLabels[c.urgency])}</span>
            </td>
            <td data-label={t('colDeadline')}>
              {c.hubClock ? (
                <CountdownText clock={c.hubClock.clock} dueAt={c.hubClock.dueAt} now={now} breached={c.hubClock.breached} escalationStep={c.hubClock.escalationStep} />
              ) : (
                <span className="muted">{t('nothingForHub')}</span>
              )}
              <span className="muted stack small">{tf('sinceReceipt', { time: duration(minutesSince(c.receivedAt, now)) })}</span>
            </td>
            <td data-label={t('colChild')}>
              {c.ageAtReceipt === null ? t('none') : tf('years', { n: c.ageAtReceipt })}
              <span className="muted stack small">{tf('childFoundIn', { place: municipalityName(c.foundMunicipalityCode) ?? c.foundMunicipalityCode })}</span>
            </td>
            <td data-label={t('colHandler')}>{c.assignedToMe ? t('handlerMe') : c.claimed ? t('handlerOther') : t('handlerNone')}</td>
            <td className="action-cell">
              {c.status === 'received' && !c.claimed ? (
                <button type="button" className="claim" disabled={busyId === c.id} onClick={() => onClaim(c)}>
                  {t('claim')}
                  <span className="sr-only"> {c.number}</span>
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
