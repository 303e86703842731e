// The page an invitation or reset e-mail links to (/konto/losenord#<token>). The token sits in the
// address's fragment, which the browser never sends to a server (nor to logs); it is taken from
// there, removed from the address bar, and sent only in the body of the two calls.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { PasswordLinkInfoDto } from '../../shared/api/users.ts';
import { client, ok } from './api.ts';
import { errorText, fieldErrors } from './cases/caseApi.ts';
import { t, tf } from './i18n.ts';

type LinkInfo = z.infer<typeof PasswordLinkInfoDto>;

export function SetPasswordPage({ onDone }: { onDone(): void }) {
  const [token] = useState(() => window.location.hash.slice(1));
  const [info, setInfo] = useState<LinkInfo | null | undefined>(undefined);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();

  useEffect(() => {
    window.history.replaceState(null, '', window.location.pathname);
    if (!token) return setInfo(null);
    ok(client.POST('/api/v1/auth/password-link', { body: { token } })).then(setInfo, () => setInfo(null));
  }, [token]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (password !== repeat) return setError(t('passwordsDiffer'));
    setBusy(true);
    try {
      await ok(client.POST('/api/v1/auth/password-link/password', { body: { token, password } }));
      setDone(true);
    } catch (err) {
      setError(fieldErrors(err).password ?? errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="centered" id="main">
      <div className="card login">
        <h1>{t('setPasswordHeading')}</h1>
        {info === undefined && <p role="status">{t('loading')}</p>}
        {info === null && (
          <p className="error" role="alert">
            {t('linkInvalid')}
          </p>
        )}
        {done && (
          <p className="saved" role="status">
            {t('setPasswordDone')} {info?.mfaRequired ? t('setPasswordMfa') : ''}
          </p>
        )}
        {info && !done && (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <p>{tf('setPasswordIntro', { name: info.displayName, username: info.username })}</p>
            {info.mfaRequired && <p>{t('setPasswordMfa')}</p>}
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <input type="text" autoComplete="username" value={info.username} readOnly hidden />
            <div className="field">
              <label htmlFor={`${id}-pw`}>{t('newPassword')}</label>
              <input id={`${id}-pw`} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={12} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-repeat`}>{t('repeatPassword')}</label>
              <input id={`${id}-repeat`} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required minLength={12} />
            </div>
            <button type="submit" disabled={busy}>
              {busy ? t('saving') : t('setPasswordSave')}
            </button>
          </form>
        )}
        {(done || info === null) && (
          <p>
            <button type="button" className="secondary" onClick={onDone}>
              {t('toLogin')}
            </button>
          </p>
        )}
      </div>
    </main>
  );
}
