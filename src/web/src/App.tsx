import { useCallback, useEffect, useState } from 'react';
import { AgreementsPage } from './admin/AgreementsPage.tsx';
import { CoveragePage } from './admin/CoveragePage.tsx';
import { DirectoryPage } from './admin/DirectoryPage.tsx';
import { api } from './api.ts';
import { LoginPage } from './LoginPage.tsx';
import { fetchSession, logOut, type Session } from './session.ts';
import { Shell } from './Shell.tsx';
import { StartPage } from './StartPage.tsx';
import { t } from './i18n.ts';
import { viewFromPath, viewLabels, viewPaths, viewsFor, type View } from './views.ts';

interface SystemInfo {
  demoMode: boolean;
}

export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [view, setView] = useState<View>('start');
  const views = session ? viewsFor(session.user.role) : [];

  useEffect(() => {
    void fetchSession().then(setSession);
    void api<SystemInfo>('GET', '/api/v1/system/info').then(setInfo, () => setInfo(null));
  }, []);

  // The address names the screen only; back and forward move between screens.
  const role = session?.user.role;
  useEffect(() => {
    if (!role) return;
    const allowed = viewsFor(role);
    const sync = () => setView(viewFromPath(window.location.pathname, allowed));
    sync();
    window.addEventListener('popstate', sync);
    return () => window.removeEventListener('popstate', sync);
  }, [role]);

  useEffect(() => {
    document.title = session ? `${t(viewLabels[view])} – ${t('appName')}` : `${t('appName')} – ${t('loginHeading')}`;
  }, [session, view]);

  const navigate = useCallback((next: View) => {
    if (window.location.pathname !== viewPaths[next]) window.history.pushState(null, '', viewPaths[next]);
    setView(next);
    // Move focus to the new screen's content so keyboard and screen reader users land there.
    requestAnimationFrame(() => document.getElementById('main')?.focus());
  }, []);

  if (session === undefined) {
    return (
      <main className="centered" aria-busy="true">
        <p>{t('loading')}</p>
      </main>
    );
  }
  if (session === null) {
    return <LoginPage demoMode={info?.demoMode ?? false} onLoggedIn={setSession} />;
  }
  const current = views.includes(view) ? view : 'start';
  return (
    <Shell
      session={session}
      views={views}
      view={current}
      onNavigate={navigate}
      onLogOut={async () => {
        await logOut().catch(() => undefined);
        if (window.location.pathname !== '/') window.history.replaceState(null, '', '/');
        setView('start');
        setSession(null);
      }}
    >
      {current === 'start' && <StartPage session={session} />}
      {current === 'directory' && <DirectoryPage role={session.user.role} />}
      {current === 'agreements' && <AgreementsPage />}
      {current === 'coverage' && <CoveragePage />}
    </Shell>
  );
}
