// One case action as a small form: its own general error beside it, field errors from the
// server's paths, and a busy state. `act` is the case page's transition runner.
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { t } from '../i18n.ts';
import type { TransitionName } from './types.ts';

export interface ActResult {
  ok: boolean;
  message?: string;
  errors: Record<string, string>;
}
export type Act = (name: TransitionName, body?: unknown) => Promise<ActResult>;

interface Props {
  heading: string;
  submitLabel: string;
  name: TransitionName;
  act: Act;
  /** The request body, or field errors found before sending. */
  body(): unknown;
  validate?(): Record<string, string>;
  children?(errors: Record<string, string>, id: string): ReactNode;
  className?: string;
  intro?: string;
}

export function ActionForm({ heading, submitLabel, name, act, body, validate, children, className, intro }: Props) {
  const id = useId().replace(/:/g, '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const messageRef = useRef<HTMLParagraphElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local = validate?.() ?? {};
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setMessage(t('checkFields'));
      requestAnimationFrame(() => messageRef.current?.focus());
      return;
    }
    setBusy(true);
    const result = await act(name, body());
    setBusy(false);
    setErrors(result.errors);
    setMessage(result.ok ? null : (result.message ?? null));
    if (!result.ok) requestAnimationFrame(() => messageRef.current?.focus());
  }

  return (
    <form className={`action-form ${className ?? ''}`} onSubmit={submit} noValidate aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{heading}</h3>
      {intro && <p className="muted hint">{intro}</p>}
      {message && (
        <p className="error" role="alert" tabIndex={-1} ref={messageRef}>
          {message}
        </p>
      )}
      {children?.(errors, id)}
      <div>
        <button type="submit" disabled={busy}>
          {busy ? t('saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
