import { useEffect, useState, type ReactNode } from 'react';
import { dateFormat, roleName, t } from './i18n.ts';
import type { Session } from './session.ts';
import { viewLabels, viewPaths, type View } from './views.ts';

const clockOptions: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time dateTime={now.toISOString()} aria-label={t('clock')}>
      {dateFormat(clockOptions).format(now)}
    </time>
  );
}

interface Props {
  session: Session;
  views: View[];
  /** The current menu screen; null on a screen outside the menu (a case). */
  view: View | null;
  onNavigate(view: View): void;
  onLogOut(): void;
  children: ReactNode;
}

/** Top bar (brand, menu, who is on duty, clock, log out) around the current screen. */
export function Shell({ session, views, view, onNavigate, onLogOut, children }: Props) {
  const { user } = session;
  return (
    <>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('appName')}</span>
        <span className="duty">
          {t('onDutyAs')} <strong>{roleName(user.role)}</strong>, {user.organisation.name}
        </span>
        <Clock />
        <button type="button" className="secondary" onClick={onLogOut}>
          {t('logOut')}
        </button>
        {views.length > 1 && (
          <nav className="mainnav" aria-label={t('mainNav')}>
            <ul>
              {views.map((v) => (
                <li key={v}>
                  <a
                    href={viewPaths[v]}
                    aria-current={v === view ? 'page' : undefined}
                    onClick={(e) => {
                      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                      e.preventDefault();
                      onNavigate(v);
                    }}
                  >
                    {t(viewLabels[v])}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
