// "Registerutdrag" for the data protection officer: what envagin holds about one person, as a
// readable summary per case. Secrecy applies: every item is reviewed before anything is released.
import { useState } from 'react';
import { api } from '../api.ts';
import { formatInstant } from '../admin/time.ts';
import { eventLabel } from '../cases/labels.ts';
import { t, tf, tn } from '../i18n.ts';
import { PersonNumberForm } from './PersonNumberForm.tsx';

interface Extract {
  identityNumber: string;
  createdAt: string;
  cases: Record<string, unknown>[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const when = (v: unknown): string | null => (typeof v === 'string' && v ? formatInstant(v) : null);
const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);

/** Report fields as label: value lines, nested objects flattened ("child.name"). */
function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => flatten(v, `${prefix}[${i + 1}]`));
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
  return [[prefix, String(value)]];
}

function CaseExtract({ c }: { c: Record<string, unknown> }) {
  const facts: [string, string | null][] = [
    [t('caseNumber'), str(c.number)],
    [t('colStatus'), str(c.status)],
    [t('colReceived'), when(c.receivedAt)],
    [t('policeDiaryNumber'), str(c.policeDiaryNumber)],
    [t('colUrgency'), str(c.urgency)],
    [t('responsibleMunicipality'), str(c.responsibleMunicipalityCode)],
    [t('closedAt'), when(c.closedAt)],
  ];
  const events = list(c.events);
  const report = flatten(c.report);
  return (
    <article className="extract-case">
      <h3>{str(c.number)}</h3>
      <dl className="facts">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k} className="contents">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        <div className="contents">
          <dt>{t('extractMessages')}</dt>
          <dd>{tf('extractCount', { n: list(c.messages).length })}</dd>
        </div>
        <div className="contents">
          <dt>{t('extractAttempts')}</dt>
          <dd>{tf('extractCount', { n: list(c.contactAttempts).length })}</dd>
        </div>
      </dl>
      {report.length > 0 && (
        <details>
          <summary>{t('extractReport')}</summary>
          <dl className="facts extract-report">
            {report.map(([k, v]) => (
              <div key={k} className="contents">
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      {events.length > 0 && (
        <details>
          <summary>
            {t('extractEvents')} ({events.length})
          </summary>
          <ul className="history">
            {events.map((e, i) => (
              <li key={i}>
                {when(e.at)} – {eventLabel(String(e.type ?? ''))}
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}

export function ExtractSection() {
  const [extract, setExtract] = useState<Extract | null>(null);
  return (
    <section className="card wide" aria-labelledby="extract-h">
      <h2 id="extract-h">{t('extractHeading')}</h2>
      <p>{t('extractIntro')}</p>
      <p className="notice">{t('extractSecrecy')}</p>
      <PersonNumberForm
        submitLabel={t('extractCreate')}
        onSubmit={async (identityNumber) => setExtract(await api<Extract>('POST', '/api/v1/audit/register-extract', { identityNumber }))}
        onClear={() => setExtract(null)}
      />
      {extract && (
        <div className="extract" aria-live="polite">
          <p>{tf('extractCreatedAt', { time: formatInstant(extract.createdAt) })}</p>
          {extract.cases.length === 0 ? <p className="empty">{t('extractNoCases')}</p> : <p className="big-text">{tn('casesAboutPerson', extract.cases.length)}</p>}
          {extract.cases.map((c, i) => (
            <CaseExtract key={str(c.id) ?? i} c={c} />
          ))}
          <p className="notice">{t('extractSecrecy')}</p>
        </div>
      )}
    </section>
  );
}
