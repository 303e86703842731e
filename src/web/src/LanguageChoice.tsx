// "Språk / Language" on the start page: the user's language, saved on their account so every
// device and later session starts in it. Each language is named in itself.
import { useEffect, useRef, useState } from 'react';
import type { Locale } from '../../shared/messages.ts';
import { ApiError } from './api.ts';
import { t } from './i18n.ts';

const names: Record<Locale, string> = { sv: 'Svenska', en: 'English' };

const LANGUAGE_SELECT_ID = 'language-choice';

/**
 * The app redraws every screen in the new language (a new instance of this component), so the
 * choice that was being used is focused again when the new one mounts.
 */
let refocus = false;

export function LanguageChoice({ language, onChange }: { language: Locale; onChange(next: Locale): Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (!refocus) return;
    refocus = false;
    select.current?.focus();
  }, []);

  async function choose(next: Locale) {
    setBusy(true);
    setError(null);
    refocus = true;
    try {
      await onChange(next);
    } catch (e) {
      refocus = false;
      setError(e instanceof ApiError ? e.message : String(e));
      setBusy(false);
    }
  }

  return (
    <section className="card wide" aria-labelledby="language-h">
      <h2 id="language-h">{t('language')}</h2>
      <div className="field">
        <label htmlFor={LANGUAGE_SELECT_ID}>
          {t('language')}
          {language !== 'en' && <span lang="en"> (Language)</span>}
        </label>
        <select id={LANGUAGE_SELECT_ID} ref={select} value={language} disabled={busy} onChange={(e) => void choose(e.target.value as Locale)}>
          {(Object.keys(names) as Locale[]).map((l) => (
            <option key={l} value={l} lang={l}>
              {names[l]}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
