// Warns before the session ends for inactivity ("Du loggas snart ut") and logs out when it does.
// The deadline comes from the seconds-left header on every API response (api.ts), so any
// request, not only this dialog, counts as activity; "Fortsätt arbeta" calls /auth/me, which
// extends the session on the server.
import { useEffect, useRef, useState } from 'react';
import { currentIdleDeadline, onIdleDeadline } from './api.ts';
import { dateFormat, t, tf } from './i18n.ts';
import { fetchSession } from './session.ts';

interface Props {
  warningSeconds: number;
  onExpired(): void;
}

const timeOptions: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };

export function IdleWarning({ warningSeconds, onExpired }: Props) {
  const [deadline, setDeadline] = useState<number | null>(currentIdleDeadline);
  const [now, setNow] = useState(() => Date.now());
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => onIdleDeadline(setDeadline), []);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const expired = deadline !== null && now >= deadline;
  const warn = deadline !== null && !expired && now >= deadline - warningSeconds * 1000;
  useEffect(() => {
    if (expired) onExpired();
  }, [expired, onExpired]);
  useEffect(() => {
    if (warn) button.current?.focus();
  }, [warn]);

  if (!warn || deadline === null) return null;
  return (
    <div className="modal-backdrop">
      <div className="card dialog" role="alertdialog" aria-modal="true" aria-labelledby="idle-heading" aria-describedby="idle-text">
        <h2 id="idle-heading">{t('idleWarningHeading')}</h2>
        <p id="idle-text">{tf('idleWarningText', { time: dateFormat(timeOptions).format(new Date(deadline)) })}</p>
        <button ref={button} type="button" onClick={() => void fetchSession()}>
          {t('continueWorking')}
        </button>
      </div>
    </div>
  );
}
