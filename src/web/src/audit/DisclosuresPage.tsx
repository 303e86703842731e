// "Utlämnanden" for the auditor: the disclosure register by child, organisation and period, newest
// first, with "Visa fler" and a CSV download of the same search. The child's personnummer goes in
// a POST body only (never an address) and the server keeps only its keyed reference. Times in
// Swedish time, organisations by name. Every search and download is logged by the server.
import { useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { DisclosureOrganisations, DisclosurePage } from '../../../shared/api/disclosures.ts';
import type { UiKey } from '../../../shared/messages.ts';
import { roleLabels, type Role } from '../../../shared/role-names.ts';
import { ApiError, client, downloadFromPost, ok } from '../api.ts';
import { formatInstant } from '../admin/time.ts';
import { useStackedLabels } from '../admin/stacked.ts';
import { DateField, SelectField } from '../cases/fields.tsx';
import { t, tf } from '../i18n.ts';

type Page = z.infer<typeof DisclosurePage>;
type Item = Page['items'][number];
type Organisation = z.infer<typeof DisclosureOrganisations>['organisations'][number];

interface Filters {
  identityNumber: string;
  organisationId: string;
  from: string;
  to: string;
}
const EMPTY: Filters = { identityNumber: '', organisationId: '', from: '', to: '' };

const kindLabel = (kind: Item['kind']) => t(`disclosureKind.${kind}` as UiKey);

/** The search as the API takes it: only the fields filled in. */
function bodyOf(f: Filters): Record<string, string> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
}

