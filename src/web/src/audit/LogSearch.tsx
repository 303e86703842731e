// Search the audit log by actor, subject and time (datetime-local read as Stockholm time and
// sent as ISO 8601 with its offset), newest first, with "Visa fler" for the next older page.
import { useState, type FormEvent } from 'react';
import { roleLabels, type Role } from '../../../shared/roles.ts';
import { ApiError, api } from '../api.ts';
import { formatInstant, stockholmLocalToIso } from '../admin/time.ts';
import { DateField, TextField } from '../cases/fields.tsx';
import { t, tf } from '../i18n.ts';
import type { AuditPageData } from './AuditPage.tsx';
import { actionLabel, orgLabel } from './labels.ts';

type Entry = AuditPageData['items'][number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Filters {
  actorUserId: string;
  subjectType: string;
  subjectId: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { actorUserId: '', subjectType: '', subjectId: '', from: '', to: '' };

function detailsText(details: Record<string, unknown>): string {
  // Keyed person references are pseudonyms; they are shown shortened, never as a number.
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? (k === 'person' ? `${v.slice(0, 10)}…` : v) : JSON.stringify(v)}`)
    .join('; ');
}

export function LogSearch() {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Filters, string>>>({});
  const [query, setQuery] = useState<URLSearchParams | null>(null);
  const [items, setItems] = useState<Entry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const set = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));

  async function fetchPage(q: URLSearchParams, after: string | null, append: boolean) {
    setBusy(true);
    setError(null);
    try {
      const params = new URLSearchParams(q);
      params.set('limit', '50');
      if (after) params.set('cursor', after);
      const page = await api<AuditPageData>('GET', `/api/v1/audit?${params.toString()}`);
      setItems((prev) => (append ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const errs: Partial<Record<keyof Filters, string>> = {};
    const q = new URLSearchParams();
    const actor = filters.actorUserId.trim();
    if (actor && !UUID.test(actor)) errs.actorUserId = t('auditInvalidUuid');
    else if (actor) q.set('actorUserId', actor);
    if (filters.subjectType.trim()) q.set('subjectType', filters.subjectType.trim());
    if (filters.subjectId.trim()) q.set('subjectId', filters.subjectId.trim());
    for (const key of ['from', 'to'] as const) {
      if (!filters[key]) continue;
      const iso = stockholmLocalToIso(filters[key]);
      if (!iso) errs[key] = t('auditInvalidTime');
      else q.set(key, iso);
    }
    const from = q.get('from');
    const to = q.get('to');
    if (from && to && new Date(from) > new Date(to)) errs.to = t('auditInvalidRange');
    setErrors(errs);
    if (Object.keys(errs).length > 0) return;
    setQuery(q);
    void fetchPage(q, null, false);
  }

  return (
    <section className="card wide" aria-labelledby="log-h">
      <h2 id="log-h">{t('auditSearchHeading')}</h2>
      <p className="muted">{t('auditFiltersHint')}</p>
      <form onSubmit={submit} noValidate>
        <div className="row-fields">
          <TextField id="audit-actor" label={t('auditActorUserId')} hint={t('auditActorHint')} value={filters.actorUserId} onChange={set('actorUserId')} error={errors.actorUserId} />
          <TextField id="audit-subject-type" label={t('auditSubjectType')} hint={t('auditSubjectTypeHint')} value={filters.subjectType} onChange={set('subjectType')} />
          <TextField id="audit-subject-id" label={t('auditSubjectId')} value={filters.subjectId} onChange={set('subjectId')} />
          <DateField id="audit-from" kind="datetime" label={t('auditFrom')} value={filters.from} onChange={set('from')} error={errors.from} />
          <DateField id="audit-to" kind="datetime" label={t('auditTo')} value={filters.to} onChange={set('to')} error={errors.to} />
        </div>
        <div className="row-actions">
          <button type="submit" disabled={busy}>
            {busy && items.length === 0 ? t('searching') : t('auditSearch')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setFilters(EMPTY);
              setErrors({});
              setQuery(null);
              setItems([]);
              setCursor(null);
            }}
          >
            {t('clearForm')}
          </button>
        </div>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {query && !busy && items.length === 0 && !error && <p className="muted">{t('auditNoHits')}</p>}
      {items.length > 0 && (
        <>
          <p role="status">{tf('auditRowsShown', { n: items.length })}</p>
          <div className="scroll" role="region" aria-label={tf('scrollRegion', { name: t('auditCaption') })} tabIndex={0}>
            <table className="data audit">
              <caption>{t('auditCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('colTime')}</th>
                  <th scope="col">{t('colEvent')}</th>
                  <th scope="col">{t('colActor')}</th>
                  <th scope="col">{t('colSubject')}</th>
                  <th scope="col">{t('colDetails')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id}>
                    <td className="nowrap">
                      <time dateTime={e.at}>{formatInstant(e.at)}</time>
                    </td>
                    <td>
                      {actionLabel(e.action)}
                      <code className="stack muted">{e.action}</code>
                    </td>
                    <td>
                      {e.actorUserId ? (
                        <>
                          {e.actorRole ? (roleLabels[e.actorRole as Role] ?? e.actorRole) : ''} · {orgLabel(e.actorOrgId)}
                          <code className="stack muted">{e.actorUserId}</code>
                        </>
                      ) : (
                        t('systemActor')
                      )}
                    </td>
                    <td>
                      {e.subjectType ?? t('none')}
                      {e.subjectId && <code className="stack muted">{e.subjectId}</code>}
                    </td>
                    <td className="details">{detailsText(e.details)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {cursor && query && (
            <button type="button" className="secondary" disabled={busy} onClick={() => void fetchPage(query, cursor, true)}>
              {t('auditShowMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
