// "Rättsliga grunder": the list of legal grounds an information request may cite (issue 20), kept
// by admins as configuration, not code. Add a ground, correct its texts (the id stays, so what
// cited it still does), or retire it (no new request may cite it; those that did keep it). The
// server checks every field and answers in Swedish; its messages are shown at the fields.
import { useRef, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { LegalGroundDto } from '../../../shared/api/information-requests.ts';
import { ApiError, client, ok } from '../api.ts';
import { errorText } from '../cases/caseApi.ts';
import { TextArea, TextField } from '../cases/fields.tsx';
import { t, tf } from '../i18n.ts';
import { LoadState } from './LoadState.tsx';
import { useStackedLabels } from './stacked.ts';
import { formatInstant } from './time.ts';
import { useLoad } from './useLoad.ts';

type Ground = z.infer<typeof LegalGroundDto>;
interface Draft {
  id: string;
  citation: string;
  description: string;
}
type FieldErrors = Partial<Record<keyof Draft, string>>;
const EMPTY: Draft = { id: '', citation: '', description: '' };

/** The server's field messages (paths like "body.citation") by field; anything else as one message. */
function errorsOf(e: unknown): { fields: FieldErrors; general: string | null } {
  const fields: FieldErrors = {};
  for (const p of e instanceof ApiError ? (e.problem?.errors ?? []) : []) {
    const key = (['id', 'citation', 'description'] as const).find((k) => p.path.endsWith(`.${k}`) || p.path === k);
    if (key) fields[key] ??= p.message;
  }
  return { fields, general: Object.keys(fields).length > 0 ? null : errorText(e) };
}

function GroundForm(props: { prefix: string; draft: Draft; errors: FieldErrors; withId: boolean; onChange(d: Draft): void }) {
  const { prefix, draft, errors, withId, onChange } = props;
  return (
    <>
      {withId && (
        <TextField
          id={`${prefix}-id`}
          label={t('legalGroundId')}
          hint={t('legalGroundIdHint')}
          value={draft.id}
          maxLength={60}
          required
          error={errors.id}
          onChange={(id) => onChange({ ...draft, id })}
        />
      )}
      <TextField
        id={`${prefix}-citation`}
        label={t('legalGroundCitation')}
        hint={t('legalGroundCitationHint')}
        value={draft.citation}
        maxLength={200}
        required
        error={errors.citation}
        onChange={(citation) => onChange({ ...draft, citation })}
      />
      <TextArea
        id={`${prefix}-description`}
        label={t('legalGroundDescription')}
        value={draft.description}
        maxLength={1000}
        required
        error={errors.description}
        onChange={(description) => onChange({ ...draft, description })}
      />
    </>
  );
}

export function LegalGroundsPage() {
  const { load, reload } = useLoad<{ legalGrounds: Ground[] }>('legal-grounds', () => ok(client.GET('/api/v1/legal-grounds')));
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [adding, setAdding] = useState<Draft>(EMPTY);
  const [addErrors, setAddErrors] = useState<FieldErrors>({});
  const [editing, setEditing] = useState<Draft | null>(null);
  const [editErrors, setEditErrors] = useState<FieldErrors>({});
  const [retiring, setRetiring] = useState<string | null>(null);
  const editHeading = useRef<HTMLHeadingElement>(null);
  const table = useStackedLabels<HTMLTableElement>();

  async function run(action: () => Promise<string>, onFieldErrors: (f: FieldErrors) => void): Promise<boolean> {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      setStatus(await action());
      onFieldErrors({});
      reload();
      return true;
    } catch (e) {
      const { fields, general } = errorsOf(e);
      onFieldErrors(fields);
      setError(general ?? t('legalGroundFixFields'));
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    const body = { id: adding.id.trim(), citation: adding.citation.trim(), description: adding.description.trim() };
    const done = await run(async () => {
      const g = await ok(client.POST('/api/v1/legal-grounds', { body }));
      return tf('legalGroundAdded', { citation: g.citation });
    }, setAddErrors);
    if (done) setAdding(EMPTY);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!editing) return;
    const draft = editing;
    const done = await run(async () => {
      const g = await ok(client.PUT('/api/v1/legal-grounds/{id}', { params: { path: { id: draft.id } }, body: { citation: draft.citation.trim(), description: draft.description.trim() } }));
      return tf('legalGroundSaved', { citation: g.citation });
    }, setEditErrors);
    if (done) setEditing(null);
  }

  async function retire(g: Ground) {
    const done = await run(async () => {
      await ok(client.POST('/api/v1/legal-grounds/{id}/retire', { params: { path: { id: g.id } } }));
      return tf('legalGroundRetired', { citation: g.citation });
    }, () => undefined);
    if (done) setRetiring(null);
  }

  function startEdit(g: Ground) {
    setEditing({ id: g.id, citation: g.citation, description: g.description });
    setEditErrors({});
    // The form opens below the list: take the reader there.
    requestAnimationFrame(() => editHeading.current?.focus());
  }

  const grounds = load.state === 'ready' ? load.data.legalGrounds : [];
  return (
    <>
      <h1>{t('navLegalGrounds')}</h1>
      <p>{t('legalGroundsIntro')}</p>
      <p role="status" className="saved">
        {status}
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <LoadState load={load} onRetry={reload} />
      {grounds.length > 0 && (
        <div className="scroll" role="region" aria-label={tf('scrollRegion', { name: t('legalGroundsCaption') })} tabIndex={0}>
          <table className="data stacked legal-grounds" ref={table}>
            <caption>{t('legalGroundsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('legalGroundCitation')}</th>
                <th scope="col">{t('legalGroundDescription')}</th>
                <th scope="col">{t('legalGroundStatus')}</th>
                <th scope="col">{t('colAction')}</th>
              </tr>
            </thead>
            <tbody>
              {grounds.map((g) => (
                <tr key={g.id}>
                  <th scope="row">
                    {g.citation}
                    <code className="stack muted">{g.id}</code>
                  </th>
                  <td>{g.description}</td>
                  <td>{g.retiredAt ? tf('legalGroundRetiredAt', { at: formatInstant(g.retiredAt) }) : t('legalGroundActive')}</td>
                  <td>
                    <div className="row-actions tight">
                      <button type="button" className="secondary" disabled={busy} onClick={() => startEdit(g)}>
                        {t('legalGroundEdit')}
                        <span className="sr-only"> {g.citation}</span>
                      </button>
                      {!g.retiredAt &&
                        (retiring === g.id ? (
                          <>
                            <button type="button" disabled={busy} onClick={() => void retire(g)}>
                              {t('legalGroundConfirmRetire')}
                              <span className="sr-only"> {g.citation}</span>
                            </button>
                            <button type="button" className="secondary" disabled={busy} onClick={() => setRetiring(null)}>
                              {t('cancel')}
                            </button>
                          </>
                        ) : (
                          <button type="button" className="secondary" disabled={busy} onClick={() => setRetiring(g.id)}>
                            {t('legalGroundRetire')}
                            <span className="sr-only"> {g.citation}</span>
                          </button>
                        ))}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && (
        <section className="card" aria-labelledby="legal-ground-edit-h">
          <h2 id="legal-ground-edit-h" tabIndex={-1} ref={editHeading}>
            {tf('legalGroundEditHeading', { id: editing.id })}
          </h2>
          <form onSubmit={(e) => void save(e)} noValidate>
            <GroundForm prefix="legal-ground-edit" draft={editing} errors={editErrors} withId={false} onChange={setEditing} />
            <div className="row-actions">
              <button type="submit" disabled={busy}>
                {t('legalGroundSave')}
              </button>
              <button type="button" className="secondary" onClick={() => setEditing(null)}>
                {t('cancel')}
              </button>
            </div>
          </form>
        </section>
      )}
      <section className="card" aria-labelledby="legal-ground-add-h">
        <h2 id="legal-ground-add-h">{t('legalGroundAddHeading')}</h2>
        <form onSubmit={(e) => void add(e)} noValidate autoComplete="off">
          <GroundForm prefix="legal-ground-add" draft={adding} errors={addErrors} withId onChange={setAdding} />
          <div className="row-actions">
            <button type="submit" disabled={busy}>
              {t('legalGroundAdd')}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
