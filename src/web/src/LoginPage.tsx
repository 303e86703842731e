import { useId, useState, type FormEvent } from 'react';
import { ApiError } from './api.ts';
import { t } from './i18n.ts';
import { logIn, type Session } from './session.ts';

interface Props {
  demoMode: boolean;
  onLoggedIn(session: Session): void;
}

export function LoginPage({ demoMode, onLoggedIn }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError(t('fieldRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await logIn(username.trim(), password));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <main className="centered" id="main">
      <div className="card login">
        <h1>
          {t('appName')} <span className="tagline">{t('appTagline')}</span>
        </h1>
        <h2>{t('loginHeading')}</h2>
        {demoMode && <p className="notice">{t('demoNotice')}</p>}
        <form onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
          <label htmlFor="username">{t('username')}</label>
          <input
            id="username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={Boolean(error) && !username.trim()}
            required
          />
          <label htmlFor="password">{t('password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={Boolean(error) && !password}
            required
          />
          {error && (
            <p id={errorId} className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" disabled={busy}>
            {busy ? t('loggingIn') : t('logIn')}
          </button>
        </form>
      </div>
    </main>
  );
}
