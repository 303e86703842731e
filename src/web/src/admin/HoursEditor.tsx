// Editing the calendar of an intake unit or a jour group: the weekly schedule, holidays and eves,
// the day before a public holiday and dated exceptions (a unit closing early on a given day).
// A jour group may instead answer whenever its members' intake units are closed (hours null).
// The browser checks the formats; the server decides, and its messages land beside the fields.
import { DateInput } from '../DateInput.tsx';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ErrorSummary } from './ErrorSummary.tsx';
import type { UiKey } from '../../../shared/messages.ts';
import { ApiError, client, ok } from '../api.ts';
import { Checkbox, ChoiceGroup } from '../cases/fields.tsx';
import { ReasonAndSave } from './ReasonAndSave.tsx';
import { t, tf } from '../i18n.ts';
import { DATE, TIME, formErrors, minutes, noErrors, type FormErrors } from './form-errors.ts';
import { TimeRangesField, type RangeDraft } from './TimeRangesField.tsx';
import type { OpeningHours, TimeRange } from './types.ts';

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
type Day = (typeof DAYS)[number];
const dayKeys: Record<Day, UiKey> = { 1: 'weekday1', 2: 'weekday2', 3: 'weekday3', 4: 'weekday4', 5: 'weekday5', 6: 'weekday6', 7: 'weekday7' };

interface ExceptionDraft {
  key: number;
  date: string;
  note: string;
  ranges: RangeDraft[];
}

interface Draft {
  own: boolean;
  weekly: Record<Day, RangeDraft[]>;
  closedOnPublicHolidays: boolean;
  closedOnEves: boolean;
  dayBeforeOn: boolean;
  dayBefore: RangeDraft[];
  exceptions: ExceptionDraft[];
}

interface Props {
  orgId: string;
  kind: 'intake_unit' | 'jour_group' | 'hub';
  hours: OpeningHours | null;
  onSaved(): void;
}

/** Every error key a field on screen shows, for the draft as it stands. */
function shownKeys(d: Draft): Set<string> {
  const keys = new Set<string>(['reason']);
  const ranges = (prefix: string, list: RangeDraft[]) =>
    list.forEach((_, i) => {
      keys.add(`${prefix}.${i}.start`);
      keys.add(`${prefix}.${i}.end`);
    });
  for (const day of DAYS) ranges(`hours.weekly.${day}`, d.weekly[day]);
  ranges('hours.dayBeforeHoliday', d.dayBefore);
  d.exceptions.forEach((x, i) => {
    keys.add(`hours.exceptions.${i}.date`);
    keys.add(`hours.exceptions.${i}.note`);
    ranges(`hours.exceptions.${i}.ranges`, x.ranges);
  });
  return keys;
}

/** The browser's own checks, keyed like the server's paths. */
function check(d: Draft, reason: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!reason.trim()) out.reason = t('fieldRequired');
  if (!d.own) return out;
  const ranges = (prefix: string, list: RangeDraft[]) =>
    list.forEach((r, i) => {
      const startOk = TIME.test(r.start);
      const endOk = TIME.test(r.end);
      if (!startOk) out[`${prefix}.${i}.start`] = t('timeFormat');
      if (!endOk) out[`${prefix}.${i}.end`] = t('timeFormat');
      if (startOk && endOk && minutes(r.start) >= minutes(r.end)) out[`${prefix}.${i}.end`] = t('rangeOrder');
    });
  for (const day of DAYS) ranges(`hours.weekly.${day}`, d.weekly[day]);
  if (d.dayBeforeOn) ranges('hours.dayBeforeHoliday', d.dayBefore);
  const seen = new Set<string>();
  d.exceptions.forEach((x, i) => {
    if (!DATE.test(x.date)) out[`hours.exceptions.${i}.date`] = x.date ? t('dateFormat') : t('fieldRequired');
    else if (seen.has(x.date)) out[`hours.exceptions.${i}.date`] = t('duplicateDate');
    seen.add(x.date);
    ranges(`hours.exceptions.${i}.ranges`, x.ranges);
  });
  return out;
}

