import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, client, ok } from '../api.ts';
import { t, tError, tf } from '../i18n.ts';
import type { ContactPoint } from './types.ts';

interface Row {
  key: number;
  label: string;
  phone: string;
  email: string;
}

interface Props {
  orgId: string;
  contacts: ContactPoint[];
  onSaved(): void;
}

type Field = 'label' | 'phone' | 'email';

/** Field errors keyed like the API's paths without "body.": "contacts.0.phone", "reason". */
function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const issue of error.problem?.errors ?? []) {
      const key = issue.path.replace(/^body\.?/, '') || 'form';
      out[key] ??= issue.message;
    }
  }
  return out;
}

export function ContactsForm({ orgId, contacts, onSaved }: Props) {
  const nextKey = useRef(0);
  const toRow = (c: Partial<ContactPoint>): Row => ({ key: nextKey.current++, label: c.label ?? '', phone: c.phone ?? '', email: c.email ?? '' });
  const [rows, setRows] = useState<Row[]>(() => contacts.map(toRow));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const messageRef = useRef<HTMLParagraphElement>(null);

  const update = (index: number, field: Field, value: string) =>
    setRows((list) => list.map((r, i) => (i === index ? { ...r, [field]: value } : r)));
  const move = (index: number, by: -1 | 1) =>
    setRows((list) => {
      const copy = [...list];
      const [row] = copy.splice(index, 1);
      if (row) copy.splice(index + by, 0, row);
      return copy;
    });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (!reason.trim()) {
      setErrors({ reason: t('fieldRequired') });
      setMessage(tError('VALIDATION_FAILED'));
      return;
    }
    setBusy(true);
    try {
      await ok(client.PUT('/api/v1/directory/organisations/{orgId}/contacts', { params: { path: { orgId } }, body: {
        contacts: rows.map((r) => ({ label: r.label, phone: r.phone, ...(r.email.trim() ? { email: r.email.trim() } : {}) })),
        reason,
      } }));
      setErrors({});
      setMessage(null);
      setReason('');
      setSaved(true);
      onSaved();
    } catch (e) {
      setErrors(fieldErrors(e));
      setMessage(e instanceof ApiError ? e.message : String(e));
      requestAnimationFrame(() => messageRef.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  const input = (index: number, field: Field, label: string, type: string, autoComplete: string) => {
    const inputId = `${id}-${index}-${field}`;
    const error = errors[`contacts.${index}.${field}`];
    return (
      <div className="field">
        <label htmlFor={inputId}>{label}</label>
        <input
          id={inputId}
          type={type}
          autoComplete={autoComplete}
          value={rows[index]?.[field] ?? ''}
          onChange={(e) => update(index, field, e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          required={field !== 'email'}
        />
        {error && (
          <p id={`${inputId}-error`} className="error field-error">
            {error}
          </p>
        )}
      </div>
    );
  };

  const reasonError = errors.reason;
  const listError = errors.contacts;
  return (
    <form className="contacts-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('editContactsHeading')}</h3>
      {message && (
        <p className="error" role="alert" tabIndex={-1} ref={messageRef}>
          {message}
        </p>
      )}
      {listError && <p className="error">{listError}</p>}
      {rows.map((row, i) => (
        <fieldset key={row.key} className="contact-row">
          <legend>{tf('contactRow', { n: i + 1 })}</legend>
          <div className="row-fields">
            {input(i, 'label', t('contactLabel'), 'text', 'off')}
            {input(i, 'phone', t('contactPhone'), 'tel', 'off')}
            {input(i, 'email', t('contactEmail'), 'email', 'off')}
          </div>
          <div className="row-actions">
            <button type="button" className="secondary" disabled={i === 0} onClick={() => move(i, -1)}>
              {t('moveUp')}
            </button>
            <button type="button" className="secondary" disabled={i === rows.length - 1} onClick={() => move(i, 1)}>
              {t('moveDown')}
            </button>
            <button type="button" className="secondary danger" onClick={() => setRows((list) => list.filter((_, j) => j !== i))}>
              {t('removeRow')}
            </button>
          </div>
        </fieldset>
      ))}
      <div>
        <button type="button" className="secondary" onClick={() => setRows((list) => [...list, toRow({})])} disabled={rows.length >= 10}>
          {t('addRow')}
        </button>
      </div>
      <label htmlFor={`${id}-reason`}>{t('reason')}</label>
      <p id={`${id}-reason-hint`} className="muted hint">
        {t('reasonHint')}
      </p>
      <textarea
        id={`${id}-reason`}
        value={reason}
        rows={2}
        maxLength={500}
        required
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={reasonError ? true : undefined}
        aria-describedby={`${id}-reason-hint${reasonError ? ` ${id}-reason-error` : ''}`}
      />
      {reasonError && (
        <p id={`${id}-reason-error`} className="error field-error">
          {reasonError}
        </p>
      )}
      <div>
        <button type="submit" disabled={busy}>
          {busy ? t('saving') : t('saveContacts')}
        </button>
      </div>
      <p role="status" className="saved">
        {saved ? t('contactsSaved') : ''}
      </p>
    </form>
  );
}
