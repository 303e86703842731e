// "Kö": the hub's live queue of open cases, most urgent first and then oldest first, with the
// time since receipt as text and colour, and "Ta ärendet" (claim) with one click. It refreshes
// itself from the notification stream, or by polling when the stream is unavailable.
import { useEffect, useMemo, useRef, useState } from 'react';
import { municipalityName } from '../../../shared/municipalities.ts';
import { LoadState } from '../admin/LoadState.tsx';
import { useLoad } from '../admin/useLoad.ts';
import { ApiError } from '../api.ts';
import { errorText, transition } from '../cases/caseApi.ts';
import { ageLevel, ageLevelText, duration, minutesSince, urgencyLabels, urgencyRank } from '../cases/format.ts';
import { useNow } from '../cases/clocks.ts';
import { NextDue } from '../cases/Countdown.tsx';
import { beep, useLiveRefresh } from '../cases/live.ts';
import type { CaseList, CaseSummary } from '../cases/types.ts';
import { t, tf } from '../i18n.ts';
import type { Session } from '../session.ts';

const SOUND_KEY = 'envagin.queueSound';

function sortQueue(cases: CaseSummary[]): CaseSummary[] {
  return [...cases].sort((a, b) => urgencyRank[a.urgency] - urgencyRank[b.urgency] || a.receivedAt.localeCompare(b.receivedAt));
}

export function QueuePage({ session, onOpenCase }: { session: Session; onOpenCase(id: string): void }) {
  const [round, setRound] = useState(0);
  const { load, reload } = useLoad<CaseList>('/api/v1/cases?status=open&limit=200', round);
  const now = useNow(15_000);
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) === 'on');
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const known = useRef<Set<string> | null>(null);
  const soundRef = useRef(sound);
  soundRef.current = sound;
  const mode = useLiveRefresh(() => setRound((r) => r + 1));

  const cases = useMemo(() => (load.state === 'ready' ? sortQueue(load.data.cases) : []), [load]);

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
      setRound((r) => r + 1);
    } finally {
      setBusyId(null);
    }
  }

  const unclaimed = cases.filter((c) => !c.claimed && c.status === 'received').length;
  const late = cases.filter((c) => c.status === 'received' && ageLevel(minutesSince(c.receivedAt, now), c.urgency) === 'late').length;

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
      {load.state === 'ready' && (
        <>
          <p>
            {tf('queueSummary', { open: cases.length, unclaimed, late })}
            {session.user.role === 'hub.supervisor' && late > 0 ? ` ${t('supervisorLateNote')}` : ''}
          </p>
          {cases.length === 0 ? (
            <p className="empty">{t('queueEmpty')}</p>
          ) : (
            <div className="scroll" role="region" aria-label={tf('scrollRegion', { name: t('queueCaption') })} tabIndex={0}>
              <table className="data queue">
                <caption>{t('queueCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('colCase')}</th>
                    <th scope="col">{t('colUrgency')}</th>
                    <th scope="col">{t('colSinceReceipt')}</th>
                    <th scope="col">{t('colDeadline')}</th>
                    <th scope="col">{t('colStatus')}</th>
                    <th scope="col">{t('colAge')}</th>
                    <th scope="col">{t('colFoundIn')}</th>
                    <th scope="col">{t('colHandler')}</th>
                    <th scope="col">{t('colAction')}</th>
                  </tr>
                </thead>
                <tbody>
                  {cases.map((c) => {
                    const minutes = minutesSince(c.receivedAt, now);
                    const level = c.status === 'received' ? ageLevel(minutes, c.urgency) : 'ok';
                    return (
                      <tr key={c.id}>
                        <th scope="row" className="nowrap">
                          <a
                            href={`/arende/${c.id}`}
                            onClick={(e) => {
                              if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                              e.preventDefault();
                              onOpenCase(c.id);
                            }}
                          >
                            {c.number}
                          </a>
                          {c.duplicateFlag && <span className="tag">{t('linkedTag')}</span>}
                        </th>
                        <td data-label={t('colUrgency')}>
                          <span className={`urgency urgency-${c.urgency}`}>{t(urgencyLabels[c.urgency])}</span>
                        </td>
                        <td data-label={t('colSinceReceipt')}>
                          <span className={`age age-${level}`}>
                            {tf('sinceReceipt', { time: duration(minutes) })}
                            {level !== 'ok' && <span className="age-flag"> – {ageLevelText(level)}</span>}
                          </span>
                        </td>
                        <td data-label={t('colDeadline')}>
                          <NextDue nextDue={c.nextDue} breached={c.breached} escalationStep={c.escalationStep} now={now} />
                        </td>
                        <td data-label={t('colStatus')}>{c.statusLabel}</td>
                        <td data-label={t('colAge')}>{c.ageAtReceipt === null ? t('none') : tf('years', { n: c.ageAtReceipt })}</td>
                        <td data-label={t('colFoundIn')}>{municipalityName(c.foundMunicipalityCode)}</td>
                        <td data-label={t('colHandler')}>{c.assignedToMe ? t('handlerMe') : c.claimed ? t('handlerOther') : t('handlerNone')}</td>
                        <td className="action-cell">
                          {c.status === 'received' && !c.claimed ? (
                            <button type="button" className="claim" disabled={busyId === c.id} onClick={() => void claim(c)}>
                              {t('claim')}
                              <span className="sr-only"> {c.number}</span>
                            </button>
                          ) : (
                            <span className="muted">{t('none')}</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
