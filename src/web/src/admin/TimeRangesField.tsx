// Zero or more HH:MM–HH:MM ranges of one day, each a named group ("Måndag, tid 1") with its own
// "Från"/"Till" fields, errors beside them, and add/remove. An empty list is shown as closed.
import { t, tf } from '../i18n.ts';

export interface RangeDraft {
  key: number;
  start: string;
  end: string;
}

export const MAX_RANGES = 4;

interface Props {
  /** Unique id prefix for the inputs. */
  id: string;
  /** What the ranges belong to, for the groups' names: "Måndag", "Avvikande dag 1". */
  name: string;
  ranges: RangeDraft[];
  onChange(ranges: RangeDraft[]): void;
  newKey(): number;
  /** Error key prefix: "hours.weekly.1" gives "hours.weekly.1.0.start". */
  errorPrefix: string;
  errors: Record<string, string>;
  /** Text shown when there is no range. */
  emptyText: string;
  hintId?: string;
}

export function TimeRangesField({ id, name, ranges, onChange, newKey, errorPrefix, errors, emptyText, hintId }: Props) {
  const set = (i: number, patch: Partial<RangeDraft>) => onChange(ranges.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const input = (i: number, field: 'start' | 'end') => {
    const inputId = `${id}-${i}-${field}`;
    const error = errors[`${errorPrefix}.${i}.${field}`];
    const describedBy = [hintId, error ? `${inputId}-error` : null].filter(Boolean).join(' ') || undefined;
    return (
      <div className="field time-field">
        <label htmlFor={inputId}>{field === 'start' ? t('rangeFrom') : t('rangeTo')}</label>
        <input
          id={inputId}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="HH:MM"
          maxLength={5}
          value={ranges[i]?.[field] ?? ''}
          onChange={(e) => set(i, { [field]: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
        {error && (
          <p id={`${inputId}-error`} className="error field-error">
            {error}
          </p>
        )}
      </div>
    );
  };
  return (
    <div className="ranges">
      {ranges.length === 0 && <p className="muted closed-text">{emptyText}</p>}
      {ranges.map((r, i) => (
          <div key={r.key} role="group" aria-label={tf('rangeGroup', { name, n: i + 1 })} className="range">
            {input(i, 'start')}
            <span aria-hidden="true" className="range-dash">
              –
            </span>
            {input(i, 'end')}
            <button type="button" className="secondary danger" onClick={() => onChange(ranges.filter((_, j) => j !== i))}>
              {t('removeRange')}
            </button>
          </div>
      ))}
      <div>
        <button
          type="button"
          className="secondary"
          disabled={ranges.length >= MAX_RANGES}
          onClick={() => onChange([...ranges, { key: newKey(), start: '', end: '' }])}
        >
          {t('addRange')}
        </button>
      </div>
    </div>
  );
}
