import { useId, useState, type FormEvent } from 'react';
import { ApiError } from './api.ts';
import { t } from './i18n.ts';
import { MfaStep } from './MfaStep.tsx';
import { logIn, type Session } from './session.ts';

interface Props {
  demoMode: boolean;
  oidc: boolean;
  /** A session waiting for its one-time code: show the second step. */
  pending: Session | null;
  /** Shown above the form, e.g. why the user was logged out. */
  notice: string | null;
  onLoggedIn(session: Session): void;
  onCancel(): void;
}

export function LoginPage({ demoMode, oidc, pending, notice, onLoggedIn, onCancel }: Props) {
  return (
    <main className="centered" id="main">
      <div className="card login">
        <h1>
          {t('appName')} <span className="tagline">{t('appTagline')}</span>
        </h1>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {pending ? (
          <MfaStep session={pending} demoMode={demoMode} onVerified={onLoggedIn} onCancel={onCancel} />
        ) : (
          <PasswordStep demoMode={demoMode} oidc={oidc} onLoggedIn={onLoggedIn} />
        )}
      </div>
    </main>
  );
}

function PasswordStep({ demoMode, oidc, onLoggedIn }: { demoMode: boolean; oidc: boolean; onLoggedIn(session: Session): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(() => {
    const outcome = new URLSearchParams(window.location.search).get('inloggning');
    return outcome === 'misslyckades' ? t('oidcFailed') : outcome === 'vantar' ? t('oidcAwaitingApproval') : null;
  });
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
    <>
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
      {oidc && (
        <p className="alt-login">
          <span className="muted">{t('or')}</span>
          {/* A full-page navigation: the identity provider's pages cannot run inside this app. */}
          <a className="button-link" href="/api/v1/auth/oidc/start">
            {t('oidcLogin')}
          </a>
        </p>
      )}
    </>
  );
}
