// Editing the member municipalities of a jour group, each optionally dated. The directory shows
// today's members only, so the dated list is taken from the group's latest membership change in
// the history (the server records the full list, dates included, on every change); without one,
// the members are today's, undated, as seeded.
import { DateInput } from '../DateInput.tsx';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { ErrorSummary } from './ErrorSummary.tsx';
import { countyByName } from '../../../shared/municipalities.ts';
import { ApiError, client, ok } from '../api.ts';
import { ReasonAndSave } from './ReasonAndSave.tsx';
import { t } from '../i18n.ts';
import { DATE, formErrors, noErrors, type FormErrors } from './form-errors.ts';
import { LoadState } from './LoadState.tsx';
import type { DirectoryChange } from './types.ts';
import { useLoad } from './useLoad.ts';

/** The server's start for a membership without a from date. */
const OPEN_START = '2000-01-01';

interface MemberDraft {
  key: number;
  municipalityCode: string;
  from: string;
  to: string;
}

interface Props {
  orgId: string;
  /** Today's members, from the directory. */
  members: string[];
  onSaved(): void;
}

function nameOf(code: string): string {
  return countyByName.find((m) => m.code === code)?.name ?? code;
}

/** The dated member list of the latest membership change, if the history has one. */
function datedMembers(changes: DirectoryChange[]): { municipalityCode: string; from: string | null; to: string | null }[] | null {
  const last = changes.find((c) => c.action === 'jour_members_replaced');
  if (!last || !Array.isArray(last.after)) return null;
  return last.after.flatMap((m: unknown) => {
    if (typeof m !== 'object' || m === null || !('municipalityCode' in m) || typeof m.municipalityCode !== 'string') return [];
    const from = 'from' in m && typeof m.from === 'string' && m.from !== OPEN_START ? m.from : null;
    const to = 'to' in m && typeof m.to === 'string' ? m.to : null;
    return [{ municipalityCode: m.municipalityCode, from, to }];
  });
}

export function JourMembersForm({ orgId, members, onSaved }: Props) {
  const { load, reload } = useLoad<{ changes: DirectoryChange[] }>(`changes ${orgId}`, () => ok(client.GET('/api/v1/directory/changes', { params: { query: { entityId: orgId, limit: 200 } } })));
  return (
    <section className="members-form" aria-labelledby={`${orgId}-members-heading`}>
      <h3 id={`${orgId}-members-heading`}>{t('editMembersHeading')}</h3>
      <LoadState load={load} onRetry={reload} />
      {load.state === 'ready' && (
        <MembersEditor
          orgId={orgId}
          initial={datedMembers(load.data.changes) ?? members.map((municipalityCode) => ({ municipalityCode, from: null, to: null }))}
          onSaved={onSaved}
        />
      )}
    </section>
  );
}

function MembersEditor({
  orgId,
  initial,
  onSaved,
}: {
  orgId: string;
  initial: { municipalityCode: string; from: string | null; to: string | null }[];
  onSaved(): void;
}) {
  const nextKey = useRef(0);
  const [rows, setRows] = useState<MemberDraft[]>(() =>
    initial.map((m) => ({ key: nextKey.current++, municipalityCode: m.municipalityCode, from: m.from ?? '', to: m.to ?? '' })),
  );
  const [adding, setAdding] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const messageRef = useRef<HTMLDivElement>(null);
  const candidates = useMemo(() => countyByName.filter((m) => !rows.some((r) => r.municipalityCode === m.code)), [rows]);

  const update = (i: number, p: Partial<MemberDraft>) => setRows((list) => list.map((r, j) => (j === i ? { ...r, ...p } : r)));

  function fail(next: FormErrors, text: string) {
    setErrors(next);
    setMessage(text);
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const local: Record<string, string> = {};
    if (!reason.trim()) local.reason = t('fieldRequired');
    rows.forEach((r, i) => {
      if (r.from && !DATE.test(r.from)) local[`members.${i}.from`] = t('dateFormat');
      if (r.to && !DATE.test(r.to)) local[`members.${i}.to`] = t('dateFormat');
    });
    if (Object.keys(local).length > 0) {
      fail({ fields: local, general: [] }, t('checkFields'));
      return;
    }
    const keys = new Set(['reason', ...rows.flatMap((_, i) => [`members.${i}.municipalityCode`, `members.${i}.from`, `members.${i}.to`])]);
    setBusy(true);
    try {
      await ok(client.PUT('/api/v1/directory/jour-groups/{orgId}/members', { params: { path: { orgId } }, body: {
        members: rows.map((r) => ({ municipalityCode: r.municipalityCode, ...(r.from ? { from: r.from } : {}), ...(r.to ? { to: r.to } : {}) })),
        reason: reason.trim(),
      } }));
      setErrors(noErrors);
      setMessage(null);
      setReason('');
      setSaved(true);
      onSaved();
    } catch (e) {
      fail(formErrors(e, keys), e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const f = errors.fields;
  const dateField = (i: number, field: 'from' | 'to') => {
    const row = rows[i];
    const inputId = `${id}-${row?.key ?? i}-${field}`;
    const error = f[`members.${i}.${field}`];
    return (
      <div className="field">
        <label htmlFor={inputId}>{field === 'from' ? t('memberFrom') : t('memberTo')}</label>
        <DateInput
          id={inputId}
          kind="date"
          value={row?.[field] ?? ''}
          onChange={(v) => update(i, { [field]: v })}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
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
    <form onSubmit={submit} noValidate aria-label={t('editMembersHeading')}>
      <p className="muted hint">{t('membersIntro')}</p>
      {message && <ErrorSummary message={message} general={errors.general} ref={messageRef} />}
      {rows.length === 0 && <p className="notice">{t('noMembers')}</p>}
      {rows.map((r, i) => {
        const codeError = f[`members.${i}.municipalityCode`];
        return (
          <fieldset key={r.key} className="contact-row">
            <legend>{nameOf(r.municipalityCode)}</legend>
            {codeError && <p className="error field-error">{codeError}</p>}
            <div className="row-fields">
              {dateField(i, 'from')}
              {dateField(i, 'to')}
            </div>
            <div className="row-actions">
              <button type="button" className="secondary danger" onClick={() => setRows((list) => list.filter((_, j) => j !== i))}>
                {t('removeRow')}
              </button>
            </div>
          </fieldset>
        );
      })}
      <div className="add-member">
        <div className="field">
          <label htmlFor={`${id}-add`}>{t('addMemberLabel')}</label>
          <select id={`${id}-add`} value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">{t('chooseMunicipality')}</option>
            {candidates.map((m) => (
              <option key={m.code} value={m.code}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="secondary"
          disabled={!adding}
          onClick={() => {
            setRows((list) => [...list, { key: nextKey.current++, municipalityCode: adding, from: '', to: '' }]);
            setAdding('');
          }}
        >
          {t('addMember')}
        </button>
      </div>
      <ReasonAndSave
        id={id}
        reason={reason}
        onReason={setReason}
        error={f.reason}
        busy={busy}
        saved={saved}
        saveLabel={t('saveMembers')}
        savedLabel={t('membersSaved')}
      />
    </form>
  );
}
