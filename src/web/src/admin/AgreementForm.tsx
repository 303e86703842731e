// Registering a municipality's decision to join (avtalssamverkan): municipality, deciding body,
// Dnr, decision date and validity. Stockholm is the hub and has no agreement with itself.
import { DateInput } from '../DateInput.tsx';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ErrorSummary } from './ErrorSummary.tsx';
import { countyByName } from '../../../shared/municipalities.ts';
import { ApiError, client, ok } from '../api.ts';
import { FieldError, SelectField, TextField } from '../cases/fields.tsx';
import { t } from '../i18n.ts';
import { DATE, formErrors, noErrors, type FormErrors } from './form-errors.ts';
import type { Agreement } from './types.ts';

const STOCKHOLM = '0180';
const options = countyByName.filter((m) => m.code !== STOCKHOLM).map((m) => ({ value: m.code, label: m.name }));
const FIELDS = ['municipalityCode', 'decidedBy', 'dnr', 'decisionDate', 'validFrom', 'validTo'] as const;
type Field = (typeof FIELDS)[number];

/** The Swedish text for a failed agreement request, by code; the catalogue's general text otherwise. */
export function agreementErrorText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'CONFLICT') return t('agreementDuplicate');
    if (error.code === 'INVALID_STATE') return t('agreementAlreadyTerminated');
    return error.message;
  }
  return String(error);
}

function DateField({ id, label, value, onChange, error, hint, required }: { id: string; label: string; value: string; onChange(v: string): void; error?: string | undefined; hint?: string; required?: boolean }) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="muted hint">
          {hint}
        </p>
      )}
      <DateInput
        id={id}
        kind="date"
        value={value}
        required={required}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={onChange}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}

export function AgreementForm({ onSaved, onCancel }: { onSaved(a: Agreement): void; onCancel(): void }) {
  const [values, setValues] = useState<Record<Field, string>>({ municipalityCode: '', decidedBy: '', dnr: '', decisionDate: '', validFrom: '', validTo: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const messageRef = useRef<HTMLDivElement>(null);
  const set = (field: Field) => (v: string) => setValues((all) => ({ ...all, [field]: v }));

  function fail(next: FormErrors, text: string) {
    setErrors(next);
    setMessage(text);
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    for (const field of ['municipalityCode', 'decidedBy', 'dnr', 'decisionDate', 'validFrom'] as const) {
      if (!values[field].trim()) local[field] = t('fieldRequired');
    }
    for (const field of ['decisionDate', 'validFrom', 'validTo'] as const) {
      if (values[field] && !DATE.test(values[field])) local[field] = t('dateFormat');
    }
    if (Object.keys(local).length > 0) {
      fail({ fields: local, general: [] }, t('checkFields'));
      return;
    }
    setBusy(true);
    try {
      const created: Agreement = await ok(client.POST('/api/v1/agreements', { body: {
        municipalityCode: values.municipalityCode,
        decidedBy: values.decidedBy.trim(),
        dnr: values.dnr.trim(),
        decisionDate: values.decisionDate,
        validFrom: values.validFrom,
        validTo: values.validTo || null,
      } }));
      onSaved(created);
    } catch (e) {
      fail(formErrors(e, new Set(FIELDS)), agreementErrorText(e));
    } finally {
      setBusy(false);
    }
  }

  const f = errors.fields;
  return (
    <form className="card wide agreement-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('registerAgreement')}</h2>
      <p className="muted hint">{t('agreementFormIntro')}</p>
      {message && <ErrorSummary message={message} general={errors.general} ref={messageRef} />}
      <div className="row-fields">
        <SelectField
          id={`${id}-municipality`}
          label={t('colMunicipality')}
          required
          value={values.municipalityCode}
          onChange={set('municipalityCode')}
          options={options}
          placeholder={t('chooseMunicipality')}
          error={f.municipalityCode}
        />
        <TextField
          id={`${id}-decidedBy`}
          label={t('colDecidedBy')}
          hint={t('decidedByHint')}
          required
          maxLength={200}
          value={values.decidedBy}
          onChange={set('decidedBy')}
          error={f.decidedBy}
        />
        <TextField id={`${id}-dnr`} label={t('agreementDnr')} required maxLength={60} value={values.dnr} onChange={set('dnr')} error={f.dnr} />
      </div>
      <div className="row-fields">
        <DateField id={`${id}-decisionDate`} label={t('colDecisionDate')} required value={values.decisionDate} onChange={set('decisionDate')} error={f.decisionDate} />
        <DateField id={`${id}-validFrom`} label={t('colValidFrom')} required value={values.validFrom} onChange={set('validFrom')} error={f.validFrom} />
        <DateField
          id={`${id}-validTo`}
          label={t('validToOptional')}
          hint={t('validToHint')}
          value={values.validTo}
          onChange={set('validTo')}
          error={f.validTo}
        />
      </div>
      <div className="row-actions">
        <button type="submit" disabled={busy}>
          {busy ? t('saving') : t('registerAgreement')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
