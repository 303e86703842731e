// Search the audit log by who (name), organisation (name), what it is about (a kind, a case
// number) and time (ÅÅÅÅ-MM-DD TT:MM read as Stockholm time and sent as ISO 8601 with its
// offset), newest first, with "Visa fler" for the next older page. Entries read in Swedish:
// actions, subjects and detail fields from the catalogue, times in Stockholm, names not ids.
// The filters go in a POST body: the subject field may hold a personnummer, never put in a URL.
import { useState, type FormEvent } from 'react';
import { auditText } from '../../../shared/messages.ts';
import { roleLabels, type Role } from '../../../shared/role-names.ts';
import { ApiError, client, ok } from '../api.ts';
import { formatInstant, stockholmLocalToIso } from '../admin/time.ts';
import { useStackedLabels } from '../admin/stacked.ts';
import { DateField, SelectField, TextField } from '../cases/fields.tsx';
import { t, tf } from '../i18n.ts';
import type { AuditPageData } from './AuditPage.tsx';
import { actionLabel, detailsText, orgLabel, subjectLabel } from './labels.ts';

type Entry = AuditPageData['items'][number];

interface Filters {
  actor: string;
  org: string;
  subjectType: string;
  subjectId: string;
  from: string;
  to: string;
}
/** The filters as sent: only those filled in, times as ISO 8601. */
type Search = Partial<Filters>;
const EMPTY: Filters = { actor: '', org: '', subjectType: '', subjectId: '', from: '', to: '' };
const SUBJECTS = Object.entries(auditText.sv.subjects).map(([value, label]) => ({ value, label }));

export function LogSearch() {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof Filters, string>>>({});
  const [query, setQuery] = useState<Search | null>(null);
  const [items, setItems] = useState<Entry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const table = useStackedLabels<HTMLTableElement>();

  const set = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));

  async function fetchPage(q: Search, after: string | null, append: boolean) {
    setBusy(true);
    setError(null);
    try {
      const body = { ...q, limit: 50, ...(after ? { cursor: after } : {}) };
      const page: AuditPageData = await ok(client.POST('/api/v1/audit/search', { body }));
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
    const q: Search = {};
    for (const key of ['actor', 'org', 'subjectType', 'subjectId'] as const) if (filters[key].trim()) q[key] = filters[key].trim();
    for (const key of ['from', 'to'] as const) {
      if (!filters[key]) continue;
      const iso = stockholmLocalToIso(filters[key]);
      if (!iso) errs[key] = t('auditInvalidTime');
      else q[key] = iso;
    }
    if (q.from && q.to && new Date(q.from) > new Date(q.to)) errs.to = t('auditInvalidRange');
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
          <TextField id="audit-actor" label={t('auditActorName')} hint={t('auditActorNameHint')} value={filters.actor} onChange={set('actor')} />
          <TextField id="audit-org" label={t('auditOrg')} hint={t('auditOrgHint')} value={filters.org} onChange={set('org')} />
          <SelectField id="audit-subject-type" label={t('auditSubjectKind')} value={filters.subjectType} onChange={set('subjectType')} options={[{ value: '', label: t('auditAnySubject') }, ...SUBJECTS]} />
          <TextField id="audit-subject-id" label={t('auditSubjectRef')} hint={t('auditSubjectRefHint')} value={filters.subjectId} onChange={set('subjectId')} />
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
            <table className="data audit stacked" ref={table}>
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
                    <td>{actionLabel(e.action)}</td>
                    <td>
                      {e.actorUserId ? (
                        <>
                          {e.actorName ?? t('unknownUser')}
                          <span className="stack muted">
                            {e.actorRole ? (roleLabels[e.actorRole as Role] ?? e.actorRole) : ''} · {e.actorOrgName ?? orgLabel(e.actorOrgId)}
                          </span>
                        </>
                      ) : (
                        t('systemActor')
                      )}
                    </td>
                    <td>
                      {subjectLabel(e.subjectType)}
                      {(e.subjectLabel ?? e.subjectId) && <span className="stack muted">{e.subjectLabel ?? e.subjectId}</span>}
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
