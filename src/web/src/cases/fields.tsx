// Labelled form fields with their hint and error wired for assistive technology: every field
// has a visible label, errors are named by aria-describedby and marked aria-invalid.
import type { ReactNode } from 'react';
import { DateInput, type DateKind } from '../DateInput.tsx';
import { t } from '../i18n.ts';

interface Common {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  return error ? (
    <p id={`${id}-error`} className="error field-error">
      {error}
    </p>
  ) : null;
}

function Label({ id, label, required }: { id: string; label: string; required?: boolean | undefined }) {
  return (
    <label htmlFor={id}>
      {label}
      {required ? <span aria-hidden="true"> *</span> : null}
    </label>
  );
}

export function TextField(
  props: Common & { value: string; onChange(value: string): void; type?: string; autoComplete?: string; inputMode?: 'text' | 'numeric' | 'tel'; maxLength?: number },
) {
  const { id, label, error, hint, required, value, onChange, type = 'text', autoComplete = 'off', inputMode, maxLength } = props;
  return (
    <div className="field">
      <Label id={id} label={label} required={required} />
      {hint && (
        <p id={`${id}-hint`} className="muted hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        type={type}
        value={value}
        autoComplete={autoComplete}
        inputMode={inputMode}
        maxLength={maxLength}
        required={required}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A date ("ÅÅÅÅ-MM-DD") or date and time ("ÅÅÅÅ-MM-DD TT:MM") in Swedish form, whatever the browser's locale. */
export function DateField(props: Common & { kind: DateKind; value: string; onChange(value: string): void }) {
  const { id, label, error, hint, required, value, onChange, kind } = props;
  const format = t(kind === 'date' ? 'dateFormatHint' : 'dateTimeFormatHint');
  return (
    <div className="field">
      <Label id={id} label={label} required={required} />
      <p id={`${id}-hint`} className="muted hint">
        {hint ? (
          <>
            {hint} {format}
          </>
        ) : (
          format
        )}
      </p>
      <DateInput
        id={id}
        kind={kind}
        value={value}
        required={required}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, true, error)}
        onChange={onChange}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}

export function TextArea(props: Common & { value: string; onChange(value: string): void; rows?: number; maxLength?: number }) {
  const { id, label, error, hint, required, value, onChange, rows = 3, maxLength } = props;
  return (
    <div className="field">
      <Label id={id} label={label} required={required} />
      {hint && (
        <p id={`${id}-hint`} className="muted hint">
          {hint}
        </p>
      )}
      <textarea
        id={id}
        value={value}
        rows={rows}
        maxLength={maxLength}
        required={required}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}

export function SelectField(props: Common & { value: string; onChange(value: string): void; options: { value: string; label: string }[]; placeholder?: string }) {
  const { id, label, error, hint, required, value, onChange, options, placeholder } = props;
  return (
    <div className="field">
      <Label id={id} label={label} required={required} />
      {hint && (
        <p id={`${id}-hint`} className="muted hint">
          {hint}
        </p>
      )}
      <select
        id={id}
        value={value}
        required={required}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={id} error={error} />
    </div>
  );
}

/** Radio buttons or checkboxes in a fieldset whose legend is the question. */
export function ChoiceGroup(
  props: Common & { type: 'radio' | 'checkbox'; options: { value: string; label: string }[]; selected: string[]; onChange(selected: string[]): void; name: string },
) {
  const { id, label, error, hint, required, type, options, selected, onChange, name } = props;
  return (
    <fieldset className="choices" aria-describedby={describedBy(id, hint, error)} id={id}>
      <legend>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </legend>
      {hint && (
        <p id={`${id}-hint`} className="muted hint">
          {hint}
        </p>
      )}
      {options.map((o) => {
        const checked = selected.includes(o.value);
        return (
          <label key={o.value} className="choice">
            <input
              type={type}
              name={name}
              value={o.value}
              checked={checked}
              onChange={(e) => {
                if (type === 'radio') onChange([o.value]);
                else onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value));
              }}
            />
            <span>{o.label}</span>
          </label>
        );
      })}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}

export function Checkbox({ id, label, checked, onChange, hint }: { id: string; label: string; checked: boolean; onChange(v: boolean): void; hint?: string }) {
  return (
    <div className="field">
      <label className="choice" htmlFor={id}>
        <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
        <span>{label}</span>
      </label>
      {hint && (
        <p id={`${id}-hint`} className="muted hint">
          {hint}
        </p>
      )}
    </div>
  );
}
