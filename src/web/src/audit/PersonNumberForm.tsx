// A personnummer form for the auditor: the number is shown while typed and masked once the field
// is left; it goes in the POST body only, never in an address, and is never stored.
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api.ts';
import { t } from '../i18n.ts';

interface Props {
  submitLabel: string;
  /** Runs the request; errors with a field message are shown at the field. */
  onSubmit(identityNumber: string): Promise<void>;
  onClear(): void;
}

export function PersonNumberForm({ submitLabel, onSubmit, onClear }: Props) {
  const id = useId();
  const [value, setValue] = useState('');
  const [focused, setFocused] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!value.trim()) {
      setError(t('identityRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    setFormError(null);
    try {
      await onSubmit(value.trim());
    } catch (err) {
      const field = err instanceof ApiError ? err.problem?.errors?.find((i) => i.path.endsWith('identityNumber'))?.message : undefined;
      if (field) setError(field);
      else setFormError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <form className="person-form" onSubmit={(e) => void submit(e)} noValidate autoComplete="off">
      <div className="field">
        <label htmlFor={`${id}-pnr`}>{t('personNumber')}</label>
        <p id={hintId} className="muted hint">
          {t('personNumberHint')}
        </p>
        <input
          id={`${id}-pnr`}
          // Masked when not being typed in, so a number left on screen is not read over a shoulder.
          type={focused || value === '' ? 'text' : 'password'}
          value={value}
          autoComplete="off"
          spellCheck={false}
          inputMode="numeric"
          maxLength={13}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onChange={(e) => setValue(e.target.value)}
        />
        {error && (
          <p id={errorId} className="error field-error">
            {error}
          </p>
        )}
      </div>
      <div className="row-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('searching') : submitLabel}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setValue('');
            setError(null);
            setFormError(null);
            onClear();
          }}
        >
          {t('clearForm')}
        </button>
      </div>
      {formError && (
        <p className="error" role="alert">
          {formError}
        </p>
      )}
    </form>
  );
}
