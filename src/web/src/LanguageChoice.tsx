// "Språk / Language" on the start page: the user's language, saved on their account so every
// device and later session starts in it. Each language is named in itself.
import { useState } from 'react';
import type { Locale } from '../../shared/messages.ts';
import { ApiError } from './api.ts';
import { t } from './i18n.ts';

const names: Record<Locale, string> = { sv: 'Svenska', en: 'English' };

/** The app redraws every screen in the new language; focus comes back to the choice by this id. */
export const LANGUAGE_SELECT_ID = 'language-choice';

export function LanguageChoice({ language, onChange }: { language: Locale; onChange(next: Locale): Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function choose(next: Locale) {
    setBusy(true);
    setError(null);
    try {
      await onChange(next);
    } catch (e) {
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
        <select id={LANGUAGE_SELECT_ID} value={language} disabled={busy} onChange={(e) => void choose(e.target.value as Locale)}>
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
