// The second step of logging in for privileged roles: the six-digit one-time code from an
// authenticator app ("Engångskod"). A user without a linked app first gets the secret key once.
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from './api.ts';
import { t } from './i18n.ts';
import { startTotpSetup, verifyCode, type Session } from './session.ts';

interface Props {
  session: Session;
  demoMode: boolean;
  onVerified(session: Session): void;
  onCancel(): void;
}

export function MfaStep({ session, demoMode, onVerified, onCancel }: Props) {
  const [code, setCode] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();
  const hintId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!/^[0-9]{6}$/.test(digits)) {
      setError(t('mfaCodeFormat'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onVerified(await verifyCode(digits));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setCode('');
      setBusy(false);
      if (e instanceof ApiError && (e.code === 'ACCOUNT_LOCKED' || e.code === 'UNAUTHENTICATED')) onCancel();
    }
  }

  async function showSecret() {
    try {
      setSecret((await startTotpSetup()).secret);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  return (
    <>
      <h2>{t('mfaHeading')}</h2>
      <p>{t('mfaIntro')}</p>
      {demoMode && <p className="notice">{t('mfaDemoHint')}</p>}
      {!session.mfaEnrolled && (
        <div className="enrol">
          <p>{t('mfaEnrolIntro')}</p>
          {secret ? (
            <p>
              <span className="label">{t('mfaSecretLabel')}</span>
              <code className="secret">{secret.replace(/(.{4})/g, '$1 ').trim()}</code>
            </p>
          ) : (
            <button type="button" className="secondary" onClick={showSecret}>
              {t('mfaShowSecret')}
            </button>
          )}
        </div>
      )}
      <form onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
        <label htmlFor="one-time-code">{t('mfaCode')}</label>
        <input
          id="one-time-code"
          name="one-time-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={7}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-describedby={hintId}
          aria-invalid={Boolean(error)}
          autoFocus
          required
        />
        <span id={hintId} className="muted">
          {t('mfaCodeHint')}
        </span>
        {error && (
          <p id={errorId} className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('mfaVerifying') : t('mfaVerify')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('mfaCancel')}
        </button>
      </form>
    </>
  );
}
