// Terminating one agreement from a date, with the reason kept in the history.
import { DateInput } from '../DateInput.tsx';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ErrorSummary } from './ErrorSummary.tsx';
import { client, ok } from '../api.ts';
import { FieldError, TextArea } from '../cases/fields.tsx';
import { t, tf } from '../i18n.ts';
import { agreementErrorText } from './AgreementForm.tsx';
import { DATE, formErrors, noErrors, type FormErrors } from './form-errors.ts';
import type { Agreement } from './types.ts';

export function TerminateAgreementForm({ agreement, onSaved, onCancel }: { agreement: Agreement; onSaved(a: Agreement): void; onCancel(): void }) {
  const [from, setFrom] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [agreement.id]);

  function fail(next: FormErrors, text: string) {
    setErrors(next);
    setMessage(text);
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!DATE.test(from)) local.terminatedFrom = from ? t('dateFormat') : t('fieldRequired');
    if (!reason.trim()) local.reason = t('fieldRequired');
    if (Object.keys(local).length > 0) {
      fail({ fields: local, general: [] }, t('checkFields'));
      return;
    }
    setBusy(true);
    try {
      const updated: Agreement = await ok(
        client.POST('/api/v1/agreements/{id}/terminate', { params: { path: { id: agreement.id } }, body: { terminatedFrom: from, reason: reason.trim() } }),
      );
      onSaved(updated);
    } catch (e) {
      fail(formErrors(e, new Set(['terminatedFrom', 'reason'])), agreementErrorText(e));
    } finally {
      setBusy(false);
    }
  }

  const f = errors.fields;
  const fromId = `${id}-from`;
  const fromDescribedBy = [`${fromId}-hint`, f.terminatedFrom ? `${fromId}-error` : null].filter(Boolean).join(' ');
  return (
    <form className="card wide agreement-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} tabIndex={-1} ref={headingRef}>
        {tf('terminateHeading', { name: agreement.municipalityName, dnr: agreement.dnr })}
      </h2>
      {message && <ErrorSummary message={message} general={errors.general} ref={messageRef} />}
      <div className="field">
        <label htmlFor={fromId}>
          {t('terminatedFromLabel')}
          <span aria-hidden="true"> *</span>
        </label>
        <p id={`${fromId}-hint`} className="muted hint">
          {t('terminatedFromHint')}
        </p>
        <DateInput
          id={fromId}
          kind="date"
          value={from}
          required
          aria-required
          aria-invalid={f.terminatedFrom ? true : undefined}
          aria-describedby={fromDescribedBy}
          onChange={setFrom}
        />
        <FieldError id={fromId} error={f.terminatedFrom} />
      </div>
      <TextArea id={`${id}-reason`} label={t('reason')} hint={t('reasonHint')} required rows={2} maxLength={500} value={reason} onChange={setReason} error={f.reason} />
      <div className="row-actions">
        <button type="submit" className="danger-solid" disabled={busy}>
          {busy ? t('saving') : t('terminateSubmit')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
