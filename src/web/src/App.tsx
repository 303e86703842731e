import { useEffect, useState } from 'react';
import { api } from './api.ts';
import { LoginPage } from './LoginPage.tsx';
import { StartPage } from './StartPage.tsx';
import { fetchSession, logOut, type Session } from './session.ts';
import { t } from './i18n.ts';

interface SystemInfo {
  demoMode: boolean;
}

export function App() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [info, setInfo] = useState<SystemInfo | null>(null);

  useEffect(() => {
    void fetchSession().then(setSession);
    void api<SystemInfo>('GET', '/api/v1/system/info').then(setInfo, () => setInfo(null));
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
  return (
    <StartPage
      session={session}
      onLogOut={async () => {
        await logOut().catch(() => undefined);
        setSession(null);
      }}
    />
  );
}