export function DisclosuresPage() {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [searched, setSearched] = useState<Record<string, string> | null>(null);
  const [items, setItems] = useState<Item[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pnrFocused, setPnrFocused] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof Filters, string>>>({});
  const table = useStackedLabels<HTMLTableElement>();

  useEffect(() => {
    void ok(client.GET('/api/v1/disclosures/organisations'))
      .then((r) => setOrganisations(r.organisations))
      .catch(() => setOrganisations([]));
  }, []);

  const set = (key: keyof Filters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));

  function showError(e: unknown) {
    const problems = e instanceof ApiError ? (e.problem?.errors ?? []) : [];
    const byField: Partial<Record<keyof Filters, string>> = {};
    for (const p of problems) {
      const key = (['identityNumber', 'organisationId', 'from', 'to'] as const).find((k) => p.path.endsWith(k));
      if (key) byField[key] = p.message;
    }
    setFieldErrors(byField);
    setError(Object.keys(byField).length > 0 ? null : e instanceof ApiError ? e.message : String(e));
  }

  async function fetchPage(body: Record<string, string>, after: string | null) {
    setBusy(true);
    setError(null);
    try {
      const page: Page = await ok(
        client.POST('/api/v1/disclosures/search', { body: { ...body, limit: 50, ...(after ? { cursor: after } : {}) } }),
      );
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setFieldErrors({});
      setSearched(body);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void fetchPage(bodyOf(filters), null);
  }

  async function exportCsv() {
    setBusy(true);
    try {
      await downloadFromPost('/api/v1/disclosures/export.csv', bodyOf(filters), 'utlamnanden.csv');
      setFieldErrors({});
      setError(null);
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('navDisclosures')}</h1>
      <p>{t('disclosuresIntro')}</p>
      <section className="card wide" aria-labelledby="disclosures-h">
        <h2 id="disclosures-h">{t('disclosuresFilterHeading')}</h2>
        <form onSubmit={submit} noValidate autoComplete="off">
          <div className="row-fields">
            <div className="field">
              <label htmlFor="disclosures-pnr">{t('disclosuresPersonOptional')}</label>
              <p id="disclosures-pnr-hint" className="muted hint">
                {t('disclosuresPersonHint')}
              </p>
              <input
                id="disclosures-pnr"
                // Masked when not being typed in, as in the auditor's other person searches.
                type={pnrFocused || filters.identityNumber === '' ? 'text' : 'password'}
                value={filters.identityNumber}
                autoComplete="off"
                spellCheck={false}
                inputMode="numeric"
                maxLength={13}
                aria-invalid={fieldErrors.identityNumber ? true : undefined}
                aria-describedby={fieldErrors.identityNumber ? 'disclosures-pnr-hint disclosures-pnr-error' : 'disclosures-pnr-hint'}
                onFocus={() => setPnrFocused(true)}
                onBlur={() => setPnrFocused(false)}
                onChange={(e) => set('identityNumber')(e.target.value)}
              />
              {fieldErrors.identityNumber && (
                <p id="disclosures-pnr-error" className="error field-error">
                  {fieldErrors.identityNumber}
                </p>
              )}
            </div>
            <SelectField
              id="disclosures-org"
              label={t('disclosuresOrganisation')}
              value={filters.organisationId}
              onChange={set('organisationId')}
              options={[{ value: '', label: t('disclosuresAnyOrganisation') }, ...organisations.map((o) => ({ value: o.id, label: o.name }))]}
              error={fieldErrors.organisationId}
            />
            <DateField id="disclosures-from" kind="date" label={t('disclosuresFrom')} value={filters.from} onChange={set('from')} error={fieldErrors.from} />
            <DateField id="disclosures-to" kind="date" label={t('disclosuresTo')} value={filters.to} onChange={set('to')} error={fieldErrors.to} />
          </div>
          <div className="row-actions">
            <button type="submit" disabled={busy}>
              {busy && items.length === 0 ? t('searching') : t('disclosuresSearch')}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => void exportCsv()}>
              {t('disclosuresExport')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setFilters(EMPTY);
                setFieldErrors({});
                setError(null);
                setSearched(null);
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
        {searched && !busy && items.length === 0 && !error && <p className="muted">{t('disclosuresNone')}</p>}
        {items.length > 0 && (
          <>
            <p role="status">{tf('auditRowsShown', { n: items.length })}</p>
            <div className="scroll" role="region" aria-label={tf('scrollRegion', { name: t('disclosuresCaption') })} tabIndex={0}>
              <table className="data disclosures stacked" ref={table}>
                <caption>{t('disclosuresCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('disclosuresWhen')}</th>
                    <th scope="col">{t('disclosuresKind')}</th>
                    <th scope="col">{t('disclosuresParties')}</th>
                    <th scope="col">{t('disclosuresFields')}</th>
                    <th scope="col">{t('disclosuresGround')}</th>
                    <th scope="col">{t('disclosuresBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((d) => (
                    <tr key={d.id}>
                      {/* Six columns, not eight: time over case and discloser over receiver, so the
                          register fits a 1366 px laptop without scrolling sideways. */}
                      <td>
                        <time className="stack nowrap" dateTime={d.at}>
                          {formatInstant(d.at)}
                        </time>
                        <span className="stack nowrap">{d.caseNumber}</span>
                      </td>
                      <td>{kindLabel(d.kind)}</td>
                      <td className="parties">
                        <span className="stack">
                          <span className="muted">{t('disclosuresFromOrg')}:</span> {d.fromName}
                        </span>
                        <span className="stack">
                          <span className="muted">{t('disclosuresToOrg')}:</span> {d.toName}
                        </span>
                      </td>
                      <td className="details">
                        {/* Dozens of field names for a handover: counted, listed on demand. */}
                        <details>
                          <summary>{tf('disclosuresFieldCount', { n: d.fields.length })}</summary>
                          <p>{d.fields.join(', ')}</p>
                        </details>
                      </td>
                      <td>{d.legalGround}</td>
                      <td>
                        {/* No role: the engine's own pass (jour → office), not a person. */}
                        {d.actorName ?? (d.actorRole === null ? t('systemActor') : t('unknownUser'))}
                        {d.actorRole && <span className="stack muted">{roleLabels[d.actorRole as Role] ?? d.actorRole}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {cursor && searched && (
              <button type="button" className="secondary" disabled={busy} onClick={() => void fetchPage(searched, cursor)}>
                {t('disclosuresShowMore')}
              </button>
            )}
          </>
        )}
      </section>
    </>
  );
}
