// "Mina aviseringar" on the start page: the user's own channels (in the app, e-mail). Webhooks
// belong to an organisation and are set up by the administrator.
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, client, ok } from './api.ts';
import { t } from './i18n.ts';

interface Preference {
  channel: 'sse' | 'email';
  enabled: boolean;
  address?: string | null;
}

export function NotificationPrefs() {
  const [prefs, setPrefs] = useState<Preference[] | null>(null);
  const [address, setAddress] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [addressError, setAddressError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    ok(client.GET('/api/v1/me/notification-preferences')).then(
      (r) => {
        setPrefs(r.preferences);
        setAddress(r.preferences.find((p) => p.channel === 'email')?.address ?? '');
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, []);

  const enabled = (channel: Preference['channel']) => prefs?.find((p) => p.channel === channel)?.enabled ?? false;
  const toggle = (channel: Preference['channel'], on: boolean) => setPrefs((all) => (all ?? []).map((p) => (p.channel === channel ? { ...p, enabled: on } : p)));

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!prefs) return;
    setBusy(true);
    setStatus('');
    setError(null);
    setAddressError(null);
    try {
      const body = { preferences: prefs.map((p) => (p.channel === 'email' ? { channel: p.channel, enabled: p.enabled, address: address.trim() || null } : { channel: p.channel, enabled: p.enabled })) };
      const r = await ok(client.PUT('/api/v1/me/notification-preferences', { body }));
      setPrefs(r.preferences);
      setStatus(t('prefsSaved'));
    } catch (err) {
      const field = err instanceof ApiError ? err.problem?.errors?.find((i) => i.path.includes('address'))?.message : undefined;
      if (field) setAddressError(field);
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card wide prefs" aria-labelledby="prefs-h">
      <h2 id="prefs-h">{t('prefsHeading')}</h2>
      <p>{t('prefsIntro')}</p>
      {prefs === null && !error && <p role="status">{t('loading')}</p>}
      {prefs && (
        <form onSubmit={(e) => void save(e)} noValidate>
          <label className="choice">
            <input type="checkbox" checked={enabled('sse')} onChange={(e) => toggle('sse', e.target.checked)} />
            <span>{t('prefSse')}</span>
          </label>
          <label className="choice">
            <input type="checkbox" checked={enabled('email')} onChange={(e) => toggle('email', e.target.checked)} />
            <span>{t('prefEmail')}</span>
          </label>
          {enabled('email') && (
            <div className="field">
              <label htmlFor="pref-address">{t('prefEmailAddress')}</label>
              <input
                id="pref-address"
                type="email"
                autoComplete="email"
                value={address}
                aria-invalid={addressError ? true : undefined}
                aria-describedby={addressError ? 'pref-address-error' : undefined}
                onChange={(e) => setAddress(e.target.value)}
              />
              {addressError && (
                <p id="pref-address-error" className="error field-error">
                  {addressError}
                </p>
              )}
            </div>
          )}
          <p className="muted hint">{t('prefWebhook')}</p>
          <div>
            <button type="submit" disabled={busy}>
              {busy ? t('saving') : t('prefsSave')}
            </button>
          </div>
        </form>
      )}
      <p role="status" className="saved">
        {status}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
