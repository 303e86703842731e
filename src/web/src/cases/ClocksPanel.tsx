// "Tidsfrister" on the case page: the case's running clocks, most urgent first, each with a
// countdown in words that updates every 30 s.
import { t, tf } from '../i18n.ts';
import { clockLabel, countdown, useNow } from './clocks.ts';
import { CountdownText } from './Countdown.tsx';
import { formatTime } from './format.ts';
import type { CaseDto } from './types.ts';

export function ClocksPanel({ kase }: { kase: CaseDto }) {
  const now = useNow();
  if (!kase.clocks) return null;
  const running = kase.clocks.filter((c) => c.stoppedAt === null).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <section className="clocks" aria-labelledby="clocks-h">
      <h2 id="clocks-h">{t('clocksHeading')}</h2>
      {running.length === 0 ? (
        <p className="muted">{t('clocksEmpty')}</p>
      ) : (
        <>
          <ul className="clock-list">
            {running.map((c) => (
              <li key={`${c.clock}-${c.subjectId ?? ''}-${c.startedAt}`} className={countdown(c.dueAt, now, { breached: c.breachedAt !== null }).level}>
                <strong>{clockLabel(c.clock)}</strong>
                <CountdownText clock={c.clock} dueAt={c.dueAt} now={now} breached={c.breachedAt !== null} escalationStep={c.escalationStep} withName={false} />
                <span className="muted">{tf('clockDueAt', { time: formatTime(c.dueAt) })}</span>
              </li>
            ))}
          </ul>
          <p className="muted hint">{t('clocksNote')}</p>
        </>
      )}
    </section>
  );
}
