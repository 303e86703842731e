// "Registerutdrag" (GDPR art. 15) of one person: per case the personal data as reported, the
// source, to whom it went and when it is purged; the purposes, legal basis, controller and rights
// once. Not the case file (no assessments, notes or call log), and for a child with skyddad
// identitet no address or place: the server leaves them out. Secrecy is still reviewed before release.
import { useState } from 'react';
import type { z } from 'zod';
import type { RegisterExtractDto } from '../../../shared/api/audit.ts';
import { client, ok } from '../api.ts';
import { formatInstant } from '../admin/time.ts';
import { t, tf, tn } from '../i18n.ts';
import { PersonNumberForm } from './PersonNumberForm.tsx';

type Extract = z.infer<typeof RegisterExtractDto>;
type CaseExtract = Extract['cases'][number];

function Facts({ rows }: { rows: [string, string | null][] }) {
  return (
    <dl className="facts">
      {rows
        .filter(([, v]) => v)
        .map(([k, v], i) => (
          <div key={`${k}-${i}`} className="contents">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
    </dl>
  );
}

function CaseExtractView({ c }: { c: CaseExtract }) {
  return (
    <article className="extract-case">
      <h3>{c.number}</h3>
      <Facts
        rows={[
          [t('colStatus'), c.status],
          [t('colReceived'), formatInstant(c.receivedAt)],
          [t('closedAt'), c.closedAt ? formatInstant(c.closedAt) : null],
          [t('extractPurgeFrom'), c.purgeFrom],
          [t('extractSource'), `${c.source.kind}, ${c.source.organisation} (${c.source.reference})`],
        ]}
      />
      {c.withheld.length > 0 && <p className="notice">{tf('extractWithheld', { fields: c.withheld.join(', ').toLowerCase() })}</p>}
      <h4>{t('extractData')}</h4>
      <Facts rows={c.personalData.map((d) => [d.label, d.value])} />
      <h4>{t('extractRecipients')}</h4>
      {c.recipients.length === 0 ? (
        <p>{t('extractNone')}</p>
      ) : (
        <ul>
          {c.recipients.map((r, i) => (
            <li key={i}>
              {r.at ? `${formatInstant(r.at)}: ` : ''}
              {r.organisation} – {r.what} ({r.ground})
            </li>
          ))}
        </ul>
      )}
      {c.processing.length > 0 && (
        <>
          <h4>{t('extractProcessing')}</h4>
          <ul>
            {c.processing.map((p, i) => (
              <li key={i}>
                {p.at ? `${formatInstant(p.at)}: ` : ''}
                {p.what}
              </li>
            ))}
          </ul>
        </>
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
        onSubmit={async (identityNumber) => setExtract(await ok(client.POST('/api/v1/audit/register-extract', { body: { identityNumber } })))}
        onClear={() => setExtract(null)}
      />
      {extract && (
        <div className="extract" aria-live="polite">
          <p>{tf('extractCreatedAt', { time: formatInstant(extract.createdAt) })}</p>
          {extract.cases.length === 0 ? <p className="empty">{t('extractNoCases')}</p> : <p className="big-text">{tn('casesAboutPerson', extract.cases.length)}</p>}
          {extract.cases.map((c) => (
            <CaseExtractView key={c.number} c={c} />
          ))}
          {extract.cases.length > 0 && (
            <Facts
              rows={[
                [t('extractController'), extract.controller],
                [t('extractPurposes'), extract.purposes.join(' ')],
                [t('extractLegalBasis'), extract.legalBasis.join(' ')],
                [t('extractStorage'), extract.storage.text],
                [t('extractRights'), extract.rights],
              ]}
            />
          )}
          <p className="notice">{t('extractSecrecy')}</p>
        </div>
      )}
    </section>
  );
}