export function HoursEditor({ orgId, kind, hours, onSaved }: Props) {
  const nextKey = useRef(0);
  const newKey = () => nextKey.current++;
  const toDrafts = (list: readonly TimeRange[] | null | undefined): RangeDraft[] => (list ?? []).map((r) => ({ key: newKey(), start: r.start, end: r.end }));
  const [draft, setDraft] = useState<Draft>(() => ({
    own: hours !== null,
    weekly: Object.fromEntries(DAYS.map((d) => [d, toDrafts(hours?.weekly[d])])) as Record<Day, RangeDraft[]>,
    closedOnPublicHolidays: hours?.closedOnPublicHolidays ?? false,
    closedOnEves: hours?.closedOnEves ?? false,
    dayBeforeOn: Boolean(hours?.dayBeforeHoliday),
    dayBefore: toDrafts(hours?.dayBeforeHoliday),
    exceptions: (hours?.exceptions ?? []).map((x) => ({ key: newKey(), date: x.date, note: x.note ?? '', ranges: toDrafts(x.ranges) })),
  }));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const messageRef = useRef<HTMLDivElement>(null);
  const isJour = kind === 'jour_group';

  const patch = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));
  const setDay = (day: Day, ranges: RangeDraft[]) => setDraft((d) => ({ ...d, weekly: { ...d.weekly, [day]: ranges } }));
  const setException = (i: number, p: Partial<ExceptionDraft>) =>
    setDraft((d) => ({ ...d, exceptions: d.exceptions.map((x, j) => (j === i ? { ...x, ...p } : x)) }));

  function body(): { hours: OpeningHours | null; reason: string } {
    if (!draft.own) return { hours: null, reason: reason.trim() };
    const plain = (list: RangeDraft[]): TimeRange[] => list.map((r) => ({ start: r.start.trim(), end: r.end.trim() }));
    const weekly: OpeningHours['weekly'] = {};
    for (const day of DAYS) if (draft.weekly[day].length > 0) weekly[day] = plain(draft.weekly[day]);
    return {
      hours: {
        weekly,
        closedOnPublicHolidays: draft.closedOnPublicHolidays,
        closedOnEves: draft.closedOnEves,
        dayBeforeHoliday: draft.dayBeforeOn ? plain(draft.dayBefore) : null,
        exceptions: draft.exceptions.map((x) => ({ date: x.date, ranges: plain(x.ranges), ...(x.note.trim() ? { note: x.note.trim() } : {}) })),
      },
      reason: reason.trim(),
    };
  }

  function fail(next: FormErrors, text: string) {
    setErrors(next);
    setMessage(text);
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const local = check(draft, reason);
    if (Object.keys(local).length > 0) {
      fail({ fields: local, general: [] }, t('checkFields'));
      return;
    }
    setBusy(true);
    try {
      await ok(client.PUT('/api/v1/directory/organisations/{orgId}/hours', { params: { path: { orgId } }, body: body() }));
      setErrors(noErrors);
      setMessage(null);
      setReason('');
      setSaved(true);
      onSaved();
    } catch (e) {
      fail(formErrors(e, shownKeys(draft)), e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const f = errors.fields;
  const hintId = `${id}-time-hint`;
  return (
    <form className="hours-form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('editHoursHeading')}</h3>
      {message && <ErrorSummary message={message} general={errors.general} ref={messageRef} />}
      {isJour && (
        <ChoiceGroup
          id={`${id}-mode`}
          name={`${id}-mode`}
          type="radio"
          label={t('hoursModeLegend')}
          options={[
            { value: 'members', label: t('hoursModeMembersClosed') },
            { value: 'own', label: t('hoursModeOwn') },
          ]}
          selected={[draft.own ? 'own' : 'members']}
          onChange={([v]) => patch({ own: v === 'own' })}
        />
      )}
      {draft.own && (
        <>
          <fieldset className="hours-week">
            <legend>{t('weekScheduleLegend')}</legend>
            <p id={hintId} className="muted hint">
              {t('timeHint')}
            </p>
            {DAYS.map((day) => (
              <fieldset key={day} className="hours-day weekday">
                <legend>{t(dayKeys[day])}</legend>
                <TimeRangesField
                  id={`${id}-d${day}`}
                  name={t(dayKeys[day])}
                  ranges={draft.weekly[day]}
                  onChange={(r) => setDay(day, r)}
                  newKey={newKey}
                  errorPrefix={`hours.weekly.${day}`}
                  errors={f}
                  emptyText={t('closedAllDay')}
                  hintId={hintId}
                />
              </fieldset>
            ))}
          </fieldset>
          <Checkbox
            id={`${id}-holidays`}
            label={t('closedOnHolidays')}
            checked={draft.closedOnPublicHolidays}
            onChange={(v) => patch({ closedOnPublicHolidays: v })}
          />
          <Checkbox id={`${id}-eves`} label={t('closedOnEvesOption')} checked={draft.closedOnEves} onChange={(v) => patch({ closedOnEves: v })} />
          <fieldset className="hours-day">
            <legend>{t('dayBeforeHolidayLegend')}</legend>
            <Checkbox
              id={`${id}-dbh`}
              label={t('dayBeforeHolidayOwn')}
              hint={t('dayBeforeHolidayHint')}
              checked={draft.dayBeforeOn}
              onChange={(v) =>
                patch(v && draft.dayBefore.length === 0 ? { dayBeforeOn: v, dayBefore: [{ key: newKey(), start: '08:00', end: '13:00' }] } : { dayBeforeOn: v })
              }
            />
            {draft.dayBeforeOn && (
              <TimeRangesField
                id={`${id}-dbh-r`}
                name={t('dayBeforeHolidayLegend')}
                ranges={draft.dayBefore}
                onChange={(r) => patch({ dayBefore: r })}
                newKey={newKey}
                errorPrefix="hours.dayBeforeHoliday"
                errors={f}
                emptyText={t('closedAllDay')}
                hintId={hintId}
              />
            )}
          </fieldset>
          <fieldset className="hours-week">
            <legend>{t('exceptionsHeading')}</legend>
            <p id={`${id}-x-hint`} className="muted hint">
              {t('exceptionRangesHint')}
            </p>
            {draft.exceptions.length === 0 && <p className="muted">{t('noExceptions')}</p>}
            {draft.exceptions.map((x, i) => {
              const name = tf('exceptionRow', { n: i + 1 });
              const dateId = `${id}-x${x.key}-date`;
              const noteId = `${id}-x${x.key}-note`;
              const dateError = f[`hours.exceptions.${i}.date`];
              const noteError = f[`hours.exceptions.${i}.note`];
              return (
                <fieldset key={x.key} className="hours-day exception">
                  <legend>{name}</legend>
                  <div className="row-fields">
                    <div className="field">
                      <label htmlFor={dateId}>{t('exceptionDate')}</label>
                      <DateInput
                        id={dateId}
                        kind="date"
                        value={x.date}
                        onChange={(date) => setException(i, { date })}
                        aria-invalid={dateError ? true : undefined}
                        aria-describedby={dateError ? `${dateId}-error` : undefined}
                      />
                      {dateError && (
                        <p id={`${dateId}-error`} className="error field-error">
                          {dateError}
                        </p>
                      )}
                    </div>
                    <div className="field">
                      <label htmlFor={noteId}>{t('exceptionNote')}</label>
                      <input
                        id={noteId}
                        type="text"
                        maxLength={200}
                        autoComplete="off"
                        value={x.note}
                        onChange={(e) => setException(i, { note: e.target.value })}
                        aria-invalid={noteError ? true : undefined}
                        aria-describedby={noteError ? `${noteId}-error` : undefined}
                      />
                      {noteError && (
                        <p id={`${noteId}-error`} className="error field-error">
                          {noteError}
                        </p>
                      )}
                    </div>
                  </div>
                  <TimeRangesField
                    id={`${id}-x${x.key}-r`}
                    name={name}
                    ranges={x.ranges}
                    onChange={(r) => setException(i, { ranges: r })}
                    newKey={newKey}
                    errorPrefix={`hours.exceptions.${i}.ranges`}
                    errors={f}
                    emptyText={t('closedAllDay')}
                    hintId={hintId}
                  />
                  <div className="row-actions">
                    <button
                      type="button"
                      className="secondary danger"
                      onClick={() => setDraft((d) => ({ ...d, exceptions: d.exceptions.filter((_, j) => j !== i) }))}
                    >
                      {t('removeException')}
                    </button>
                  </div>
                </fieldset>
              );
            })}
            <div>
              <button
                type="button"
                className="secondary"
                disabled={draft.exceptions.length >= 500}
                onClick={() => setDraft((d) => ({ ...d, exceptions: [...d.exceptions, { key: newKey(), date: '', note: '', ranges: [] }] }))}
              >
                {t('addException')}
              </button>
            </div>
          </fieldset>
        </>
      )}
      <ReasonAndSave
        id={id}
        reason={reason}
        onReason={setReason}
        error={f.reason}
        busy={busy}
        saved={saved}
        saveLabel={t('saveHours')}
        savedLabel={t('hoursSaved')}
      />
    </form>
  );
}
