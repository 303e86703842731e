// Personnummer or samordningsnummer, checked as it is typed with the very function the server
// uses (src/domain/identity.ts, through the contract: src/shared/identity.ts), so the officer sees
// the server's own words before sending.
import { useState } from 'react';
import { ageOn, parseIdentityNumber } from '../../../shared/identity.ts';
import { stockholmDate } from '../cases/format.ts';
import { t, tf } from '../i18n.ts';

/** The problem with a number (null: valid), checked against today's receipt date. */
export function identityProblem(value: string): string | null {
  if (!value.trim()) return t('identityRequired');
  const result = parseIdentityNumber(value, stockholmDate());
  return result.ok ? null : result.message;
}

interface Props {
  id: string;
  value: string;
  onChange(value: string): void;
  serverError?: string | undefined;
}

export function IdentityField({ id, value, onChange, serverError }: Props) {
  const [touched, setTouched] = useState(false);
  const digits = value.replace(/\D/g, '').length;
  const today = stockholmDate();
  const result = value.trim() ? parseIdentityNumber(value, today) : null;
  // Judge while typing only once the number could be complete, or after leaving the field.
  const judged = result !== null && (digits >= 10 || touched);
  const ok = judged && result.ok ? result : null;
  const problem = judged && !result.ok ? result.message : null;
  const error = problem ?? (ok ? undefined : serverError);
  const status = ok
    ? tf(ok.kind === 'samordningsnummer' ? 'identityValidCoordination' : 'identityValid', { date: ok.birthDate, age: ageOn(ok.birthDate, today) })
    : '';
  return (
    <div className="field">
      <label htmlFor={id}>
        {t('identityNumber')}
        <span aria-hidden="true"> *</span>
      </label>
      <p id={`${id}-hint`} className="muted hint">
        {t('identityNumberHint')}
      </p>
      <input
        id={id}
        value={value}
        inputMode="numeric"
        autoComplete="off"
        maxLength={13}
        required
        aria-required
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint ${id}-check`}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => setTouched(true)}
      />
      <p id={`${id}-check`} className={error ? 'error field-error' : 'ok-text'} aria-live="polite">
        {error ?? status}
      </p>
    </div>
  );
}
