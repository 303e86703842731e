import { useEffect, useState } from 'react';
import { roleLabels } from '../../shared/roles.ts';
import { t } from './i18n.ts';
import type { Session } from './session.ts';

const clockFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={now.toISOString()} aria-label={t('clock')}>
      {clockFormat.format(now)}
    </time>
  );
}

interface Props {
  session: Session;
  onLogOut(): void;
}

export function StartPage({ session, onLogOut }: Props) {
  const { user } = session;
  return (
    <>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('appName')}</span>
        <span className="duty">
          {t('onDutyAs')} <strong>{roleLabels[user.role]}</strong>, {user.organisation.name}
        </span>
        <Clock />
        <button type="button" className="secondary" onClick={onLogOut}>
          {t('logOut')}
        </button>
      </header>
      <main id="main" className="page">
        <h1>{t('startHeading')}</h1>
        <p>
          {t('welcome')}, {user.displayName}.
        </p>
        <dl className="facts">
          <dt>{t('role')}</dt>
          <dd>{roleLabels[user.role]}</dd>
          <dt>{t('organisation')}</dt>
          <dd>{user.organisation.name}</dd>
        </dl>
      </main>
    </>
  );
}
